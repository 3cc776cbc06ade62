import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ChangeEvent, DragEvent as ReactDragEvent, ReactElement } from 'react';
import { schemaToFields } from '@fieldkit/core';
import type { FieldList, InferOptions, Issue, JSONSchemaObject, TextFormat } from '@fieldkit/core';
import { analyzeSamples } from './analyzeSamples.js';
import type { SampleAnalysis } from './analyzeSamples.js';
import { JsonEditor } from './JsonEditor.js';
import { DEFAULT_THEME, useFieldkitStyles } from './styles.js';
import type { Theme } from './styles.js';

/** Props of {@link JsonWizard}. */
export interface JsonWizardProps {
  /** Called with the chosen schema (the selected event type's, when samples carry several) and its fields. */
  onSchema?: (schema: JSONSchemaObject, fields: FieldList) => void;
  /** Called with the parsed samples and issues whenever the text is analysed. */
  onSamples?: (samples: unknown[], issues: Issue[]) => void;
  /** Controlled text. */
  text?: string;
  /** Starting text (uncontrolled). */
  defaultText?: string;
  /** Called when the text changes (typing, upload, drop). */
  onTextChange?: (text: string) => void;
  /** How the text holds samples. */
  defaultFormat?: TextFormat;
  /** Start with "each element of a top-level array is a sample" on. */
  defaultEachElement?: boolean;
  /**
   * Called whenever the user changes how the text is read: the Format select or the
   * "each element of a top-level array is a sample" choice (checkbox or the split suggestion).
   * Receives both current values, so an app can persist them and pass them back as
   * `defaultFormat` / `defaultEachElement` to re-read the samples the same way later.
   */
  onOptionsChange?: (options: JsonWizardOptions) => void;
  /** Options for inference (stats are on by default). */
  inferOptions?: InferOptions;
  /** Delay in ms between the last keystroke and the analysis. */
  debounceMs?: number;
  /** Show the apply button (default: when `onSchema` is given). */
  showApply?: boolean;
  /** Show the event-type select (default: when `onSchema` is given). */
  showVariants?: boolean;
  /** Label of the apply button. */
  applyLabel?: string;
  /** Colour scheme; `auto` follows prefers-color-scheme. */
  theme?: Theme;
  /** Extra class on the root element. */
  className?: string;
}

/** How {@link JsonWizard} reads its text, as reported by `onOptionsChange`. */
export interface JsonWizardOptions {
  /** The Format choice: auto-detect, JSON (one or concatenated values) or NDJSON. */
  format: TextFormat;
  /** True when each element of a top-level array is a sample. */
  each: boolean;
}

/** Defaults of {@link JsonWizardProps}. */
export const DEFAULT_JSON_WIZARD_PROPS = {
  defaultText: '',
  defaultFormat: 'auto' as TextFormat,
  defaultEachElement: false,
  debounceMs: 250,
  applyLabel: 'Use this schema',
  theme: DEFAULT_THEME,
};

const ALL = '\u0000all';

/** A file's text (FileReader where Blob.text is missing, as in older browsers and jsdom). */
function readFile(f: File): Promise<string> {
  if (typeof f.text === 'function') return f.text();
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result ?? ''));
    r.onerror = () => reject(r.error ?? new Error(`could not read ${f.name}`));
    r.readAsText(f);
  });
}

/** Read dropped or chosen files and join their texts (each file one or more samples). */
async function readFiles(files: FileList | readonly File[]): Promise<string> {
  const texts = await Promise.all(Array.from(files).map(readFile));
  return texts.map((t) => t.trim()).filter((t) => t !== '').join('\n');
}

/**
 * Paste, type, drop or upload sample payloads; see parse errors at their line and column,
 * how many samples were read and which event types they carry; pick an event type and get
 * its schema and fields through `onSchema`.
 */
export function JsonWizard(props: JsonWizardProps): ReactElement {
  const rootRef = useRef<HTMLDivElement>(null);
  useFieldkitStyles(rootRef);
  const ids = useId();
  const [ownText, setOwnText] = useState(props.defaultText ?? DEFAULT_JSON_WIZARD_PROPS.defaultText);
  const text = props.text ?? ownText;
  const [format, setFormat] = useState<TextFormat>(props.defaultFormat ?? DEFAULT_JSON_WIZARD_PROPS.defaultFormat);
  const [eachElement, setEachElement] = useState(props.defaultEachElement ?? DEFAULT_JSON_WIZARD_PROPS.defaultEachElement);
  const [analysed, setAnalysed] = useState<{ text: string; result: SampleAnalysis }>(() => ({
    text,
    result: analyzeSamples(text, { format, eachElement, infer: props.inferOptions }),
  }));
  const [variant, setVariant] = useState<string>(ALL);
  const [dragging, setDragging] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const debounceMs = props.debounceMs ?? DEFAULT_JSON_WIZARD_PROPS.debounceMs;

  const changeOptions = (next: { format?: TextFormat; each?: boolean }): void => {
    const f = next.format ?? format;
    const each = next.each ?? eachElement;
    if (f === format && each === eachElement) return;
    setFormat(f);
    setEachElement(each);
    props.onOptionsChange?.({ format: f, each });
  };

  const setText = (t: string): void => {
    if (props.text === undefined) setOwnText(t);
    props.onTextChange?.(t);
  };

  const onSamples = useRef(props.onSamples);
  onSamples.current = props.onSamples;
  // Keyed by content so an inline options object does not re-run the analysis on every render.
  const inferKey = JSON.stringify(props.inferOptions ?? null);
  useEffect(() => {
    const inferOptions = JSON.parse(inferKey) as InferOptions | null ?? undefined;
    const run = (): void => {
      const result = analyzeSamples(text, { format, eachElement, infer: inferOptions });
      setAnalysed({ text, result });
      onSamples.current?.(result.samples, result.issues);
    };
    if (debounceMs <= 0) {
      run();
      return;
    }
    const t = setTimeout(run, debounceMs);
    return () => clearTimeout(t);
  }, [text, format, eachElement, inferKey, debounceMs]);

  const showApply = props.showApply ?? props.onSchema !== undefined;
  const showVariants = props.showVariants ?? props.onSchema !== undefined;
  const { result } = analysed;
  const variants = result.variants;
  const chosen = useMemo(() => {
    if (!result.schema) return undefined;
    const v = variants.find((x) => x.name === variant);
    return v ? v.schema : result.schema;
  }, [result, variants, variant]);
  const errors = result.issues.filter((i) => i.severity === 'error');
  // One pasted array of objects is usually a list of samples (an export, a log dump): offer to split it.
  const only = result.samples.length === 1 ? result.samples[0] : undefined;
  const arrayOfObjects =
    Array.isArray(only) && only.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x)) ? only.length : 0;
  const stale = analysed.text !== text;

  const [applyIssues, setApplyIssues] = useState<Issue[]>([]);
  const apply = (): void => {
    if (!chosen) return;
    const r = schemaToFields(chosen);
    // Warnings (e.g. "event types shown merged") ride along; a schema the field model can't read is reported, not emptied.
    setApplyIssues(r.issues.filter((i) => i.severity !== 'info'));
    if (r.ok) props.onSchema?.(chosen, r.value);
  };

  const loadFiles = async (files: FileList | readonly File[]): Promise<void> => {
    try {
      const t = await readFiles(files);
      if (t !== '') setText(text.trim() === '' ? t : text.replace(/\s*$/, '\n') + t);
      setReadError(null);
    } catch (e) {
      setReadError(`Could not read the file: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const onDrop = (e: ReactDragEvent<HTMLDivElement>): void => {
    setDragging(false);
    if (e.dataTransfer.files.length > 0) {
      e.preventDefault();
      void loadFiles(e.dataTransfer.files);
    }
  };

  return (
    <div ref={rootRef} className={`fk-root fk-wizard${props.className ? ' ' + props.className : ''}`} data-theme={props.theme ?? DEFAULT_JSON_WIZARD_PROPS.theme}>
      <div className="fk-toolbar">
        <label className="fk-check" htmlFor={`${ids}-format`}>
          Format
        </label>
        <select id={`${ids}-format`} className="fk-select" value={format} onChange={(e) => changeOptions({ format: e.target.value as TextFormat })}>
          <option value="auto">Auto-detect</option>
          <option value="json">JSON (one or concatenated values)</option>
          <option value="ndjson">NDJSON (one value per line)</option>
        </select>
        <label className="fk-check">
          <input type="checkbox" checked={eachElement} onChange={(e) => changeOptions({ each: e.target.checked })} />
          Each element of a top-level array is a sample
        </label>
        <span className="fk-spacer" />
        <label className="fk-btn">
          Upload files…
          <input
            type="file"
            className="fk-sr-only"
            accept=".json,.ndjson,.jsonl,.txt,application/json"
            multiple
            onChange={(e: ChangeEvent<HTMLInputElement>) => {
              if (e.target.files) void loadFiles(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
        <button type="button" className="fk-btn" onClick={() => setText('')} disabled={text === ''}>
          Clear
        </button>
      </div>
      <div
        className="fk-drop"
        data-dragging={dragging || undefined}
        onDragOver={(e) => {
          if (Array.from(e.dataTransfer.types).includes('Files')) {
            e.preventDefault();
            setDragging(true);
          }
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <JsonEditor
          value={text}
          onChange={setText}
          diagnostics={stale ? [] : result.diagnostics}
          label="Sample JSON"
          placeholder="Paste one or more JSON payloads (NDJSON, concatenated, or an array), or drop files here"
        />
      </div>
      <div className="fk-summary" aria-live="polite">
        {readError && <span className="fk-issue" data-severity="error">{readError}</span>}
        {text.trim() === '' ? (
          <span className="fk-muted">No samples yet.</span>
        ) : errors.length > 0 ? (
          <span className="fk-issue" data-severity="error" role="status">
            {errors.length} {errors.length === 1 ? 'error' : 'errors'}: fix {errors.length === 1 ? 'it' : 'them'} to infer a schema
          </span>
        ) : (
          <span role="status">
            {result.samples.length} {result.samples.length === 1 ? 'sample' : 'samples'}
            {variants.length > 0 ? ` · ${variants.length} event types` : ''}
          </span>
        )}
        {arrayOfObjects > 1 && !eachElement && (
          <button type="button" className="fk-btn" onClick={() => changeOptions({ each: true })}>
            Treat the {arrayOfObjects} array elements as samples
          </button>
        )}
        {errors.length === 0 && variants.length > 0 && (
          <span className="fk-variants" aria-label="Event types">
            {variants.slice(0, 12).map((v) => (
              <span key={v.name} className="fk-chip" title={v.count !== undefined ? `${v.count} ${v.count === 1 ? 'sample' : 'samples'}` : undefined}>
                {typeof v.value === 'string' ? v.value : JSON.stringify(v.value)}
                {v.count !== undefined ? ` ×${v.count}` : ''}
              </span>
            ))}
            {variants.length > 12 ? ` … ${variants.length - 12} more` : ''}
          </span>
        )}
        {showVariants && variants.length > 0 && (
          <label className="fk-check">
            Event type
            <select className="fk-select" value={variant} onChange={(e) => setVariant(e.target.value)}>
              <option value={ALL}>All event types</option>
              {variants.map((v) => (
                <option key={v.name} value={v.name}>
                  {typeof v.value === 'string' ? v.value : JSON.stringify(v.value)}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="fk-spacer" />
        {showApply && (
          <button type="button" className="fk-btn fk-btn-primary" disabled={!chosen || stale} onClick={apply}>
            {props.applyLabel ?? DEFAULT_JSON_WIZARD_PROPS.applyLabel}
          </button>
        )}
      </div>
      {applyIssues.length > 0 && (
        <ul className="fk-issues" aria-label="Schema notes" style={{ padding: 0 }}>
          {applyIssues.map((i, n) => (
            <li key={n} className="fk-issue" data-severity={i.severity}>
              {i.message}
            </li>
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <ul className="fk-issues" aria-label="Parse errors" style={{ padding: 0 }}>
          {result.diagnostics
            .filter((d) => d.severity === 'error')
            .slice(0, 20)
            .map((d, n) => (
              <li key={n} className="fk-issue" data-severity="error">
                Line {d.line}, column {d.column}: {d.message}
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}
