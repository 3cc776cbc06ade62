import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import {
  DISCRIMINATOR_KEYS,
  fieldsToSchema,
  fieldsToWorkato,
  workatoExportLosses,
  formatPath,
  inferSchema,
  listVariants,
  PRESETS,
  schemaToFields,
  type Field,
  type FieldList,
  type Issue,
  type JSONSchemaObject,
  type SchemaDraft,
} from '@fieldkit/core';
import { analyzeSamples, copyText, JsonWizard, RequestBodyBuilder, SchemaDesigner, type FormObject, type JsonWizardOptions } from '@fieldkit/react';
import { CaptureTab } from './CaptureTab.js';
import { CodeView } from './components/CodeView.js';
import { TabList, type TabItem } from './components/Tabs.js';
import { downloadText } from './lib/files.js';
import { ALL_EVENTS, UNION_EVENTS, bodyFormKey, designFor, exampleState, typeNameFor, withDesign, type DesignerState, type OutputId, type TabId } from './lib/state.js';
import { HASH_PARAM, loadInitialState, parseStateText, saveLocal, shareUrl, stateFile } from './lib/storage.js';
import { useTypeScript } from './lib/useTypeScript.js';
import { useValidation } from './lib/useValidation.js';
import { unionSchema, type UnionMember } from './lib/union.js';

/** A message in the status bar, optionally with an action (Undo). */
interface Notice {
  kind: 'info' | 'warning' | 'error';
  text: string;
  action?: { label: string; run(): void };
}

const TABS: readonly TabItem<TabId>[] = [
  { id: 'design', label: 'Design' },
  { id: 'validate', label: 'Validate' },
  { id: 'body', label: 'Request body' },
  { id: 'capture', label: 'Capture' },
];

const OUTPUT_FILES: Record<OutputId, { ext: string; mime: string; label: string }> = {
  schema: { ext: '.schema.json', mime: 'application/schema+json', label: 'JSON Schema' },
  typescript: { ext: '.ts', mime: 'text/plain', label: 'TypeScript' },
  workato: { ext: '.workato.json', mime: 'application/json', label: 'Workato' },
};

const OUTPUT_ORDER: readonly OutputId[] = ['typescript', 'schema', 'workato'];

const AUTOSAVE_DELAY_MS = 400;
/** Browsers and chat tools choke on longer URLs (Chromium's limit is 2 MB; many tools cut far earlier). */
const MAX_LINK_CHARS = 1_000_000;
/** One empty list, so "no fields" keeps its identity across renders (memoised outputs depend on it). */
const NO_FIELDS: FieldList = [];

/** The designer app: samples → editable field tree → JSON Schema / TypeScript / Workato. */
export function App() {
  const initial = useMemo(() => loadInitialState(), []);
  const [state, setState] = useState<DesignerState>(initial.state);
  const [notice, setNotice] = useState<Notice | undefined>(() =>
    initial.problems.length
      ? { kind: 'warning', text: `${initial.problems.join('; ')}. The example was used where needed.` }
      : initial.source === 'link'
        ? { kind: 'info', text: 'Opened a shared design. Your edits are saved in this browser.' }
        : undefined,
  );
  const [saveError, setSaveError] = useState<string>();
  const stateRef = useRef(state);
  stateRef.current = state;

  // A shared link is read once; afterwards the browser's saved copy is the source of truth.
  useEffect(() => {
    if (initial.source === 'link' && window.location.hash.includes(`${HASH_PARAM}=`)) {
      history.replaceState(null, '', window.location.pathname + window.location.search);
    }
  }, [initial.source]);

  useEffect(() => {
    const t = setTimeout(() => setSaveError(saveLocal(state)), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(t);
  }, [state]);
  // The autosave is debounced: a tab closed right after an edit still keeps it.
  useEffect(() => {
    const flush = () => {
      if (document.visibilityState === 'hidden') saveLocal(stateRef.current);
    };
    const onHide = () => saveLocal(stateRef.current);
    document.addEventListener('visibilitychange', flush);
    window.addEventListener('pagehide', onHide);
    return () => {
      document.removeEventListener('visibilitychange', flush);
      window.removeEventListener('pagehide', onHide);
    };
  }, []);

  const update = useCallback((patch: Partial<DesignerState>) => setState((s) => ({ ...s, ...patch })), []);

  /** Replace the whole state, offering to undo it. */
  const replaceAll = useCallback((next: DesignerState, text: string) => {
    const prev = stateRef.current;
    setState(next);
    setNotice({ kind: 'info', text, action: { label: 'Undo', run: () => (setState(prev), setNotice(undefined)) } });
  }, []);

  // ---- inference: samples -> event types -> inferred fields (only recomputed when samples change)
  const inferred = useMemo(() => inferSchema(state.samples, { stats: true }), [state.samples]);
  const variants = useMemo(() => listVariants(inferred), [inferred]);
  const discriminator = typeof inferred['x-fieldkit-discriminator'] === 'string' ? inferred['x-fieldkit-discriminator'] : undefined;
  const merged = useMemo(
    () => (variants.length ? inferSchema(state.samples, { stats: true, discriminator: false }) : inferred),
    [variants, inferred, state.samples],
  );
  // Saved/linked states may name the event by its variant name (EmailSend) or its raw value (emailSend).
  const matched = variants.find((v) => v.name === state.event) ?? variants.find((v) => String(v.value) === state.event);
  const event =
    variants.length === 0 || state.event === ALL_EVENTS
      ? ALL_EVENTS
      : state.event === UNION_EVENTS
        ? UNION_EVENTS
        : (matched ?? variants[0]!).name;
  const isUnion = event === UNION_EVENTS;
  // In the union view there is no single tree: it shows the merged fields where one is needed (Workato, key checks).
  const treeEvent = isUnion ? ALL_EVENTS : event;
  const variantCounts = useMemo(() => {
    const counts = new Map<string, number>();
    if (!discriminator) return counts;
    for (const s of state.samples) {
      if (typeof s === 'object' && s !== null && Object.hasOwn(s, discriminator)) {
        const v = JSON.stringify((s as Record<string, unknown>)[discriminator]);
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
    }
    return counts;
  }, [state.samples, discriminator]);
  const baseSchema: JSONSchemaObject = treeEvent === ALL_EVENTS ? merged : (variants.find((v) => v.name === treeEvent)?.schema ?? merged);
  const inferredFields = useMemo(() => (state.samples.length ? schemaToFields(baseSchema) : undefined), [baseSchema, state.samples.length]);
  const edited = designFor(state, treeEvent);
  const eventValue = variants.find((v) => v.name === event)?.value;
  const exampleSample = useMemo(
    () =>
      event === ALL_EVENTS || isUnion || !discriminator
        ? state.samples[0]
        : state.samples.find((x) => typeof x === 'object' && x !== null && (x as Record<string, unknown>)[discriminator] === eventValue),
    [state.samples, event, isUnion, discriminator, eventValue],
  );
  const fields: FieldList = edited ?? (inferredFields?.ok ? inferredFields.value : NO_FIELDS);
  const onFieldsChange = useCallback((next: FieldList) => setState((s) => withDesign(s, treeEvent, next)), [treeEvent]);

  // ---- outputs
  const singleEvent = useMemo(() => (variants.length ? undefined : commonEventName(state.samples)), [variants, state.samples]);
  const title = state.title.trim() || typeNameFor(event === ALL_EVENTS || isUnion ? (singleEvent ?? '') : event) || 'Payload';
  // Inference examples are real payload values (emails, ids) and stats are fieldkit's own notes:
  // exported only when asked for.
  const exported = useMemo(() => (state.annotations ? fields : withoutAnnotations(fields)), [fields, state.annotations]);
  const unionMembers = useMemo<UnionMember[]>(() => {
    if (!isUnion) return [];
    return variants.map((v) => {
      const designed = state.designs.find((d) => d.event === v.name)?.fields;
      const inferredR = designed ? undefined : schemaToFields(v.schema);
      const f = designed ?? (inferredR?.ok ? inferredR.value : NO_FIELDS);
      return { name: v.name, value: v.value, fields: state.annotations ? f : withoutAnnotations(f) };
    });
  }, [isUnion, variants, state.designs, state.annotations]);
  const schema = useMemo(
    () =>
      isUnion && discriminator
        ? unionSchema(unionMembers, { discriminator, draft: state.draft, title })
        : fieldsToSchema(exported, { draft: state.draft, title }),
    [isUnion, discriminator, unionMembers, exported, state.draft, title],
  );
  // Only the visible export is serialised: on a 5,000-field schema each one costs milliseconds per edit.
  const showSchema = state.allOutputs || state.output === 'schema';
  const showWorkato = state.allOutputs || state.output === 'workato';
  const schemaText = useMemo(() => (showSchema ? JSON.stringify(schema, null, 2) + '\n' : ''), [schema, showSchema]);
  const workatoText = useMemo(() => (showWorkato ? JSON.stringify(fieldsToWorkato(exported), null, 2) + '\n' : ''), [exported, showWorkato]);
  const ts = useTypeScript(schema, state.allOutputs || state.output === 'typescript');
  const workatoLosses = useMemo(() => (showWorkato ? workatoExportLosses(exported) : []), [exported, showWorkato]);
  const validation = useValidation(schema, fields, state.validateText, state.tab === 'validate');
  // A payload of another event type than the selected one: offer to check it against its own.
  const payloadVariant = useMemo(() => {
    const p = validation.payload;
    if (!discriminator || typeof p !== 'object' || p === null || !Object.hasOwn(p, discriminator)) return undefined;
    const value = (p as Record<string, unknown>)[discriminator];
    return variants.find((v) => v.value === value);
  }, [validation.payload, discriminator, variants]);

  const outputText: Record<OutputId, string> = { schema: schemaText, typescript: ts.text, workato: workatoText };
  const fileStem = title.replace(/[^A-Za-z0-9._-]+/g, '-') || 'schema';

  // ---- actions
  // New samples re-infer every event's fields. The wizard may report the same samples again
  // (on mount, on a whitespace edit): that must not throw away the user's edits.
  const onSamples = useCallback((samples: unknown[]) => {
    const prev = stateRef.current;
    if (sameJson(samples, prev.samples)) return;
    setState((s) => ({ ...s, samples, designs: [] }));
    if (prev.designs.length > 0) {
      setNotice({
        kind: 'info',
        text: 'Samples changed: fields were inferred again, so earlier edits were replaced.',
        action: { label: 'Undo', run: () => (setState(prev), setNotice(undefined)) },
      });
    }
  }, []);
  const onSampleText = useCallback((sampleText: string) => setState((s) => ({ ...s, sampleText })), []);
  const onBodyValues = useCallback(
    (key: string, values: FormObject) => setState((s) => ({ ...s, bodyValues: { ...s.bodyValues, [key]: values } })),
    [],
  );
  // How the samples are read is part of the saved work: on reload the wizard re-reads them the same way,
  // so the samples (and the field edits made on them) come back unchanged.
  const onSampleOptions = useCallback(
    ({ format, each }: JsonWizardOptions) => setState((s) => ({ ...s, sampleOptions: { format, eachElement: each } })),
    [],
  );
  const treeHeight = useTreeHeight();
  const [useDesignInBody, setUseDesignInBody] = useState(false);
  const [samplesOpen, setSamplesOpen] = useState(() => state.samples.length === 0);
  const onUseCapturedSample = useCallback(
    (sample: unknown) => {
      setState((s) => ({ ...s, samples: [...s.samples, sample], sampleText: s.sampleText.replace(/\n?$/, '\n') + JSON.stringify(sample) + '\n', tab: 'design' }));
      setNotice({ kind: 'info', text: 'Captured sample added to the samples.' });
    },
    [],
  );
  // Paste or drop payloads anywhere on the page (outside text inputs): they become the samples.
  const takeSamplesText = useCallback(
    (text: string, what: string) => {
      // Parsed here as the wizard does (it reports the same samples again, a no-op): the tree is right at once,
      // even when the text equals the current one and the wizard has nothing new to analyse.
      const { samples, issues } = analyzeSamples(text, stateRef.current.sampleOptions);
      const bad = issues.some((i) => i.severity === 'error');
      replaceAll(
        { ...stateRef.current, sampleText: text, samples, designs: [], tab: 'design' },
        bad ? `${what}, but they do not parse: see the errors under Samples.` : `${what}: fields inferred from them.`,
      );
      setSamplesOpen(true);
    },
    [replaceAll],
  );
  useEffect(() => {
    const editable = (t: EventTarget | null) =>
      t instanceof HTMLElement && (t.isContentEditable || t.closest('input, textarea, select, [contenteditable="true"]') !== null);
    const onPaste = (e: ClipboardEvent) => {
      if (editable(e.target)) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!/^\s*[[{]/.test(text)) return;
      const tab = stateRef.current.tab;
      if (tab === 'validate') {
        // On the Validate tab a pasted payload is the one to check.
        e.preventDefault();
        setState((cur) => ({ ...cur, validateText: text }));
        return;
      }
      if (tab !== 'design') return;
      e.preventDefault();
      takeSamplesText(text, 'Pasted samples');
    };
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const inWizard = (t: EventTarget | null) => t instanceof Element && t.closest('.fk-drop') !== null;
    const onDragOver = (e: DragEvent) => {
      if (hasFiles(e) && !inWizard(e.target)) e.preventDefault();
    };
    const onDrop = async (e: DragEvent) => {
      if (!hasFiles(e) || inWizard(e.target)) return;
      e.preventDefault();
      const files = Array.from(e.dataTransfer?.files ?? []);
      const texts = await Promise.all(files.map((f) => f.text()));
      takeSamplesText(texts.map((t) => t.trim()).join('\n'), `Dropped ${files.length === 1 ? files[0]!.name : `${files.length} files`}`);
    };
    document.addEventListener('paste', onPaste);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [takeSamplesText]);

  const fileInput = useRef<HTMLInputElement>(null);
  const onOpenFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const text = await file.text();
    const r = parseStateText(text);
    if (r.fatal) {
      // Not a saved design: most likely payloads. They become the samples (the wizard parses
      // them, NDJSON included, and reports errors with line and column).
      takeSamplesText(text, `Opened ${file.name} as samples`);
      return;
    }
    replaceAll(r.state, r.problems.length ? `Opened ${file.name} with problems: ${r.problems.join('; ')}` : `Opened ${file.name}.`);
  };
  const onShare = async () => {
    const url = shareUrl(state);
    if (url.length > MAX_LINK_CHARS) {
      setNotice({ kind: 'warning', text: `This design is too large for a link (${Math.ceil(url.length / 1024)} KB): use "Save file" to share it.` });
      return;
    }
    const copied = await copyText(url);
    setNotice({ kind: 'info', text: copied ? `Share link copied (${Math.ceil(url.length / 1024)} KB).` : 'Copy the share link from the address bar.' });
    if (!copied) history.replaceState(null, '', url);
  };
  const onCopy = async (id: OutputId) => {
    const ok = await copyText(outputText[id]);
    setNotice({ kind: ok ? 'info' : 'error', text: ok ? `${OUTPUT_FILES[id].label} copied to the clipboard.` : 'The browser refused to copy; use Download instead.' });
  };

  const eventLabel = (name: string, value: unknown) => {
    const n = variantCounts.get(JSON.stringify(value));
    const shown = typeof value === 'string' ? value : name;
    return n ? `${shown} (${n} sample${n === 1 ? '' : 's'})` : shown;
  };

  const statusText = saveError ?? 'Saved in this browser';

  const unionPicker = (
    <div className="fd-union">
      <p className="fd-muted">
        The export has one type per event type, each with the fields as you designed them (discriminated by “{discriminator}”). Pick an event type to edit
        its fields:
      </p>
      <ul>
        {variants.map((v) => (
          <li key={v.name}>
            <button type="button" className="fd-btn" onClick={() => update({ event: v.name })}>
              {eventLabel(v.name, v.value)}
            </button>
            {state.designs.some((d) => d.event === v.name) && <span className="fd-muted"> edited</span>}
          </li>
        ))}
      </ul>
    </div>
  );

  const exportOptions = (
    <>
      <label className="fd-inline fd-check">
        <input type="checkbox" checked={state.annotations} onChange={(e) => update({ annotations: e.target.checked })} />
        Examples &amp; stats
      </label>
      <button type="button" className="fd-btn fd-btn-small" aria-pressed={state.allOutputs} onClick={() => update({ allOutputs: !state.allOutputs })}>
        Side by side
      </button>
    </>
  );

  /** Copy/Download and the text of one export. */
  const outputPane = (id: OutputId) => (
    <>
      <div className="fd-toolbar">
        <button type="button" className="fd-btn" onClick={() => onCopy(id)} disabled={!outputText[id]} aria-label={state.allOutputs ? `Copy ${OUTPUT_FILES[id].label}` : undefined}>
          Copy
        </button>
        <button
          type="button"
          className="fd-btn"
          disabled={!outputText[id]}
          aria-label={state.allOutputs ? `Download ${OUTPUT_FILES[id].label}` : undefined}
          onClick={() => downloadText(fileStem + OUTPUT_FILES[id].ext, outputText[id], OUTPUT_FILES[id].mime)}
        >
          Download
        </button>
        {id === 'typescript' && ts.busy && <span className="fd-muted">Generating…</span>}
      </div>
      {id === 'typescript' && ts.issues.length > 0 && <IssueList issues={ts.issues} />}
      {id === 'workato' && isUnion && <p className="fd-muted">Workato has no union types: these are the fields of all events merged.</p>}
      {id === 'workato' && workatoLosses.length > 0 && (
        <details className="fd-losses">
          <summary>
            {plural(workatoLosses.length, 'detail')} Workato cannot express (left out of this export)
          </summary>
          <IssueList issues={workatoLosses} />
        </details>
      )}
      <CodeView text={outputText[id]} label={`${OUTPUT_FILES[id].label} output`} busy={id === 'typescript' && ts.busy} />
    </>
  );

  return (
    <div className="fd-app">
      <a className="fd-skip" href="#main">Skip to content</a>
      <header className="fd-header">
        <div className="fd-brand">
          <span className="fd-logo" aria-hidden="true">{'{ }'}</span>
          <h1>fieldkit designer</h1>
        </div>
        <TabList idPrefix="main" label="Screens" items={TABS} selected={state.tab} onSelect={(tab) => update({ tab })} className="fd-tabs fd-main-tabs" />
        <div className="fd-actions">
          <button type="button" className="fd-btn" onClick={onShare}>Share link</button>
          <button type="button" className="fd-btn" onClick={() => { const f = stateFile(state); downloadText(f.name, f.text); }}>Save file</button>
          <button type="button" className="fd-btn" onClick={() => fileInput.current?.click()}>Open file…</button>
          <input ref={fileInput} type="file" accept=".json,.ndjson,.jsonl,application/json" hidden onChange={onOpenFile} aria-label="Open a saved design or a payload file" />
          <button type="button" className="fd-btn" onClick={() => replaceAll(exampleState(), 'Example loaded.')}>Load example</button>
        </div>
      </header>

      <div className="fd-status" id="app-status" role="status" aria-live="polite">
        {notice && (
          <p className={`fd-notice fd-notice-${notice.kind}`}>
            {notice.text}
            {notice.action && (
              <button type="button" className="fd-link" onClick={notice.action.run}>{notice.action.label}</button>
            )}
            <button type="button" className="fd-link fd-dismiss" aria-label="Dismiss message" onClick={() => setNotice(undefined)}>×</button>
          </p>
        )}
      </div>

      <main className="fd-main" id="main" tabIndex={-1}>
        {state.tab === 'design' && (
          <section id="main-panel-design" role="tabpanel" aria-labelledby="main-tab-design" className={`fd-design${state.allOutputs ? ' fd-design-all' : ''}`}>
            <section className="fd-panel fd-samples" aria-labelledby="samples-h">
              <div className="fd-panel-head">
                <h2 id="samples-h">Samples</h2>
                <p className="fd-muted fd-grow" data-testid="sample-count">
                  {state.samples.length} sample{state.samples.length === 1 ? '' : 's'}
                  {variants.length > 0 && ` · ${variants.length} event types (by "${discriminator}")`}
                  {!samplesOpen && ' · paste (Ctrl+V) or drop your own JSON payloads anywhere'}
                </p>
                <button type="button" className="fd-btn" aria-expanded={samplesOpen} aria-controls="samples-body" onClick={() => setSamplesOpen((o) => !o)}>
                  {samplesOpen ? 'Hide samples' : 'Edit samples'}
                </button>
              </div>
              <div id="samples-body" hidden={!samplesOpen}>
                <JsonWizard
                  text={state.sampleText}
                  onTextChange={onSampleText}
                  onSamples={onSamples}
                  onOptionsChange={onSampleOptions}
                  defaultFormat={state.sampleOptions.format}
                  defaultEachElement={state.sampleOptions.eachElement}
                />
              </div>
            </section>

            <section className="fd-panel fd-tree" aria-labelledby="fields-h">
              <div className="fd-panel-head">
                <h2 id="fields-h">Fields</h2>
                {variants.length > 0 && (
                  <span className="fd-inline">
                    <label htmlFor="event-select">Event type</label>
                    <select id="event-select" className="fd-input" value={event} onChange={(e) => update({ event: e.target.value })}>
                      {variants.map((v) => (
                        <option key={v.name} value={v.name}>{eventLabel(v.name, v.value)}</option>
                      ))}
                      <option value={UNION_EVENTS}>All events (one type each)</option>
                      <option value={ALL_EVENTS}>All events (merged)</option>
                    </select>
                  </span>
                )}
                {edited && !isUnion && (
                  <button
                    type="button"
                    className="fd-link"
                    onClick={() => {
                      const cur = stateRef.current;
                      replaceAll({ ...cur, designs: cur.designs.filter((d) => d.event !== event) }, 'Fields inferred again from the samples.');
                    }}
                  >
                    Re-infer from samples
                  </button>
                )}
              </div>
              {inferredFields && !inferredFields.ok && !edited && <IssueList issues={inferredFields.issues} />}
              {isUnion ? (
                unionPicker
              ) : (
                <SchemaDesigner value={fields} onChange={onFieldsChange} height={treeHeight} label={event === ALL_EVENTS ? 'Fields' : `Fields of ${event}`} />
              )}
            </section>

            <section className={`fd-panel fd-outputs${state.allOutputs ? ' fd-outputs-all' : ''}`} aria-labelledby="outputs-h">
              <div className="fd-panel-head">
                <h2 id="outputs-h">Export</h2>
                <span className="fd-inline">
                  <label htmlFor="schema-name">Name</label>
                  <input id="schema-name" className="fd-input" value={state.title} placeholder={title} onChange={(e) => update({ title: e.target.value })} size={14} />
                </span>
                <span className="fd-inline">
                  <label htmlFor="draft-select">Draft</label>
                  <select id="draft-select" className="fd-input" value={state.draft} onChange={(e) => update({ draft: e.target.value as SchemaDraft })}>
                    <option value="2020-12">2020-12</option>
                    <option value="draft-07">draft-07</option>
                  </select>
                </span>
              </div>
              {state.allOutputs ? (
                <>
                <div className="fd-output-bar">
                  <span className="fd-grow" />
                  {exportOptions}
                </div>
                <div className="fd-output-grid">
                  {OUTPUT_ORDER.map((id) => (
                    <section key={id} className="fd-output" aria-labelledby={`out-h-${id}`}>
                      <h3 id={`out-h-${id}`} className="fd-output-title">{OUTPUT_FILES[id].label}</h3>
                      {outputPane(id)}
                    </section>
                  ))}
                </div>
                </>
              ) : (
                <>
                  <div className="fd-output-bar">
                    <TabList
                      idPrefix="out"
                      label="Export format"
                      items={OUTPUT_ORDER.map((id) => ({ id, label: OUTPUT_FILES[id].label }))}
                      selected={state.output}
                      onSelect={(output) => update({ output })}
                    />
                    <span className="fd-grow" />
                    {exportOptions}
                  </div>
                  <div id={`out-panel-${state.output}`} role="tabpanel" aria-labelledby={`out-tab-${state.output}`} className="fd-output">
                    {outputPane(state.output)}
                  </div>
                </>
              )}
            </section>
          </section>
        )}

        {state.tab === 'validate' && (
          <section id="main-panel-validate" role="tabpanel" aria-labelledby="main-tab-validate" className="fd-validate">
            <section className="fd-panel" aria-labelledby="payload-h">
              <h2 id="payload-h">Payload</h2>
              {exampleSample !== undefined && (
                <div className="fd-toolbar">
                  <button type="button" className="fd-btn" onClick={() => update({ validateText: JSON.stringify(exampleSample, null, 2) })}>
                    Use a sample{event !== ALL_EVENTS && !isUnion ? ` (${String(eventValue)})` : ''}
                  </button>
                  <button type="button" className="fd-btn" disabled={state.validateText === ''} onClick={() => update({ validateText: '' })}>
                    Clear
                  </button>
                </div>
              )}
              <label className="fd-block-label" htmlFor="payload">Paste a payload to check it against the schema{event !== ALL_EVENTS && !isUnion ? ` for ${String(eventValue)}` : ''}</label>
              <textarea id="payload" className="fd-textarea" spellCheck={false} value={state.validateText} onChange={(e) => update({ validateText: e.target.value })} />
              {payloadVariant && payloadVariant.name !== event && (
                <p className="fd-notice fd-notice-info">
                  This payload is a “{String(payloadVariant.value)}” event, but {event === ALL_EVENTS || isUnion ? 'all events are' : `the fields of “${String(eventValue)}” are`} selected.
                  <button type="button" className="fd-link" onClick={() => update({ event: payloadVariant.name })}>
                    Check against {String(payloadVariant.value)}
                  </button>
                </p>
              )}
              <div className="fd-result" aria-live="polite" data-testid="validation-result">
                {validation.parseError ? (
                  <p className="fd-notice fd-notice-error">Not valid JSON. {validation.parseError}</p>
                ) : state.validateText.trim() === '' ? (
                  <p className="fd-muted">Nothing to validate yet.</p>
                ) : validation.busy ? (
                  <p className="fd-muted">Checking…</p>
                ) : validation.valid && validation.issues.length === 0 ? (
                  <p className="fd-notice fd-notice-ok">Valid: the payload matches the schema and every key is known.</p>
                ) : (
                  <>
                    <p className={`fd-notice fd-notice-${validation.valid ? 'warning' : 'error'}`}>
                      {validation.valid ? 'Valid, with key warnings:' : plural(validation.issues.filter((i) => i.severity === 'error').length, 'error') + ':'}
                    </p>
                    <IssueList issues={validation.issues} />
                  </>
                )}
              </div>
            </section>
            <section className="fd-panel fd-tree" aria-labelledby="vfields-h">
              <h2 id="vfields-h">Fields{event !== ALL_EVENTS && !isUnion ? ` · ${String(eventValue)}` : ''}</h2>
              {isUnion ? (
                unionPicker
              ) : (
                <SchemaDesigner value={fields} onChange={onFieldsChange} issues={validation.issues} height={treeHeight} label={event === ALL_EVENTS ? 'Fields' : `Fields of ${event}`} />
              )}
            </section>
          </section>
        )}

        {state.tab === 'body' && (
          <section id="main-panel-body" role="tabpanel" aria-labelledby="main-tab-body" className="fd-body">
            <BodyTab
              presetId={state.presetId}
              onPreset={(presetId) => update({ presetId })}
              fields={fields}
              event={event === ALL_EVENTS || isUnion ? (singleEvent ?? '') : event}
              useDesign={useDesignInBody}
              onUseDesign={setUseDesignInBody}
              values={state.bodyValues[bodyFormKey(state.presetId, useDesignInBody)]}
              onValues={onBodyValues}
            />
          </section>
        )}

        {state.tab === 'capture' && (
          <section id="main-panel-capture" role="tabpanel" aria-labelledby="main-tab-capture" className="fd-capture">
            <CaptureTab onUseSample={onUseCapturedSample} schema={schema} />
          </section>
        )}
      </main>

      <footer className="fd-footer">
        <span className={saveError ? 'fd-warn' : 'fd-muted'}>{statusText}</span>
        <span className="fd-muted">
          {countFields(fields)} fields · {state.draft}
        </span>
      </footer>
    </div>
  );
}

/** The event name all samples share (at one of the usual discriminator keys), if any. */
function commonEventName(samples: readonly unknown[]): string | undefined {
  if (samples.length === 0) return undefined;
  for (const key of DISCRIMINATOR_KEYS) {
    let value: string | undefined;
    const same = samples.every((s) => {
      if (typeof s !== 'object' || s === null || !Object.hasOwn(s, key)) return false;
      const v = (s as Record<string, unknown>)[key];
      if (typeof v !== 'string' || (value !== undefined && v !== value)) return false;
      value = v;
      return true;
    });
    if (same && value) return value;
  }
  return undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Height for the virtualised tree: the viewport minus the header, toolbars and footer. */
function useTreeHeight(): number {
  const measure = () => Math.max(320, window.innerHeight - 330);
  const [h, setH] = useState(measure);
  useEffect(() => {
    const onResize = () => setH(measure());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return h;
}

/** The fields without inference annotations (examples, stats); everything else is shared, not copied. */
function withoutAnnotations(list: FieldList): FieldList {
  return list.map(stripField);
}

function stripField(f: Field): Field {
  if (f.examples === undefined && f.stats === undefined && !f.properties && !f.of) return f;
  const { examples: _examples, stats: _stats, ...rest } = f;
  const out: Field = rest;
  if (f.properties) out.properties = f.properties.map(stripField);
  if (f.of) out.of = stripField(f.of);
  return out;
}

function countFields(list: FieldList): number {
  let n = 0;
  const walk = (l: FieldList) => {
    for (const f of l) {
      n++;
      if (f.properties) walk(f.properties);
      if (f.of?.properties) walk(f.of.properties);
    }
  };
  walk(list);
  return n;
}

/** Issues as a readable list: message, where, suggestion. */
function IssueList(props: { issues: readonly Issue[] }) {
  return (
    <ul className="fd-issues">
      {props.issues.map((i, n) => (
        <li key={n} className={`fd-issue fd-issue-${i.severity}`} data-code={i.code}>
          <span className="fd-issue-sev">{i.severity}</span> {i.message}
          {i.path.length > 0 && <code className="fd-issue-path">{formatPath(i.path)}</code>}
          {i.suggestion !== undefined && !i.message.includes(`"${i.suggestion}"`) && <span className="fd-muted"> (did you mean “{i.suggestion}”?)</span>}
        </li>
      ))}
    </ul>
  );
}

/** The designed fields that belong in a request's `dataFields`: the design's own `dataFields` object, else all of it. */
function designedDataFields(fields: FieldList): FieldList {
  const df = fields.find((f) => f.name === 'dataFields' && f.type === 'object');
  return df?.properties ?? fields;
}

/** The request body tab: pick an Iterable endpoint, fill the form, copy the JSON or curl. */
function BodyTab(props: {
  presetId: string;
  onPreset(id: string): void;
  fields: FieldList;
  event: string;
  useDesign: boolean;
  onUseDesign(v: boolean): void;
  /** Saved form values of this preset (and design choice), restored when the form mounts. */
  values: FormObject | undefined;
  onValues(key: string, values: FormObject): void;
}) {
  const presets = Object.values(PRESETS);
  const preset = PRESETS[props.presetId] ?? presets[0];
  const dataFields = useMemo(() => designedDataFields(props.fields), [props.fields]);
  return (
    <section className="fd-panel" aria-labelledby="body-h">
      <div className="fd-panel-head">
        <h2 id="body-h">Request body</h2>
        <span className="fd-inline">
          <label htmlFor="preset-select">Endpoint</label>
          <select id="preset-select" className="fd-input" value={preset?.id} onChange={(e) => props.onPreset(e.target.value)}>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>{p.title}</option>
            ))}
          </select>
        </span>
        {preset && (
          <span className="fd-chip">
            <code>{preset.method} {preset.url}</code>
            {preset.docs && (
              <a href={preset.docs} target="_blank" rel="noreferrer noopener">
                API docs
              </a>
            )}
          </span>
        )}
        {preset?.dataFieldsPath && dataFields.length > 0 && (
          <label className="fd-inline fd-check">
            <input type="checkbox" checked={props.useDesign} onChange={(e) => props.onUseDesign(e.target.checked)} />
            dataFields from the designed {props.event || 'schema'} fields
          </label>
        )}
      </div>
      {preset && (
        <RequestBodyBuilder
          key={`${preset.id}:${props.useDesign}`}
          preset={preset}
          fields={props.useDesign && preset.dataFieldsPath ? dataFields : undefined}
          showPresetPicker={false}
          {...(props.values ? { defaultValues: props.values } : {})}
          onValuesChange={(v) => props.onValues(bodyFormKey(preset.id, props.useDesign), v)}
        />
      )}
    </section>
  );
}
