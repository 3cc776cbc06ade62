import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JSONSchemaObject } from '@fieldkit/core';
import {
  fetchEvent,
  fetchEvents,
  fetchSchemaInfo,
  fetchSources,
  formatDriftPath,
  hookUrl,
  saveSchema,
  sendTestEvent,
  SOURCE_NAME,
  streamUrl,
  type CapturedEvent,
  type SourceSummary,
} from './api.js';
import './capture.css';

/** Props of the Capture view (CONTRACTS.md section 6). */
export interface CaptureViewProps {
  /** Base URL of a running `fieldkit capture` server, e.g. `http://127.0.0.1:5179`. */
  apiBase: string;
  /** Called with a captured payload the user chose to add as a sample. */
  onUseSample(sample: unknown): void;
  /** The schema being designed; offered as the source's saved schema for drift checks. */
  schema?: JSONSchemaObject;
}

/** Most events kept on screen per source (older ones stay on the server: "Load older"). */
const MAX_SHOWN = 300;
/** Live events are applied in batches this often, so a burst of webhooks cannot freeze the page. */
const FLUSH_MS = 250;

type Conn = 'connecting' | 'live' | 'offline';

function timeOf(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString();
}

function mergeEvents(current: CapturedEvent[], incoming: CapturedEvent[]): CapturedEvent[] {
  const byId = new Map<number, CapturedEvent>();
  for (const e of current) byId.set(e.id, e);
  for (const e of incoming) byId.set(e.id, { ...byId.get(e.id), ...e });
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

/**
 * The Capture tab: the webhook URL to paste into a provider, events arriving live (SSE), drift
 * against the saved schema highlighted, and one click to turn a captured payload into a sample.
 */
export function CaptureView({ apiBase, onUseSample, schema }: CaptureViewProps) {
  const [conn, setConn] = useState<Conn>('connecting');
  const [sources, setSources] = useState<SourceSummary[]>([]);
  const [source, setSource] = useState('iterable');
  const [events, setEvents] = useState<CapturedEvent[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [saved, setSaved] = useState<{ version: number; savedAt: string } | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [onlyDrift, setOnlyDrift] = useState(false);
  const userPicked = useRef(false);
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const validSource = SOURCE_NAME.test(source) && source !== '.' && source !== '..';
  const url = hookUrl(apiBase, validSource ? source : '<source>');

  const loadSources = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const r = await fetchSources(apiBase, signal);
        setSources(r.sources);
        setConn((c) => (c === 'offline' ? 'connecting' : c));
        if (!userPicked.current && r.sources.length && !r.sources.some((s) => s.source === sourceRef.current)) setSource(r.sources[0].source);
        return true;
      } catch (e) {
        if ((e as Error).name === 'AbortError') return false;
        setConn('offline');
        return false;
      }
    },
    [apiBase],
  );

  // Sources: now, then again while the server is unreachable.
  useEffect(() => {
    const ac = new AbortController();
    void loadSources(ac.signal);
    const t = setInterval(() => {
      if (conn === 'offline') void loadSources(ac.signal);
    }, 3000);
    return () => {
      ac.abort();
      clearInterval(t);
    };
  }, [loadSources, conn]);

  // Events and saved-schema info of the selected source.
  useEffect(() => {
    if (!validSource) return;
    const ac = new AbortController();
    setEvents([]);
    setNextBefore(null);
    setOpenId(null);
    fetchEvents(apiBase, source, undefined, ac.signal)
      .then((r) => {
        setEvents(r.events);
        setNextBefore(r.nextBefore);
      })
      .catch(() => {});
    fetchSchemaInfo(apiBase, source, ac.signal)
      .then((r) => setSaved(r.saved))
      .catch(() => setSaved(null));
    return () => ac.abort();
  }, [apiBase, source, validSource]);

  // Live stream: buffer frames, apply them every FLUSH_MS.
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource(streamUrl(apiBase));
    let buffer: CapturedEvent[] = [];
    let sourcesDirty = false;
    es.onopen = () => setConn('live');
    // A failed sources fetch decides "offline"; the stream's own retries must not hide that.
    es.onerror = () => setConn((c) => (c === 'offline' || es.readyState === EventSource.CLOSED ? 'offline' : 'connecting'));
    es.addEventListener('capture', (m) => {
      try {
        buffer.push(JSON.parse((m as MessageEvent<string>).data) as CapturedEvent);
        sourcesDirty = true;
      } catch {
        // a frame we cannot read is skipped; the list reloads from the API on the next change
      }
    });
    es.addEventListener('drift', (m) => {
      try {
        const d = JSON.parse((m as MessageEvent<string>).data) as { id: number; drift: CapturedEvent['drift'] };
        // The capture frame carries its drift already; this updates an event shown before it was known.
        if (!buffer.some((b) => b.id === d.id)) setEvents((cur) => cur.map((e) => (e.id === d.id ? { ...e, drift: d.drift } : e)));
      } catch {
        // as above
      }
    });
    es.addEventListener('schema', (m) => {
      try {
        const d = JSON.parse((m as MessageEvent<string>).data) as { source: string; version: number };
        if (d.source === sourceRef.current) setSaved({ version: d.version, savedAt: new Date().toISOString() });
        sourcesDirty = true;
      } catch {
        // as above
      }
    });
    const t = setInterval(() => {
      if (buffer.length) {
        const mine = buffer.filter((e) => e.source === sourceRef.current);
        buffer = [];
        if (mine.length) setEvents((cur) => mergeEvents(cur, mine).slice(0, MAX_SHOWN));
      }
      if (sourcesDirty) {
        sourcesDirty = false;
        void loadSources();
      }
    }, FLUSH_MS);
    return () => {
      clearInterval(t);
      es.close();
    };
  }, [apiBase, loadSources]);

  const shown = useMemo(() => (onlyDrift ? events.filter((e) => e.drift.length > 0) : events), [events, onlyDrift]);
  const current = sources.find((s) => s.source === source);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setMessage('Webhook URL copied.');
    } catch {
      setMessage('Copy failed: select the URL and copy it by hand.');
    }
  };

  const test = async () => {
    setError('');
    try {
      const r = await sendTestEvent(apiBase, source);
      setMessage(`Test event ${r.id} stored.`);
    } catch (e) {
      setError(`Test event failed: ${(e as Error).message}`);
    }
  };

  const addSample = async (e: CapturedEvent) => {
    setError('');
    try {
      const full = e.truncated ? await fetchEvent(apiBase, e.id) : e;
      onUseSample(full.payload);
      setMessage(`Event ${e.id} added as a sample.`);
    } catch (err) {
      setError(`Could not load event ${e.id}: ${(err as Error).message}`);
    }
  };

  const addAllSamples = async () => {
    setError('');
    const accepted = shown.filter((e) => e.status === 'accepted');
    try {
      // Oldest first, so the samples read in the order the provider sent them.
      for (const e of [...accepted].reverse()) onUseSample((e.truncated ? await fetchEvent(apiBase, e.id) : e).payload);
      setMessage(`${accepted.length} event${accepted.length === 1 ? '' : 's'} added as samples.`);
    } catch (err) {
      setError(`Could not load every event: ${(err as Error).message}`);
    }
  };

  const save = async () => {
    if (!schema) return;
    setError('');
    try {
      const r = await saveSchema(apiBase, source, schema);
      setSaved(r);
      setMessage(`Schema saved for "${source}" (version ${r.version}): new events are checked for drift against it.`);
    } catch (e) {
      setError(`Saving the schema failed: ${(e as Error).message}`);
    }
  };

  const older = async () => {
    if (nextBefore === null) return;
    try {
      const r = await fetchEvents(apiBase, source, nextBefore);
      setEvents((cur) => mergeEvents(cur, r.events));
      setNextBefore(r.nextBefore);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="fkc" aria-labelledby="fkc-title">
      <div className="fkc-head">
        <h2 id="fkc-title">Capture webhooks</h2>
        <span className={`fkc-conn fkc-conn-${conn}`} role="status">
          {conn === 'live' ? 'Live' : conn === 'connecting' ? 'Connecting…' : 'Capture server not reachable'}
        </span>
      </div>

      {conn === 'offline' && (
        <div className="fkc-note">
          <p>
            Start the capture server on this machine, then this page connects by itself:
          </p>
          <pre className="fkc-code">fieldkit capture</pre>
          <p className="fkc-muted">
            Expected at {apiBase}. From a fieldkit checkout: <code>pnpm build && node packages/cli/dist/bin.js capture</code>. Events are
            stored in ./fieldkit-capture.db.
          </p>
        </div>
      )}

      <div className="fkc-endpoint">
        <div className="fkc-field">
          <label htmlFor="fkc-source">Source name</label>
          <input
            id="fkc-source"
            className="fkc-input"
            value={source}
            maxLength={64}
            spellCheck={false}
            aria-invalid={!validSource}
            aria-describedby="fkc-source-hint"
            onChange={(e) => {
              userPicked.current = true;
              setSource(e.target.value.trim());
            }}
          />
        </div>
        <div className="fkc-field fkc-grow">
          <label htmlFor="fkc-url">Webhook URL to paste into the provider</label>
          <div className="fkc-row">
            <input id="fkc-url" className="fkc-input fkc-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="fkc-btn" onClick={copy} disabled={!validSource}>
              Copy
            </button>
            <button type="button" className="fkc-btn" onClick={test} disabled={!validSource || conn === 'offline'}>
              Send test event
            </button>
          </div>
        </div>
        <p id="fkc-source-hint" className={validSource ? 'fkc-muted' : 'fkc-error'}>
          {validSource
            ? 'In Iterable: Integrations → Webhooks → Endpoint. A provider on the internet needs a tunnel to this machine (e.g. cloudflared, ngrok).'
            : 'Use 1 to 64 letters, digits, ".", "_" or "-".'}
        </p>
      </div>

      <p className="fkc-live" role="status" aria-live="polite">
        {message}
      </p>
      {error && (
        <p className="fkc-error" role="alert">
          {error}
        </p>
      )}

      <div className="fkc-main">
        <nav className="fkc-sources" aria-label="Captured sources">
          <h3>Sources</h3>
          {sources.length === 0 ? (
            <p className="fkc-muted">No events yet.</p>
          ) : (
            <ul>
              {sources.map((s) => (
                <li key={s.source}>
                  <button
                    type="button"
                    className="fkc-source"
                    aria-current={s.source === source ? 'true' : undefined}
                    onClick={() => {
                      userPicked.current = true;
                      setSource(s.source);
                    }}
                  >
                    <span className="fkc-source-name">{s.source}</span>
                    <span className="fkc-count">{s.count}</span>
                    {s.driftEvents > 0 && <span className="fkc-badge fkc-badge-drift">{s.driftEvents} drift</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </nav>

        <div className="fkc-events">
          <div className="fkc-toolbar">
            <span className="fkc-muted">
              {current ? `${current.count} event${current.count === 1 ? '' : 's'}${current.rejected ? `, ${current.rejected} rejected` : ''}` : 'No events for this source yet.'}
              {current && current.types.length > 0 && ` · types: ${current.types.map((t) => `${t.type || '(untyped)'} ${t.count}`).join(', ')}`}
            </span>
            <span className="fkc-muted">{saved ? `Drift checked against saved schema v${saved.version}` : 'No saved schema: drift is not checked'}</span>
            {schema && (
              <button type="button" className="fkc-btn" onClick={save} disabled={!validSource || conn === 'offline'}>
                Check drift against the designed schema
              </button>
            )}
            {shown.some((e) => e.status === 'accepted') && (
              <button type="button" className="fkc-btn" onClick={() => void addAllSamples()}>
                Use all {shown.filter((e) => e.status === 'accepted').length} shown as samples
              </button>
            )}
            <label className="fkc-check">
              <input type="checkbox" checked={onlyDrift} onChange={(e) => setOnlyDrift(e.target.checked)} /> Only drifted
            </label>
          </div>

          <ul className="fkc-list" aria-label={`Events of ${source}`}>
            {shown.map((e) => {
              const open = openId === e.id;
              const drifted = e.drift.length > 0;
              return (
                <li key={e.id} className={`fkc-event${drifted ? ' fkc-event-drift' : ''}${e.status === 'rejected' ? ' fkc-event-rejected' : ''}`}>
                  <div className="fkc-event-row">
                    <button type="button" className="fkc-event-toggle" aria-expanded={open} aria-controls={`fkc-ev-${e.id}`} onClick={() => setOpenId(open ? null : e.id)}>
                      <span className="fkc-id">#{e.id}</span>
                      <span className="fkc-time">{timeOf(e.receivedAt)}</span>
                      <span className="fkc-type">{e.status === 'rejected' ? 'rejected' : e.type || '(untyped)'}</span>
                      <span className="fkc-size">{e.size} B</span>
                      {drifted && <span className="fkc-badge fkc-badge-drift">{e.drift.length} drift</span>}
                    </button>
                    {e.status === 'accepted' && (
                      <button type="button" className="fkc-btn" onClick={() => void addSample(e)}>
                        Use as sample
                      </button>
                    )}
                  </div>
                  {open && (
                    <div className="fkc-detail" id={`fkc-ev-${e.id}`}>
                      {e.reason && (
                        <p className="fkc-error">
                          {e.reason.message}
                        </p>
                      )}
                      {drifted && (
                        <ul className="fkc-drift" aria-label="Drift from the saved schema">
                          {e.drift.map((d, i) => (
                            <li key={i}>
                              <span className={`fkc-badge fkc-kind-${d.kind}`}>{d.kind}</span> <span title={formatDriftPath(d.path)}>{d.message}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                      <pre className="fkc-code" tabIndex={0} aria-label={`Payload of event ${e.id}`}>
                        {e.truncated ? '(large payload: "Use as sample" loads it)' : e.payload !== undefined ? JSON.stringify(e.payload, null, 2) : (e.bodyPreview ?? '(no body stored)')}
                      </pre>
                      {Object.keys(e.headers).length > 0 && (
                        <details>
                          <summary>Headers</summary>
                          <pre className="fkc-code">{Object.entries(e.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>
                        </details>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
          {nextBefore !== null && (
            <button type="button" className="fkc-btn" onClick={() => void older()}>
              Load older events
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
