import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { PRESETS, buildPresetBody, buildRequestBody, presetFields } from '@fieldkit/core';
import type { Field, FieldList, Issue, PathSegment, RequestPreset, Result } from '@fieldkit/core';
import { dataPathKey, getIn, inputKind, pickerToValue, removeAt, setIn } from './formValues.js';
import type { FormObject, FormValue } from './formValues.js';
import { DEFAULT_THEME, useFieldkitStyles } from './styles.js';
import { copyText } from './clipboard.js';
import type { Theme } from './styles.js';

/** Props of {@link RequestBodyBuilder}. */
export interface RequestBodyBuilderProps {
  /** The fields of the body (or, with a preset, the designed data fields placed at the preset's dataFieldsPath). */
  fields?: FieldList;
  /** An Iterable preset (object or id in PRESETS): its URL, method and body shape. */
  preset?: RequestPreset | string;
  /** Show a select of PRESETS (default: when neither `fields` nor `preset` is given). */
  showPresetPicker?: boolean;
  /** Starting form values (a tree mirroring the fields). */
  defaultValues?: FormObject;
  /** Controlled form values (what the inputs hold, before coercion); pair with `onValuesChange`. */
  values?: FormObject;
  /** Called with the new form values after each input change (e.g. to keep them across visits). */
  onValuesChange?: (values: FormObject) => void;
  /** Called with the built body (or its issues) whenever the form changes. */
  onChange?: (result: Result<unknown>) => void;
  /** URL for the curl command when there is no preset. */
  url?: string;
  /** HTTP method for the curl command when there is no preset. */
  method?: 'POST' | 'PUT' | 'PATCH' | 'GET';
  /** Header carrying the API key in the curl command. */
  apiKeyHeader?: string;
  /** Placeholder written for the key (never a real key). */
  apiKeyPlaceholder?: string;
  /** Colour scheme; `auto` follows prefers-color-scheme. */
  theme?: Theme;
  /** Extra class on the root element. */
  className?: string;
}

/** Defaults of {@link RequestBodyBuilderProps}. */
export const DEFAULT_REQUEST_BODY_BUILDER_PROPS = {
  url: 'https://api.example.com/endpoint',
  method: 'POST' as const,
  apiKeyHeader: 'Api-Key',
  apiKeyPlaceholder: 'YOUR_API_KEY',
  theme: DEFAULT_THEME,
};

/** Quote text for a POSIX shell (single quotes; embedded quotes closed, escaped, reopened). */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const ENV_VAR = /^\$[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A curl command sending `body` as JSON. Header values that are `$NAME` are written in double
 * quotes so the shell fills in the environment variable; without headers, an API key header with
 * a placeholder is added. Never contains a real key.
 */
export function toCurl(opts: { method: string; url: string; body: unknown; headers?: Record<string, string>; apiKeyHeader?: string; apiKeyPlaceholder?: string }): string {
  const header = opts.apiKeyHeader ?? DEFAULT_REQUEST_BODY_BUILDER_PROPS.apiKeyHeader;
  const key = opts.apiKeyPlaceholder ?? DEFAULT_REQUEST_BODY_BUILDER_PROPS.apiKeyPlaceholder;
  const headers = opts.headers && Object.keys(opts.headers).length > 0 ? opts.headers : { [header]: key };
  const lines = [`curl -X ${opts.method} ${shellQuote(opts.url)}`];
  for (const [name, value] of Object.entries(headers)) {
    lines.push(ENV_VAR.test(value) ? `  -H "${name.replace(/["\\$`]/g, '')}: ${value}"` : `  -H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (opts.method !== 'GET') {
    lines.push(`  -H ${shellQuote('Content-Type: application/json')}`);
    lines.push(`  --data-raw ${shellQuote(JSON.stringify(opts.body ?? {}, null, 2))}`);
  }
  return lines.join(' \\\n');
}

/**
 * The values the core should see: only keys of the current fields (values typed for another
 * preset stay in the form state but don't leak into this body), with picker values turned into
 * what each date/time field's format wants. Objects without properties (maps, free-form objects)
 * keep whatever they hold.
 */
function toBodyValues(fields: readonly Field[], values: FormValue): FormValue {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return values;
  let out: FormValue = Object.create(null) as FormObject;
  for (const f of fields) {
    const v = getIn(values, [f.name]);
    if (v === undefined) continue;
    out = setIn(out, [f.name], convertField(f, v));
  }
  return out;
}

function convertField(f: Field, v: FormValue): FormValue {
  if (v === null) return v;
  if (f.type === 'object' && f.properties && f.properties.length > 0) return toBodyValues(f.properties, v);
  if (f.type === 'array' && f.of && Array.isArray(v)) {
    const of = f.of;
    return v.map((item) => convertField(of, item));
  }
  if (typeof v === 'string' && inputKind(f.type) === 'datetime-local') return pickerToValue(f.type, v);
  if (typeof v === 'string' && f.type === 'time') return pickerToValue(f.type, v);
  return v;
}

interface FormCtx {
  values: FormValue;
  set(path: PathSegment[], v: FormValue): void;
  remove(path: PathSegment[], index: number): void;
  errors: Map<string, Issue[]>;
  idBase: string;
}

function fieldLabel(f: Field, fallback: string): string {
  return f.label && f.label !== f.name ? `${f.name || fallback} (${f.label})` : f.name || fallback;
}

function ErrorList(props: { id: string; issues: Issue[] | undefined }): ReactElement | null {
  if (!props.issues?.length) return null;
  return (
    <span className="fk-field-error" id={props.id} role="alert">
      {props.issues.map((i) => i.message).join(' · ')}
    </span>
  );
}

function LeafInput(props: { field: Field; path: PathSegment[]; ctx: FormCtx; label: string; inputId: string; describedBy?: string }): ReactElement {
  const { field, path, ctx, inputId } = props;
  const value = getIn(ctx.values, path);
  const invalid = ctx.errors.has(dataPathKey(path)) || undefined;
  const common = { id: inputId, 'aria-invalid': invalid, 'aria-describedby': props.describedBy };
  if (field.enum && field.enum.length > 0) {
    const idx = field.enum.findIndex((e) => e === value);
    return (
      <select
        {...common}
        className="fk-select"
        value={idx < 0 ? '' : String(idx)}
        onChange={(e) => ctx.set(path, e.target.value === '' ? undefined : (field.enum![Number(e.target.value)] as FormValue))}
      >
        <option value="">{field.optional ? '(omit)' : '(choose)'}</option>
        {field.enum.map((e, i) => (
          <option key={i} value={String(i)}>
            {typeof e === 'string' ? e : JSON.stringify(e)}
          </option>
        ))}
      </select>
    );
  }
  const kind = inputKind(field.type);
  if (kind === 'checkbox') {
    if (field.optional) {
      return (
        <select
          {...common}
          className="fk-select"
          value={value === true ? 'true' : value === false ? 'false' : ''}
          onChange={(e) => ctx.set(path, e.target.value === '' ? undefined : e.target.value === 'true')}
        >
          <option value="">(omit)</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      );
    }
    return <input {...common} type="checkbox" checked={value === true} onChange={(e) => ctx.set(path, e.target.checked)} />;
  }
  if (kind === 'null') return <span className="fk-muted">null</span>;
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  if (kind === 'json') {
    return (
      <textarea
        {...common}
        className="fk-input"
        rows={2}
        placeholder="JSON value"
        spellCheck={false}
        value={text}
        onChange={(e) => ctx.set(path, e.target.value === '' ? undefined : e.target.value)}
      />
    );
  }
  return (
    <input
      {...common}
      className="fk-input"
      type={kind}
      step={kind === 'datetime-local' || kind === 'time' ? 1 : field.type === 'integer' ? 1 : kind === 'number' ? 'any' : undefined}
      inputMode={field.type === 'integer' ? 'numeric' : field.type === 'number' ? 'decimal' : undefined}
      spellCheck={false}
      value={text}
      onChange={(e) => ctx.set(path, e.target.value === '' ? undefined : e.target.value)}
    />
  );
}

function FieldInput(props: { field: Field; path: PathSegment[]; ctx: FormCtx; fallbackName?: string }): ReactElement {
  const { field, path, ctx } = props;
  const label = fieldLabel(field, props.fallbackName ?? 'item');
  const key = dataPathKey(path);
  const inputId = `${ctx.idBase}-${key.replace(/[^A-Za-z0-9_-]/g, (c) => c.charCodeAt(0).toString(36))}`;
  const errId = `${inputId}-err`;
  const issues = ctx.errors.get(key);
  const value = getIn(ctx.values, path);
  const nullToggle: ReactNode = field.nullable ? (
    <label className="fk-check">
      <input type="checkbox" checked={value === null} onChange={(e) => ctx.set(path, e.target.checked ? null : undefined)} />
      null
    </label>
  ) : null;

  if (field.type === 'object' && field.properties && field.properties.length > 0) {
    return (
      <fieldset aria-describedby={issues ? errId : undefined}>
        <legend>
          {label}
          {field.optional ? <span className="fk-muted"> (optional)</span> : null}
        </legend>
        {field.hint && <span className="fk-muted">{field.hint}</span>}
        {nullToggle}
        {value !== null && field.properties.map((c) => <FieldInput key={c.id} field={c} path={[...path, c.name]} ctx={ctx} />)}
        <ErrorList id={errId} issues={issues} />
      </fieldset>
    );
  }
  if (field.type === 'array' && field.of) {
    const items = Array.isArray(value) ? value : [];
    const of = field.of;
    return (
      <fieldset aria-describedby={issues ? errId : undefined}>
        <legend>
          {label} <span className="fk-muted">[{items.length}]</span>
          {field.optional ? <span className="fk-muted"> (optional)</span> : null}
        </legend>
        {field.hint && <span className="fk-muted">{field.hint}</span>}
        {nullToggle}
        {items.map((_, i) => (
          <div key={i} className="fk-array-item">
            <FieldInput field={of} path={[...path, i]} ctx={ctx} fallbackName={`${field.name}[${i}]`} />
            <button type="button" className="fk-btn fk-btn-icon fk-btn-danger" aria-label={`Remove ${field.name}[${i}]`} onClick={() => ctx.remove(path, i)}>
              ✕
            </button>
          </div>
        ))}
        <div>
          <button type="button" className="fk-btn" onClick={() => ctx.set([...path, items.length], of.type === 'object' ? (Object.create(null) as FormObject) : undefined)}>
            Add {field.name || 'item'} item
          </button>
        </div>
        <ErrorList id={errId} issues={issues} />
      </fieldset>
    );
  }
  const hintId = field.hint ? `${inputId}-hint` : undefined;
  const describedBy = [issues ? errId : undefined, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="fk-form-field">
      <label htmlFor={inputId}>
        {label}
        {field.optional ? <span className="fk-muted"> (optional)</span> : props.fallbackName !== undefined ? null : <span aria-hidden="true"> *</span>}
      </label>
      <span className="fk-control">
        {value === null ? <span className="fk-muted">null</span> : <LeafInput field={field} path={path} ctx={ctx} label={label} inputId={inputId} describedBy={describedBy} />}
        {nullToggle}
      </span>
      {field.hint && (
        <span className="fk-hint" id={hintId}>
          {field.hint}
        </span>
      )}
      <ErrorList id={errId} issues={issues} />
    </div>
  );
}

function resolvePreset(p: RequestPreset | string | undefined): RequestPreset | undefined {
  if (p === undefined) return undefined;
  if (typeof p !== 'string') return p;
  return Object.prototype.hasOwnProperty.call(PRESETS, p) ? PRESETS[p] : undefined;
}

/**
 * A form generated from fields (typed inputs, date/time pickers, enums as selects, checkboxes,
 * nested fieldsets, arrays with add/remove) with the live JSON body, per-field errors next to
 * the inputs, Iterable presets, and copy as JSON or as a curl command.
 */
export function RequestBodyBuilder(props: RequestBodyBuilderProps): ReactElement {
  const rootRef = useRef<HTMLDivElement>(null);
  useFieldkitStyles(rootRef);
  const idBase = useId().replace(/:/g, '');
  const [pickedId, setPickedId] = useState<string>(() => (typeof props.preset === 'string' ? props.preset : (props.preset?.id ?? '')));
  const showPicker = props.showPresetPicker ?? (props.fields === undefined && props.preset === undefined);
  const preset = showPicker ? resolvePreset(pickedId || undefined) ?? resolvePreset(props.preset) : resolvePreset(props.preset);
  const [ownValues, setOwnValues] = useState<FormValue>(() => props.defaultValues ?? (Object.create(null) as FormObject));
  const values: FormValue = props.values ?? ownValues;
  const latestValues = useRef(values);
  latestValues.current = values;
  const onValuesChange = useRef(props.onValuesChange);
  onValuesChange.current = props.onValuesChange;
  const setValues = (fn: (cur: FormValue) => FormValue): void => {
    const next = fn(latestValues.current);
    latestValues.current = next;
    if (props.values === undefined) setOwnValues(next);
    onValuesChange.current?.(next as FormObject);
  };
  const [touched, setTouched] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);

  const formFields = useMemo<FieldList>(() => (preset ? presetFields(preset, props.fields) : (props.fields ?? [])), [preset, props.fields]);
  const result = useMemo<Result<unknown>>(() => {
    const v = toBodyValues(formFields, values) as Record<string, unknown>;
    return preset ? buildPresetBody(preset, props.fields, v) : buildRequestBody(formFields, v);
  }, [preset, props.fields, formFields, values]);

  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  useEffect(() => {
    onChange.current?.(result);
  }, [result]);

  // Errors appear once the user has typed something, so a fresh form isn't all red.
  const errors = useMemo(() => {
    const m = new Map<string, Issue[]>();
    if (!touched) return m;
    for (const i of result.issues) {
      const k = dataPathKey(i.path);
      const l = m.get(k);
      if (l) l.push(i);
      else m.set(k, [i]);
    }
    return m;
  }, [result, touched]);

  const ctx: FormCtx = {
    values,
    errors,
    idBase,
    set(path, v) {
      setTouched(true);
      setValues((cur) => setIn(cur, path, v));
    },
    remove(path, index) {
      setTouched(true);
      setValues((cur) => removeAt(cur, path, index));
    },
  };

  const bodyText = result.ok ? JSON.stringify(result.value, null, 2) : '';
  const method = preset?.method ?? props.method ?? DEFAULT_REQUEST_BODY_BUILDER_PROPS.method;
  const url = preset?.url ?? props.url ?? DEFAULT_REQUEST_BODY_BUILDER_PROPS.url;
  const curl = result.ok
    ? toCurl({ method, url, body: result.value, headers: preset?.headers, apiKeyHeader: props.apiKeyHeader, apiKeyPlaceholder: props.apiKeyPlaceholder })
    : '';
  const unplaced = touched ? result.issues.filter((i) => i.severity === 'error' && !formHasPath(formFields, i.path)) : [];

  const copy = async (what: 'JSON' | 'curl'): Promise<void> => {
    const ok = await copyText(what === 'JSON' ? bodyText : curl);
    setCopied(ok ? `Copied ${what}` : 'Copy failed: select the text and copy it');
  };

  return (
    <div ref={rootRef} className={`fk-root${props.className ? ' ' + props.className : ''}`} data-theme={props.theme ?? DEFAULT_REQUEST_BODY_BUILDER_PROPS.theme}>
      {showPicker && (
        <div className="fk-toolbar">
          <label className="fk-check" htmlFor={`${idBase}-preset`}>
            Preset
          </label>
          <select id={`${idBase}-preset`} className="fk-select" value={pickedId} onChange={(e) => setPickedId(e.target.value)}>
            <option value="">{props.fields ? 'Custom (designed fields)' : '(choose a preset)'}</option>
            {Object.values(PRESETS).map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
          {preset && (
            <span className="fk-chip">
              {preset.method} {preset.url}
            </span>
          )}
        </div>
      )}
      <div className="fk-builder">
        <form
          className="fk-form"
          aria-label="Request body"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
          }}
        >
          {formFields.length === 0 ? <p className="fk-muted">No fields to fill in.</p> : formFields.map((f) => <FieldInput key={f.id} field={f} path={[f.name]} ctx={ctx} />)}
          {unplaced.length > 0 && (
            <ul className="fk-issues" style={{ padding: 0 }}>
              {unplaced.map((i, n) => (
                <li key={n} className="fk-issue" data-severity="error">
                  {i.path.length ? `${i.path.join('.')}: ` : ''}
                  {i.message}
                </li>
              ))}
            </ul>
          )}
        </form>
        <div className="fk-form">
          <div className="fk-toolbar">
            <strong>Body</strong>
            <span className="fk-spacer" />
            <button type="button" className="fk-btn" disabled={!result.ok} onClick={() => void copy('JSON')}>
              Copy JSON
            </button>
            <button type="button" className="fk-btn" disabled={!result.ok} onClick={() => void copy('curl')}>
              Copy as curl
            </button>
          </div>
          <span className="fk-status" role="status">
            {copied ?? ''}
          </span>
          {result.ok ? (
            <pre className="fk-code" aria-label="JSON body" data-testid="fk-body">
              {bodyText}
            </pre>
          ) : (
            <p className="fk-issue" data-severity="error">
              {touched
                ? `${plural(result.issues.filter((i) => i.severity === 'error').length, 'problem')} in the form: the body appears when ${result.issues.length === 1 ? 'it is' : 'they are'} fixed.`
                : 'Fill in the required fields: the body appears when the form is valid.'}
            </p>
          )}
          {result.ok && (
            <details>
              <summary className="fk-muted">curl</summary>
              <pre className="fk-code" aria-label="curl command">
                {curl}
              </pre>
            </details>
          )}
        </div>
      </div>
    </div>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** True when some input of the form shows issues at `path` (its own, or the fieldset's). */
function formHasPath(fields: readonly Field[], path: readonly PathSegment[]): boolean {
  let list: readonly Field[] | undefined = fields;
  let cur: Field | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (typeof seg === 'number') {
      if (!cur || cur.type !== 'array' || !cur.of) return false;
      cur = cur.of;
      list = cur.type === 'object' ? cur.properties : undefined;
      continue;
    }
    cur = list?.find((f) => f.name === seg);
    if (!cur) return false;
    list = cur.type === 'object' ? cur.properties : undefined;
  }
  return path.length > 0;
}
