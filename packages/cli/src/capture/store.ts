import Database from 'better-sqlite3';
import type { Issue, JSONSchemaObject } from '@fieldkit/core';
import { createDriftChecker } from './drift.js';
import type { DriftItem, SavedSchema, SourceSummary, StoredEvent } from './wire.js';

export type { SavedSchema, SourceSummary, StoredEvent } from './wire.js';
import { CAPTURE_INFER_OPTIONS, inferApi, UNTYPED, type CaptureInferrer } from './inference.js';
import { decodeAndParse } from './parse-body.js';

/**
 * The capture store: one SQLite file (WAL) holding every received webhook event append-only,
 * the drift found in each, the schemas the user saved, and one incremental inference state per
 * (source, event type). Invariants:
 * - `events` rows are never updated or deleted (triggers abort any attempt);
 * - an event and its drift rows commit in ONE transaction; the inference states are written as
 *   a checkpoint in the same transaction as every {@link CaptureStoreOptions.stateEvery}-th
 *   accepted event (and on close), and `meta.inference_hwm` names the last event folded into the
 *   persisted states, so a restart resumes from the stored states and folds in the raw events
 *   stored after the mark (a few, or all captured while inference was unavailable).
 */

/** How SQLite syncs commits: `full` fsyncs the WAL on every commit (an acknowledged event survives power loss); `normal` survives process crashes only. */
export type SyncMode = 'full' | 'normal';

/** Options for {@link openCaptureStore}. */
export interface CaptureStoreOptions {
  /** SQLite synchronous mode. */
  sync?: SyncMode;
  /** Called with problems that are not the caller's fault to fix right now (an inferrer that throws, a state that fails to load). */
  onWarning?: (message: string) => void;
  /**
   * Accepted events between two writes of the inference states (a GitHub pull-request state is
   * ~55 KB of JSON: writing it on every commit was most of a commit's bytes). Events since the
   * last write are folded in again from the raw bodies after a crash. 1 = every commit.
   */
  stateEvery?: number;
}

/** Default options for {@link openCaptureStore}. */
export const DEFAULT_CAPTURE_STORE_OPTIONS: Required<Omit<CaptureStoreOptions, 'onWarning'>> = { sync: 'full', stateEvery: 256 };

/** An event as received, before it is stored. */
export interface IncomingEvent {
  /** ISO 8601 time the body finished arriving. */
  receivedAt: string;
  source: string;
  /** Headers worth keeping (never secrets), lower-case names. */
  headers: Record<string, string>;
  /** The body bytes exactly as received; null when the body was refused before reading (too large). */
  body: Buffer | null;
  status: 'accepted' | 'rejected';
  /** Why a rejected event was rejected. */
  reason?: Issue;
  /** The parsed payload of an accepted event. */
  payload?: unknown;
  /** Event type ({@link UNTYPED} when none). */
  type: string;
}




const DDL = `
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at TEXT NOT NULL,
  source TEXT NOT NULL,
  event_type TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
  reason TEXT,
  headers TEXT NOT NULL,
  size INTEGER NOT NULL,
  body BLOB,
  payload TEXT
);
CREATE INDEX IF NOT EXISTS events_by_source ON events (source, id);
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'fieldkit capture: events are append-only (no UPDATE)'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'fieldkit capture: events are append-only (no DELETE)'); END;
CREATE TABLE IF NOT EXISTS schemas (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  after_event_id INTEGER NOT NULL,
  schema TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS schemas_by_source ON schemas (source, id);
CREATE TABLE IF NOT EXISTS drift (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id INTEGER NOT NULL REFERENCES events (id),
  source TEXT NOT NULL,
  schema_id INTEGER NOT NULL REFERENCES schemas (id),
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  message TEXT NOT NULL,
  expected TEXT,
  actual TEXT
);
CREATE INDEX IF NOT EXISTS drift_by_event ON drift (event_id);
CREATE INDEX IF NOT EXISTS drift_by_source ON drift (source, event_id);
CREATE TABLE IF NOT EXISTS inference (
  source TEXT NOT NULL,
  event_type TEXT NOT NULL,
  count INTEGER NOT NULL,
  last_event_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (source, event_type)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

const FORMAT_VERSION = '1';

/** Distinct event types inferred separately per source; further types share the {@link OTHER_TYPES} state. */
export const MAX_TYPES_PER_SOURCE = 256;
/** Most inference states held at once. */
export const MAX_STATES = 10_000;
/** State key for event types past {@link MAX_TYPES_PER_SOURCE}. */
export const OTHER_TYPES = '(other)';

interface KeyState {
  source: string;
  type: string;
  inferrer: CaptureInferrer;
  lastEventId: number;
}

const keyOf = (source: string, type: string) => `${source}\u0000${type}`;

interface EventRow {
  id: number;
  received_at: string;
  source: string;
  event_type: string;
  status: 'accepted' | 'rejected';
  reason: string | null;
  headers: string;
  size: number;
  body: Buffer | null;
  payload: string | null;
}

/** The capture store; see {@link openCaptureStore}. */
export interface CaptureStore {
  /** The SQLite file. */
  readonly file: string;
  /** Store a batch of events in one transaction (group commit); returns them as stored, in order. Throws only when SQLite fails (then nothing of the batch is stored). */
  append(batch: readonly IncomingEvent[]): StoredEvent[];
  sources(): SourceSummary[];
  /** Newest first, ids below `before`. */
  events(source: string, opts?: { before?: number; limit?: number }): StoredEvent[];
  /** Events with id greater than `after` (oldest first), for stream replay. */
  eventsAfter(after: number, limit: number): StoredEvent[];
  event(id: number): (StoredEvent & { body: Buffer | null }) | undefined;
  savedSchema(source: string): SavedSchema | undefined;
  saveSchema(source: string, schema: JSONSchemaObject): SavedSchema;
  /** The inferred schema (with statistics) of one event type, or of all types merged. Undefined when nothing was inferred. */
  inferredSchema(source: string, type?: string): { schema: JSONSchemaObject; count: number } | undefined;
  /** Event types with an inference state, with their sample counts. */
  inferredTypes(source: string): { type: string; count: number }[];
  /** Whether schemas can be inferred in this build. */
  readonly canInfer: boolean;
  /** Re-derive every inference state and all drift from the raw stored bodies. */
  rebuild(): { events: number; states: number; drift: number; unparsable: number };
  /** `PRAGMA integrity_check` result ("ok" when sound). */
  integrityCheck(): string;
  /** Record (or with `undefined`, clear) the pid of the capture server using this file, so `rebuild` can refuse to run under it. */
  markServer(pid: number | undefined): void;
  /** The pid of a live capture server using this file, if any (a pid left by a killed server is ignored). */
  liveServer(): number | undefined;
  close(): void;
}

/** Open (creating if needed) a capture database. Throws when the file cannot be opened. */
export function openCaptureStore(file: string, opts: CaptureStoreOptions = {}): CaptureStore {
  const sync = opts.sync ?? DEFAULT_CAPTURE_STORE_OPTIONS.sync;
  const stateEvery = Math.max(1, Math.floor(opts.stateEvery ?? DEFAULT_CAPTURE_STORE_OPTIONS.stateEvery));
  const warn = opts.onWarning ?? (() => {});
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: each commit fsyncs the WAL, so a 2xx means the event survives power loss, not just a
  // crash. Group commit spreads that fsync over every request that arrived meanwhile.
  db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  // A writer elsewhere (rebuild, a sqlite3 shell) blocks the event loop while we wait: keep it short;
  // a commit that still cannot get the lock is answered 503 and the provider retries.
  db.pragma('busy_timeout = 2000');
  db.exec(DDL);
  const fmt = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('format') as string | undefined;
  if (fmt === undefined) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('format', FORMAT_VERSION);
  else if (fmt !== FORMAT_VERSION) throw new Error(`${file}: capture database format ${fmt} is not supported (expected ${FORMAT_VERSION})`);

  const q = {
    insertEvent: db.prepare(
      'INSERT INTO events (received_at, source, event_type, status, reason, headers, size, body, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertDrift: db.prepare('INSERT INTO drift (event_id, source, schema_id, kind, path, message, expected, actual) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    upsertState: db.prepare(
      'INSERT INTO inference (source, event_type, count, last_event_id, state) VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, event_type) DO UPDATE SET count = excluded.count, last_event_id = excluded.last_event_id, state = excluded.state',
    ),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
    driftFor: db.prepare('SELECT kind, path, message, expected, actual FROM drift WHERE event_id = ? ORDER BY id'),
    maxEventId: db.prepare('SELECT COALESCE(MAX(id), 0) FROM events').pluck(),
    latestSchema: db.prepare('SELECT id, saved_at, schema FROM schemas WHERE source = ? ORDER BY id DESC LIMIT 1'),
  };

  // Saved schemas, cached: drift is checked against the newest one per source.
  type Saved = { id: number; savedAt: string; schema: JSONSchemaObject; check: (payload: unknown) => DriftItem[] };
  const savedCache = new Map<string, Saved | null>();
  const latestSaved = (source: string): Saved | undefined => {
    if (!savedCache.has(source)) {
      const row = q.latestSchema.get(source) as { id: number; saved_at: string; schema: string } | undefined;
      if (!row) savedCache.set(source, null);
      else {
        const schema = JSON.parse(row.schema) as JSONSchemaObject;
        savedCache.set(source, { id: row.id, savedAt: row.saved_at, schema, check: createDriftChecker(schema) });
      }
    }
    return savedCache.get(source) ?? undefined;
  };

  const states = new Map<string, KeyState>();
  const newState = (source: string, type: string): KeyState | undefined =>
    inferApi ? { source, type, inferrer: inferApi.createInferrer(CAPTURE_INFER_OPTIONS), lastEventId: 0 } : undefined;

  // Bounds on what hostile or odd traffic can make the server hold in memory: event types past
  // MAX_TYPES_PER_SOURCE share one "(other)" state; past MAX_STATES no new state is started.
  const typesPerSource = new Map<string, number>();
  let warnedFull = false;
  const stateFor = (source: string, type: string): KeyState | undefined => {
    const k = keyOf(source, type);
    const have = states.get(k);
    if (have) return have;
    const n = typesPerSource.get(source) ?? 0;
    if (n >= MAX_TYPES_PER_SOURCE && type !== OTHER_TYPES) return stateFor(source, OTHER_TYPES);
    if (states.size >= MAX_STATES) {
      if (!warnedFull) warn(`more than ${MAX_STATES} (source, event type) pairs: new ones are stored but not inferred`);
      warnedFull = true;
      return undefined;
    }
    const st = newState(source, type);
    if (st) {
      states.set(k, st);
      typesPerSource.set(source, n + 1);
    }
    return st;
  };

  const addToState = (st: KeyState, payload: unknown, id: number) => {
    try {
      st.inferrer.add(payload);
    } catch (err) {
      warn(`inference of event ${id} (${st.source}/${st.type || 'untyped'}) failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    st.lastEventId = id;
  };

  const persistStates = (touched: Iterable<KeyState>, hwm: number) => {
    for (const st of touched) q.upsertState.run(st.source, st.type, st.inferrer.count, st.lastEventId, JSON.stringify(st.inferrer.state));
    q.setMeta.run('inference_hwm', String(hwm));
  };

  // States changed since the last checkpoint, accepted events folded since, and the last event id
  // folded into memory (the checkpoint's high-water mark).
  const dirty = new Set<KeyState>();
  let sinceCheckpoint = 0;
  let foldedId = 0;
  const forgetUnsaved = () => {
    dirty.clear();
    sinceCheckpoint = 0;
  };

  const recordDrift = (eventId: number, source: string, payload: unknown): DriftItem[] => {
    const saved = latestSaved(source);
    if (!saved) return [];
    let items: DriftItem[];
    try {
      items = saved.check(payload);
    } catch (err) {
      warn(`drift check of event ${eventId} failed: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
    for (const d of items) q.insertDrift.run(eventId, source, saved.id, d.kind, JSON.stringify(d.path), d.message, d.expected ?? null, d.actual ?? null);
    return items;
  };

  const loadStates = () => {
    forgetUnsaved();
    states.clear();
    typesPerSource.clear();
    if (!inferApi) return;
    const rows = db.prepare('SELECT source, event_type, last_event_id, state FROM inference').all() as {
      source: string;
      event_type: string;
      last_event_id: number;
      state: string;
    }[];
    let broken = 0;
    for (const r of rows) {
      const res = inferApi.inferrerFromState(JSON.parse(r.state), CAPTURE_INFER_OPTIONS);
      if (!res.ok) {
        broken++;
        continue;
      }
      states.set(keyOf(r.source, r.event_type), { source: r.source, type: r.event_type, inferrer: res.value, lastEventId: r.last_event_id });
      typesPerSource.set(r.source, (typesPerSource.get(r.source) ?? 0) + 1);
    }
    if (broken) {
      warn(`${broken} stored inference state(s) could not be loaded; re-deriving all states from the raw events`);
      rebuild();
      return;
    }
    // Resume: fold in events stored after the high-water mark (e.g. captured while this build had no inferrer).
    const hwm = Number(q.getMeta.get('inference_hwm') ?? 0);
    if (hwm < (q.maxEventId.get() as number)) db.transaction(() => foldEvents(hwm, false))();
  };

  /** Fold raw events with id > after into the states, page by page, in the current transaction-less mode (each page commits). */
  const foldEvents = (after: number, withDrift: boolean) => {
    let last = after;
    let events = 0;
    let unparsable = 0;
    let drift = 0;
    const page = db.prepare('SELECT id, source, event_type, status, headers, body FROM events WHERE id > ? ORDER BY id LIMIT 500');
    const schemaAt = db.prepare('SELECT id, schema FROM schemas WHERE source = ? AND after_event_id < ? ORDER BY id DESC LIMIT 1');
    const checkers = new Map<number, (payload: unknown) => DriftItem[]>();
    for (;;) {
      const rows = page.all(last) as Pick<EventRow, 'id' | 'source' | 'event_type' | 'status' | 'headers' | 'body'>[];
      if (!rows.length) break;
      const touched = new Set<KeyState>();
      for (const r of rows) {
        last = r.id;
        if (r.status !== 'accepted' || !r.body) continue;
        const parsed = decodeAndParse(r.body);
        if (!parsed.ok) {
          unparsable++;
          warn(`event ${r.id}: stored body no longer parses: ${parsed.issue.message}`);
          continue;
        }
        events++;
        const st = stateFor(r.source, r.event_type);
        if (st) {
          addToState(st, parsed.payload, r.id);
          touched.add(st);
        }
        if (withDrift) {
          const srow = schemaAt.get(r.source, r.id) as { id: number; schema: string } | undefined;
          if (srow) {
            let check = checkers.get(srow.id);
            if (!check) {
              check = createDriftChecker(JSON.parse(srow.schema) as JSONSchemaObject);
              checkers.set(srow.id, check);
            }
            try {
              for (const d of check(parsed.payload)) {
                q.insertDrift.run(r.id, r.source, srow.id, d.kind, JSON.stringify(d.path), d.message, d.expected ?? null, d.actual ?? null);
                drift++;
              }
            } catch (err) {
              warn(`drift check of event ${r.id} failed: ${err instanceof Error ? err.message : String(err)}`);
            }
          }
        }
      }
      if (inferApi) persistStates(touched, last);
    }
    return { events, unparsable, drift };
  };

  const rebuild = () => {
    const run = db.transaction(() => {
      db.exec('DELETE FROM inference; DELETE FROM drift;');
      q.setMeta.run('inference_hwm', '0');
      forgetUnsaved();
      states.clear();
      typesPerSource.clear();
      return foldEvents(0, true);
    });
    let r: ReturnType<typeof foldEvents>;
    try {
      r = run();
    } catch (err) {
      loadStates();
      throw err;
    }
    return { events: r.events, states: states.size, drift: r.drift, unparsable: r.unparsable };
  };

  const rowToEvent = (r: EventRow): StoredEvent => {
    const ev: StoredEvent = {
      id: r.id,
      receivedAt: r.received_at,
      source: r.source,
      type: r.event_type,
      status: r.status,
      headers: JSON.parse(r.headers) as Record<string, string>,
      size: r.size,
      drift: (q.driftFor.all(r.id) as { kind: DriftItem['kind']; path: string; message: string; expected: string | null; actual: string | null }[]).map(
        (d) => ({
          kind: d.kind,
          path: JSON.parse(d.path) as DriftItem['path'],
          message: d.message,
          ...(d.expected !== null ? { expected: d.expected } : {}),
          ...(d.actual !== null ? { actual: d.actual } : {}),
        }),
      ),
    };
    if (r.reason !== null) ev.reason = JSON.parse(r.reason) as Issue;
    if (r.payload !== null) ev.payload = JSON.parse(r.payload);
    else if (r.body) ev.bodyPreview = r.body.subarray(0, 2048).toString('utf8');
    return ev;
  };

  const appendTx = db.transaction((batch: readonly IncomingEvent[]) => {
    const out: StoredEvent[] = [];
    const touched = new Set<KeyState>();
    let lastId = 0;
    let accepted = 0;
    for (const e of batch) {
      const payloadText = e.status === 'accepted' ? JSON.stringify(e.payload) : null;
      const info = q.insertEvent.run(
        e.receivedAt,
        e.source,
        e.type,
        e.status,
        e.reason ? JSON.stringify(e.reason) : null,
        JSON.stringify(e.headers),
        e.body?.length ?? 0,
        e.body,
        payloadText,
      );
      const id = Number(info.lastInsertRowid);
      lastId = id;
      let drift: DriftItem[] = [];
      if (e.status === 'accepted') {
        accepted++;
        const st = stateFor(e.source, e.type);
        if (st) {
          addToState(st, e.payload, id);
          touched.add(st);
        }
        drift = recordDrift(id, e.source, e.payload);
      }
      const stored: StoredEvent = {
        id,
        receivedAt: e.receivedAt,
        source: e.source,
        type: e.type,
        status: e.status,
        headers: e.headers,
        size: e.body?.length ?? 0,
        drift,
      };
      if (e.reason) stored.reason = e.reason;
      if (e.status === 'accepted') stored.payload = e.payload;
      out.push(stored);
    }
    if (inferApi && lastId) {
      for (const st of touched) dirty.add(st);
      sinceCheckpoint += accepted;
      foldedId = lastId;
      if (sinceCheckpoint >= stateEvery) {
        persistStates(dirty, lastId);
        forgetUnsaved();
      }
    }
    return { out, touched };
  });

  let closed = false;
  const store: CaptureStore = {
    file,
    canInfer: inferApi !== undefined,
    append(batch) {
      if (!batch.length) return [];
      // If the commit fails, states touched by the batch hold samples that were never stored:
      // reload the states from the database so memory matches disk again.
      try {
        return appendTx(batch).out;
      } catch (err) {
        loadStates();
        throw err;
      }
    },
    sources() {
      const rows = db
        .prepare(
          `SELECT source, event_type AS type, SUM(status = 'accepted') AS accepted, SUM(status = 'rejected') AS rejected, MAX(id) AS last_id, MAX(received_at) AS last_at
           FROM events GROUP BY source, event_type ORDER BY source`,
        )
        .all() as { source: string; type: string; accepted: number; rejected: number; last_id: number; last_at: string }[];
      const drift = new Map(
        (db.prepare('SELECT source, COUNT(DISTINCT event_id) AS n FROM drift GROUP BY source').all() as { source: string; n: number }[]).map((r) => [r.source, r.n]),
      );
      const bySource = new Map<string, SourceSummary>();
      for (const r of rows) {
        let s = bySource.get(r.source);
        if (!s) {
          s = { source: r.source, count: 0, rejected: 0, lastId: 0, lastReceivedAt: '', types: [], driftEvents: drift.get(r.source) ?? 0, schemaVersion: latestSaved(r.source)?.id ?? null };
          bySource.set(r.source, s);
        }
        s.count += r.accepted + r.rejected;
        s.rejected += r.rejected;
        if (r.last_id > s.lastId) {
          s.lastId = r.last_id;
          s.lastReceivedAt = r.last_at;
        }
        if (r.accepted) s.types.push({ type: r.type, count: r.accepted });
      }
      // Sources with a saved schema but no events yet are listed too: the user designed first.
      for (const r of db.prepare('SELECT DISTINCT source FROM schemas').pluck().all() as string[]) {
        if (!bySource.has(r)) bySource.set(r, { source: r, count: 0, rejected: 0, lastId: 0, lastReceivedAt: '', types: [], driftEvents: 0, schemaVersion: latestSaved(r)?.id ?? null });
      }
      return [...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
    },
    events(source, o = {}) {
      const limit = Math.max(1, Math.min(500, Math.floor(o.limit ?? 50)));
      const before = o.before !== undefined && Number.isFinite(o.before) ? Math.floor(o.before) : Number.MAX_SAFE_INTEGER;
      const rows = db.prepare('SELECT * FROM events WHERE source = ? AND id < ? ORDER BY id DESC LIMIT ?').all(source, before, limit) as EventRow[];
      return rows.map(rowToEvent);
    },
    eventsAfter(after, limit) {
      const rows = db.prepare('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?').all(Math.floor(after), Math.max(1, Math.floor(limit))) as EventRow[];
      return rows.map(rowToEvent);
    },
    event(id) {
      const r = db.prepare('SELECT * FROM events WHERE id = ?').get(Math.floor(id)) as EventRow | undefined;
      return r ? { ...rowToEvent(r), body: r.body } : undefined;
    },
    savedSchema(source) {
      const s = latestSaved(source);
      return s ? { version: s.id, savedAt: s.savedAt, schema: s.schema } : undefined;
    },
    saveSchema(source, schema) {
      const savedAt = new Date().toISOString();
      const info = db
        .prepare('INSERT INTO schemas (source, saved_at, after_event_id, schema) VALUES (?, ?, ?, ?)')
        .run(source, savedAt, q.maxEventId.get() as number, JSON.stringify(schema));
      const id = Number(info.lastInsertRowid);
      savedCache.set(source, { id, savedAt, schema, check: createDriftChecker(schema) });
      return { version: id, savedAt, schema };
    },
    inferredSchema(source, type) {
      if (!inferApi) return undefined;
      const keys = [...states.values()].filter((s) => s.source === source && (type === undefined || s.type === type));
      if (!keys.length) return undefined;
      if (keys.length === 1) return { schema: keys[0].inferrer.toSchema({ stats: true }), count: keys[0].inferrer.count };
      // Several event types: merge their states into a fresh inferrer (merge is commutative and
      // associative), and let it split by its own discriminator detection.
      const all = inferApi.createInferrer({ stats: true });
      for (const k of keys) all.merge(k.inferrer.state);
      return { schema: all.toSchema({ stats: true }), count: all.count };
    },
    inferredTypes(source) {
      return [...states.values()].filter((s) => s.source === source).map((s) => ({ type: s.type, count: s.inferrer.count }));
    },
    rebuild,
    integrityCheck() {
      return String(db.pragma('integrity_check', { simple: true }));
    },
    markServer(pid) {
      if (pid === undefined) db.prepare("DELETE FROM meta WHERE key = 'server_pid'").run();
      else q.setMeta.run('server_pid', String(pid));
    },
    liveServer() {
      const v = Number(q.getMeta.get('server_pid'));
      if (!Number.isSafeInteger(v) || v <= 0 || v === process.pid) return undefined;
      try {
        process.kill(v, 0);
        return v;
      } catch (err) {
        // EPERM: the process exists but belongs to someone else: still a live server.
        return (err as NodeJS.ErrnoException).code === 'EPERM' ? v : undefined;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      // The last checkpoint: a clean shutdown restarts without re-reading any event.
      if (inferApi && dirty.size > 0) {
        try {
          db.transaction(() => persistStates(dirty, foldedId))();
          forgetUnsaved();
        } catch (err) {
          warn(`could not save the inference states (they are re-derived from the events on the next start): ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      db.close();
    },
  };
  loadStates();
  return store;
}

export { UNTYPED };
