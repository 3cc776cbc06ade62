import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent as ReactDragEvent, KeyboardEvent as ReactKeyboardEvent, ReactElement } from 'react';
import { defaultRangeExtractor, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { Range, Virtualizer } from '@tanstack/react-virtual';
import { createField, visibleString } from '@fieldkit/core';
import type { Field, FieldType, Issue } from '@fieldkit/core';
import { useSchemaDesigner } from './useSchemaDesigner.js';
import type { SchemaDesignerController, UseSchemaDesignerOptions } from './useSchemaDesigner.js';
import { childrenOf, flattenTree, isMapField, placeIssues } from './tree.js';
import type { TreeRow } from './tree.js';
import { FIELD_TYPE_OPTIONS } from './fieldTypes.js';
import { DEFAULT_THEME, useFieldkitStyles } from './styles.js';
import type { Theme } from './styles.js';
import { siblingsOf } from './designerStore.js';

/** Props of {@link SchemaDesigner}. Editing state comes from `designer`, or from the hook options. */
export interface SchemaDesignerProps extends UseSchemaDesignerOptions {
  /** A controller from {@link useSchemaDesigner}, when the host wants to drive the designer too. */
  designer?: SchemaDesignerController;
  /** Key-check issues (from `checkKeys`): each is shown on the row whose path matches. */
  issues?: readonly Issue[];
  /** Colour scheme; `auto` follows prefers-color-scheme. */
  theme?: Theme;
  /** Height in pixels of the scrolling field tree. */
  height?: number;
  /** Show but do not edit. */
  readOnly?: boolean;
  /** Show per-field statistics and examples when the fields carry them. */
  showStats?: boolean;
  /** Accessible name of the tree. */
  label?: string;
  /** Extra class on the root element. */
  className?: string;
}

/** Defaults of {@link SchemaDesignerProps}. */
export const DEFAULT_SCHEMA_DESIGNER_PROPS = {
  theme: DEFAULT_THEME,
  height: 480,
  readOnly: false,
  showStats: true,
  label: 'Fields',
} as const;

const ROW_ESTIMATE = 37;
/** A row showing statistics and examples has a second text line. */
const ROW_ESTIMATE_STATS = 51;

/** Close estimates keep scroll positions stable: fewer corrections once rows are measured. */
function estimateRow(row: TreeRow | undefined, showStats: boolean): number {
  if (!row) return ROW_ESTIMATE;
  const f = row.field;
  const stats = showStats && (f.stats !== undefined || (f.examples?.length ?? 0) > 0);
  return stats || f.type === 'array' ? ROW_ESTIMATE_STATS : ROW_ESTIMATE;
}

/** What a row needs to reach the designer: stable across renders so memoised rows skip re-rendering. */
interface RowHandlers {
  designer: () => SchemaDesignerController;
  toggleExpand(id: string): void;
  focusRow(id: string): void;
  rowKeyDown(e: ReactKeyboardEvent<HTMLElement>, row: TreeRow): void;
  toggleDetails(id: string): void;
  toggleSelect(id: string): void;
  addChild(row: TreeRow): void;
  registerRow(id: string, el: HTMLElement | null): void;
  dragStart(e: ReactDragEvent, id: string): void;
  dragOver(e: ReactDragEvent, id: string): void;
  drop(e: ReactDragEvent, row: TreeRow): void;
  dragEnd(): void;
}

function displayPath(path: readonly string[]): string {
  return path.join('.');
}

function uniqueName(siblings: readonly Field[], base = 'field'): string {
  const names = new Set(siblings.map((f) => f.name));
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** Short, safe text for an example value (rendered as text, never HTML). */
export function formatExample(value: unknown, max = 60): string {
  let s: string;
  try {
    s = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

function NameInput(props: { field: Field; label: string; readOnly: boolean; onCommit(name: string): void }): ReactElement {
  const { field, label, readOnly, onCommit } = props;
  const [draft, setDraft] = useState(field.name);
  // Escape moves focus away: the blur that follows must not commit the abandoned draft.
  const cancelled = useRef(false);
  useEffect(() => setDraft(field.name), [field.name]);
  const commit = (): void => {
    if (cancelled.current) {
      cancelled.current = false;
      return;
    }
    if (draft !== field.name && draft !== '') onCommit(draft);
    else setDraft(field.name);
  };
  return (
    <input
      className="fk-input"
      data-role="name"
      aria-label={label}
      value={draft}
      readOnly={readOnly}
      spellCheck={false}
      aria-invalid={draft === '' ? true : undefined}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        } else if (e.key === 'Escape') {
          // Revert and hand the keyboard back to the tree.
          e.preventDefault();
          setDraft(field.name);
          cancelled.current = true;
          e.currentTarget.closest<HTMLElement>('[role="treeitem"]')?.focus();
          cancelled.current = false;
        }
      }}
    />
  );
}

/** The value type a map's kept `additionalProperties` schema names, for display. */
function mapValueType(field: Field): string {
  const ap = field.extra?.additionalProperties;
  if (ap === true) return 'any';
  if (typeof ap !== 'object' || ap === null) return 'values';
  const t = (ap as { type?: unknown; format?: unknown }).type;
  const f = (ap as { format?: unknown }).format;
  const base = Array.isArray(t) ? t.join(' | ') : typeof t === 'string' ? t : 'values';
  return typeof f === 'string' ? `${base} (${f})` : base;
}

const TYPE_GROUPS = [
  { group: 'basic', label: 'JSON types' },
  { group: 'time', label: 'Dates and times' },
  { group: 'format', label: 'Formatted strings' },
] as const;

function TypeSelect(props: { value: FieldType; label: string; disabled: boolean; onChange(t: FieldType): void }): ReactElement {
  return (
    <select
      className="fk-select"
      aria-label={props.label}
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value as FieldType)}
    >
      {TYPE_GROUPS.map((g) => (
        <optgroup key={g.group} label={g.label}>
          {FIELD_TYPE_OPTIONS.filter((t) => t.group === g.group).map((t) => (
            <option key={t.type} value={t.type}>
              {t.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** Enums a person can edit as lines of text: string or number fields whose values fit on one line each. */
/** The field and its nested array items while they are arrays: one item-type select each. */
function arrayLevels(field: Field): Field[] {
  const out: Field[] = [];
  for (let h: Field | undefined = field; h !== undefined && h.type === 'array'; h = h.of) out.push(h);
  return out;
}

function enumEditable(f: Field): boolean {
  const numeric = NUMBER_FIELD_TYPES.has(f.type);
  const stringy = STRING_FIELD_TYPES.has(f.type);
  if (!numeric && !stringy) return false;
  return (f.enum ?? []).every((v) => (numeric ? typeof v === 'number' : typeof v === 'string' && !/[\r\n]/.test(v)));
}

const NUMBER_FIELD_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['integer', 'number']);
const STRING_FIELD_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['string', 'email', 'uri', 'uuid', 'date', 'time', 'date-time', 'iso-date-time', 'date-time-space', 'ipv4', 'ipv6']);

/** Allowed values, one per line; numbers are checked before they are committed. Empty = any value. */
function EnumDetail(props: { field: Field; readOnly: boolean; onCommit(v: unknown[] | undefined): void }): ReactElement {
  const { field } = props;
  const text = (field.enum ?? []).map(String).join('\n');
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(text), [text]);
  const commit = (): void => {
    const lines = draft.split(/\r?\n/).filter((l) => l.trim() !== '');
    let values: unknown[] = lines;
    if (NUMBER_FIELD_TYPES.has(field.type)) {
      const bad = lines.find((l) => !Number.isFinite(Number(l)) || (field.type === 'integer' && !Number.isInteger(Number(l))));
      if (bad !== undefined) {
        setError(`"${bad}" is not ${field.type === 'integer' ? 'an integer' : 'a number'}`);
        return;
      }
      values = lines.map(Number);
    }
    setError(null);
    const unique = [...new Set(values)];
    const next = unique.length ? unique : undefined;
    if (JSON.stringify(next ?? null) !== JSON.stringify(field.enum ?? null)) props.onCommit(next);
  };
  return (
    <label className="fk-detail-wide">
      Allowed values (one per line; empty = any)
      <textarea
        className="fk-input"
        rows={Math.min(6, Math.max(2, (field.enum?.length ?? 0) + 1))}
        value={draft}
        readOnly={props.readOnly}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
      />
      {error && <span className="fk-issue" data-severity="error" role="alert">{error}</span>}
    </label>
  );
}

function TextDetail(props: { label: string; value: string | undefined; readOnly: boolean; multiline?: boolean; onCommit(v: string | undefined): void }): ReactElement {
  const [draft, setDraft] = useState(props.value ?? '');
  useEffect(() => setDraft(props.value ?? ''), [props.value]);
  const commit = (): void => {
    const v = draft === '' ? undefined : draft;
    if (v !== props.value) props.onCommit(v);
  };
  const common = {
    className: 'fk-input',
    value: draft,
    readOnly: props.readOnly,
    onBlur: commit,
  };
  return (
    <label>
      {props.label}
      {props.multiline ? (
        <textarea {...common} rows={2} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input
          {...common}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      )}
    </label>
  );
}

interface RowProps {
  row: TreeRow;
  index: number;
  start: number;
  tabbable: boolean;
  selected: boolean;
  detailsOpen: boolean;
  dragOver: boolean;
  issues: readonly Issue[] | undefined;
  readOnly: boolean;
  showStats: boolean;
  h: RowHandlers;
  measure: (el: Element | null) => void;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Rows are rebuilt by flattenTree on every edit; compare what a row shows, not the row object,
 * so an edit re-renders only the rows it touched (fields are immutable: same object = same field).
 */
function sameRow(a: RowProps, b: RowProps): boolean {
  const r = a.row;
  const q = b.row;
  return (
    r.field === q.field &&
    r.level === q.level &&
    r.index === q.index &&
    r.setSize === q.setSize &&
    r.expanded === q.expanded &&
    r.expandable === q.expandable &&
    r.parentId === q.parentId &&
    r.childParentId === q.childParentId &&
    samePath(r.path, q.path) &&
    a.index === b.index &&
    a.start === b.start &&
    a.tabbable === b.tabbable &&
    a.selected === b.selected &&
    a.detailsOpen === b.detailsOpen &&
    a.dragOver === b.dragOver &&
    a.issues === b.issues &&
    a.readOnly === b.readOnly &&
    a.showStats === b.showStats &&
    a.h === b.h &&
    a.measure === b.measure
  );
}

const Row = memo(function Row(props: RowProps): ReactElement {
  const { row, h, readOnly, issues } = props;
  const { field } = row;
  const name = displayPath(row.path);
  const stats = field.stats;
  const examples = field.examples ?? stats?.examples;
  const pct = stats && stats.total > 0 ? Math.round((stats.seen / stats.total) * 100) : undefined;
  const d = h.designer;
  const issueId = issues?.length ? `fk-issues-${field.id}` : undefined;
  // Zero-width spaces, control characters and the like make two names look the same: show them.
  const oddName = visibleString(field.name) !== JSON.stringify(field.name);
  return (
    <div
      ref={(el) => {
        props.measure(el);
        h.registerRow(field.id, el);
      }}
      data-index={props.index}
      data-row-id={field.id}
      data-path={name}
      className="fk-row"
      role="treeitem"
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.index + 1}
      aria-expanded={row.expandable ? row.expanded : undefined}
      aria-selected={props.selected}
      aria-describedby={issueId}
      data-selected={props.selected || undefined}
      data-dragover={props.dragOver || undefined}
      tabIndex={props.tabbable ? 0 : -1}
      style={{ transform: `translateY(${props.start}px)`, ['--fk-level' as string]: row.level }}
      onFocus={(e) => {
        if (e.target === e.currentTarget || e.currentTarget.contains(e.target)) h.focusRow(field.id);
      }}
      onKeyDown={(e) => h.rowKeyDown(e, row)}
      onDragOver={(e) => h.dragOver(e, field.id)}
      onDrop={(e) => h.drop(e, row)}
    >
      <div className="fk-row-main">
        <span
          className="fk-handle"
          draggable={!readOnly}
          title="Drag to reorder (or Alt+↑/↓)"
          aria-hidden="true"
          onDragStart={(e) => h.dragStart(e, field.id)}
          onDragEnd={h.dragEnd}
        >
          ⠿
        </span>
        <span className="fk-name">
          {row.expandable ? (
            <button
              type="button"
              className="fk-twisty"
              tabIndex={-1}
              aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${name}`}
              onClick={() => h.toggleExpand(field.id)}
            >
              {row.expanded ? '▾' : '▸'}
            </button>
          ) : (
            <span className="fk-twisty-spacer" />
          )}
          <input
            type="checkbox"
            aria-label={`Select ${name}`}
            checked={props.selected}
            disabled={readOnly}
            onChange={() => h.toggleSelect(field.id)}
          />
          <NameInput field={field} label={`Name of ${name}`} readOnly={readOnly} onCommit={(n) => d().rename(field.id, n)} />
        </span>
        <span className="fk-type">
          {isMapField(field) ? (
            <span className="fk-chip" title="Any key; each value follows the kept value schema">
              map of {mapValueType(field)}
            </span>
          ) : field.type === 'object' && field.properties === undefined ? (
            <span className="fk-chip" title="An object with any keys and values">
              any keys
            </span>
          ) : null}
          <TypeSelect value={field.type} label={`Type of ${name}`} disabled={readOnly} onChange={(t) => d().retype(field.id, t)} />
          {/* One item type per array level: tags: string[][] shows "array", then "string". */}
          {arrayLevels(field).map((h, k) => (
            <TypeSelect
              key={h.id}
              value={h.of?.type ?? 'any'}
              label={`Item type of ${name}${'[]'.repeat(k)}`}
              disabled={readOnly}
              onChange={(t) => (h.of ? d().retype(h.of.id, t) : d().update(h.id, { of: createField({ name: '', type: t }) }))}
            />
          ))}
        </span>
        <span className="fk-flags">
          <label className="fk-check">
            <input type="checkbox" aria-label={`Optional ${name}`} checked={field.optional} disabled={readOnly} onChange={() => d().toggleOptional(field.id)} />
            <span aria-hidden="true">opt</span>
          </label>
          <label className="fk-check">
            <input type="checkbox" aria-label={`Nullable ${name}`} checked={field.nullable} disabled={readOnly} onChange={() => d().toggleNullable(field.id)} />
            <span aria-hidden="true">null</span>
          </label>
        </span>
        <span className="fk-stats">
          {props.showStats && stats && pct !== undefined && (
            <span className="fk-stat" title={`Seen in ${stats.seen} of ${stats.total} objects`}>
              <span className="fk-bar" role="meter" aria-label={`${name} seen`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={`${pct}% (${stats.seen}/${stats.total})`}>
                <span style={{ width: `${pct}%` }} />
              </span>
              <span className="fk-muted">
                {pct}% · {stats.seen}/{stats.total}
              </span>
            </span>
          )}
          {props.showStats && examples && examples.length > 0 && (
            <span className="fk-examples" title={examples.slice(0, 5).map((x) => formatExample(x, 300)).join('\n')}>
              {examples.slice(0, 3).map((x) => formatExample(x)).join(', ')}
            </span>
          )}
        </span>
        <span className="fk-actions">
          <button
            type="button"
            className="fk-btn fk-btn-icon"
            aria-label={`Details of ${name}`}
            aria-expanded={props.detailsOpen}
            title="Label and hint"
            onClick={() => h.toggleDetails(field.id)}
          >
            ✎
          </button>
          {row.childParentId !== null && !readOnly && (
            <button type="button" className="fk-btn fk-btn-icon" aria-label={`Add child to ${name}`} title="Add a child field" onClick={() => h.addChild(row)}>
              +
            </button>
          )}
          {!readOnly && (
            <button type="button" className="fk-btn fk-btn-icon" aria-label={`Wrap ${name} in array`} title="Wrap in array" onClick={() => d().wrapInArray(field.id)}>
              [ ]
            </button>
          )}
          {!readOnly && (
            <button type="button" className="fk-btn fk-btn-icon fk-btn-danger" aria-label={`Remove ${name}`} title="Remove (Delete)" onClick={() => d().remove(field.id)}>
              ✕
            </button>
          )}
        </span>
      </div>
      {oddName && (
        <p className="fk-issues fk-odd-name" style={{ margin: 0 }}>
          <span className="fk-issue" data-severity="info">
            Name has invisible or unusual characters: {visibleString(field.name)}
          </span>
        </p>
      )}
      {issues && issues.length > 0 && (
        <ul className="fk-issues" id={issueId}>
          {issues.map((i, n) => (
            <li key={n} className="fk-issue" data-severity={i.severity} data-code={i.code}>
              {i.message}
              {i.suggestion !== undefined && i.code === 'keys/near-miss' ? '' : i.suggestion !== undefined ? ` (did you mean "${i.suggestion}"?)` : ''}
            </li>
          ))}
        </ul>
      )}
      {props.detailsOpen && (
        <div className="fk-details">
          <TextDetail label="Label" value={field.label} readOnly={readOnly} onCommit={(v) => d().update(field.id, { label: v })} />
          <TextDetail label="Hint" value={field.hint} readOnly={readOnly} multiline onCommit={(v) => d().update(field.id, { hint: v })} />
          {enumEditable(field) ? (
            <EnumDetail field={field} readOnly={readOnly} onCommit={(v) => d().update(field.id, { enum: v })} />
          ) : field.enum && field.enum.length > 0 && (
            <span className="fk-detail-line">
              Allowed values: {field.enum.slice(0, 50).map((v, n) => (
                <span key={n} className="fk-chip">
                  {formatExample(v, 80)}
                </span>
              ))}
              {field.enum.length > 50 ? ` … ${field.enum.length - 50} more` : ''}
            </span>
          )}
          {field.extra && Object.keys(field.extra).length > 0 && (
            <span className="fk-detail-line" title="Schema keywords the designer doesn't edit; they are kept as they are">
              Kept keywords: {Object.keys(field.extra).map((k) => (
                <span key={k} className="fk-chip">
                  {k}
                </span>
              ))}
            </span>
          )}
        </div>
      )}
    </div>
  );
}, sameRow);

/** Replace a zero-size measurement (jsdom, a hidden container) by the configured height, so a window of rows still renders. */
function observeRectWithFallback(height: number) {
  return (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) =>
    observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width || 800, height }));
}

function measureWithFallback(el: Element): number {
  const h = el.getBoundingClientRect().height;
  return h > 0 ? h : ROW_ESTIMATE;
}

/**
 * The field tree editor: add, remove, rename, retype, reorder (drag-and-drop or Alt+↑/↓),
 * optional/nullable, label and hint, nested objects and arrays, statistics and examples,
 * near-miss key warnings. The visible tree is virtualised, so 10,000 fields stay responsive.
 *
 * Keyboard (on a focused row): ↑/↓/Home/End move, →/← expand/collapse, Alt+↑/↓ reorder,
 * Enter or F2 edits the name, Delete removes, Space selects (for "Nest selected"),
 * Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo.
 */
export function SchemaDesigner(props: SchemaDesignerProps): ReactElement {
  const own = useSchemaDesigner({ value: props.value, defaultValue: props.defaultValue, onChange: props.onChange, historyLimit: props.historyLimit });
  const designer = props.designer ?? own;
  const theme = props.theme ?? DEFAULT_SCHEMA_DESIGNER_PROPS.theme;
  const height = props.height ?? DEFAULT_SCHEMA_DESIGNER_PROPS.height;
  const readOnly = props.readOnly ?? DEFAULT_SCHEMA_DESIGNER_PROPS.readOnly;
  const showStats = props.showStats ?? DEFAULT_SCHEMA_DESIGNER_PROPS.showStats;
  const label = props.label ?? DEFAULT_SCHEMA_DESIGNER_PROPS.label;
  const rootRef = useRef<HTMLDivElement>(null);
  useFieldkitStyles(rootRef);

  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [details, setDetails] = useState<ReadonlySet<string>>(() => new Set());
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [dragOverId, setDragOverId] = useState<string | null>(null);
  const [nestName, setNestName] = useState<string | null>(null);
  // Screen readers hear what keyboard actions did (moves, removals) through a polite live region.
  const [announcement, setAnnouncement] = useState('');
  const dragId = useRef<string | null>(null);
  const rowEls = useRef(new Map<string, HTMLElement>());
  const pendingFocus = useRef<{ id: string; target: 'row' | 'name' | 'keep'; el?: Element | null } | null>(null);

  const fields = designer.fields;
  const rows = useMemo(() => flattenTree(fields, collapsed), [fields, collapsed]);
  const rowIndex = useMemo(() => {
    const m = new Map<string, number>();
    rows.forEach((r, i) => m.set(r.field.id, i));
    return m;
  }, [rows]);

  const { byId, unmatched } = useMemo(() => placeIssues(fields, props.issues ?? []), [props.issues, fields]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const observeRect = useMemo(() => observeRectWithFallback(height), [height]);
  // The focused row stays rendered when it scrolls out of view: an input being edited there
  // would otherwise be unmounted (no blur, so its unsaved text lost) and the roving tab stop
  // would leave the DOM.
  const keepIndex = useRef(-1);
  keepIndex.current = focusedId !== null ? (rowIndex.get(focusedId) ?? -1) : -1;
  const rangeExtractor = useCallback((range: Range): number[] => {
    const out = defaultRangeExtractor(range);
    const k = keepIndex.current;
    if (k >= 0 && k < range.count && !out.includes(k)) {
      out.push(k);
      out.sort((a, b) => a - b);
    }
    return out;
  }, []);
  const virtualizer = useVirtualizer({
    rangeExtractor,
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimateRow(rows[i], showStats),
    getItemKey: (i) => rows[i]?.field.id ?? i,
    overscan: 8,
    initialRect: { width: 800, height },
    observeElementRect: observeRect,
    measureElement: measureWithFallback,
    // Measuring inside ref callbacks must not flushSync during React's commit (React 19 warns).
    useFlushSync: false,
  });

  // The roving tab stop: the focused row if it still exists, else the first row.
  const tabStop = focusedId !== null && rowIndex.has(focusedId) ? focusedId : (rows[0]?.field.id ?? null);

  // Latest values for the stable handlers.
  const live = useRef({ rows, rowIndex, designer, virtualizer, selected, readOnly });
  live.current = { rows, rowIndex, designer, virtualizer, selected, readOnly };

  const focusRowById = useCallback((id: string, target: 'row' | 'name' = 'row') => {
    const idx = live.current.rowIndex.get(id);
    if (idx === undefined) return;
    pendingFocus.current = { id, target };
    setFocusedId(id);
    live.current.virtualizer.scrollToIndex(idx, { align: 'auto' });
    // The row may already be mounted: focus now; otherwise the layout effect below does it.
    const el = rowEls.current.get(id);
    if (el) {
      const t = target === 'name' ? el.querySelector<HTMLInputElement>('input[data-role="name"]') : el;
      t?.focus();
      if (t && target === 'name' && t instanceof HTMLInputElement) t.select();
      pendingFocus.current = null;
    }
  }, []);

  useLayoutEffect(() => {
    const p = pendingFocus.current;
    if (!p) return;
    const el = rowEls.current.get(p.id);
    if (!el) return;
    pendingFocus.current = null;
    if (p.target === 'keep') {
      if (p.el && p.el.isConnected && p.el instanceof HTMLElement && p.el.ownerDocument.activeElement !== p.el) p.el.focus();
      return;
    }
    const t = p.target === 'name' ? el.querySelector<HTMLInputElement>('input[data-role="name"]') : el;
    t?.focus();
    // A new field's placeholder name is selected, so typing replaces it.
    if (t instanceof HTMLInputElement) t.select();
  });

  const h = useMemo<RowHandlers>(
    () => ({
      designer: () => live.current.designer,
      toggleExpand(id) {
        setCollapsed((s) => {
          const n = new Set(s);
          if (n.has(id)) n.delete(id);
          else n.add(id);
          return n;
        });
      },
      focusRow(id) {
        setFocusedId(id);
      },
      toggleDetails(id) {
        setDetails((s) => {
          const n = new Set(s);
          if (n.has(id)) n.delete(id);
          else n.add(id);
          return n;
        });
      },
      toggleSelect(id) {
        setSelected((s) => {
          const n = new Set(s);
          if (n.has(id)) n.delete(id);
          else n.add(id);
          return n;
        });
      },
      addChild(row) {
        if (!row.childParentId) return;
        const d = live.current.designer;
        const kids = childrenOf(row.field)?.list ?? [];
        const f = d.add({ name: uniqueName(kids) }, { parentId: row.childParentId });
        setCollapsed((s) => {
          if (!s.has(row.field.id)) return s;
          const n = new Set(s);
          n.delete(row.field.id);
          return n;
        });
        pendingFocus.current = { id: f.id, target: 'name' };
        setFocusedId(f.id);
      },
      registerRow(id, el) {
        if (el) rowEls.current.set(id, el);
        else rowEls.current.delete(id);
      },
      dragStart(e, id) {
        dragId.current = id;
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', id);
      },
      dragOver(e, id) {
        if (dragId.current === null) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setDragOverId(id);
      },
      drop(e, row) {
        const id = dragId.current;
        dragId.current = null;
        setDragOverId(null);
        if (id === null || id === row.field.id) return;
        e.preventDefault();
        const d = live.current.designer;
        const from = siblingsOf(d.fields, id);
        // Dropping on a row puts the dragged field before it; moveField's index counts the list without the moved field.
        const index = from && from.parentId === row.parentId && from.index < row.index ? row.index - 1 : row.index;
        d.move(id, { parentId: row.parentId, index });
      },
      dragEnd() {
        dragId.current = null;
        setDragOverId(null);
      },
      rowKeyDown(e, row) {
        const { rows, rowIndex, designer: d, readOnly } = live.current;
        const onRow = e.target === e.currentTarget;
        const id = row.field.id;
        if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
          if (readOnly) return;
          e.preventDefault();
          pendingFocus.current = { id, target: 'keep', el: e.target as Element };
          const before = d.fields;
          d.moveBy(id, e.key === 'ArrowUp' ? -1 : 1);
          const after = siblingsOf(live.current.designer.store.current(), id);
          if (after && live.current.designer.store.current() !== before)
            setAnnouncement(`Moved ${row.field.name} to position ${after.index + 1} of ${after.siblings.length}`);
          return;
        }
        if (!onRow) return;
        const i = rowIndex.get(id) ?? 0;
        const go = (j: number): void => {
          const r = rows[Math.max(0, Math.min(rows.length - 1, j))];
          if (r) focusRowById(r.field.id);
        };
        switch (e.key) {
          case 'ArrowDown':
            e.preventDefault();
            go(i + 1);
            break;
          case 'ArrowUp':
            e.preventDefault();
            go(i - 1);
            break;
          case 'Home':
            e.preventDefault();
            go(0);
            break;
          case 'End':
            e.preventDefault();
            go(rows.length - 1);
            break;
          case 'ArrowRight':
            e.preventDefault();
            if (row.expandable && !row.expanded) h.toggleExpand(id);
            else if (row.expandable && rows[i + 1]?.level === row.level + 1) go(i + 1);
            break;
          case 'ArrowLeft': {
            e.preventDefault();
            if (row.expandable && row.expanded) h.toggleExpand(id);
            else if (row.level > 1) {
              for (let j = i - 1; j >= 0; j--) if (rows[j]!.level === row.level - 1) return go(j);
            }
            break;
          }
          case 'Enter':
          case 'F2':
            e.preventDefault();
            focusRowById(id, 'name');
            break;
          case ' ':
            e.preventDefault();
            if (!readOnly) h.toggleSelect(id);
            break;
          case 'Delete':
          case 'Backspace': {
            if (readOnly) return;
            e.preventDefault();
            const next = rows[i + 1] && rows[i + 1]!.level >= row.level ? rows.slice(i + 1).find((r) => r.level <= row.level) : undefined;
            const target = next ?? rows[i - 1];
            d.remove(id);
            setAnnouncement(`Removed ${row.field.name}`);
            if (target) {
              pendingFocus.current = { id: target.field.id, target: 'row' };
              setFocusedId(target.field.id);
            }
            break;
          }
        }
      },
    }),
    [focusRowById],
  );

  const onTreeKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>): void => {
    const t = e.target as HTMLElement;
    // Text fields keep their own undo; the designer's undo works from rows and buttons.
    if (t.tagName === 'INPUT' && (t as HTMLInputElement).type !== 'checkbox') return;
    if (t.tagName === 'TEXTAREA') return;
    const mod = e.ctrlKey || e.metaKey;
    if (!mod || readOnly) return;
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) {
      e.preventDefault();
      designer.undo();
    } else if ((k === 'z' && e.shiftKey) || k === 'y') {
      e.preventDefault();
      designer.redo();
    }
  };

  // "Add field" inserts after the row the user is on (same parent), so a big tree doesn't jump to its end;
  // with no current row it appends at the root.
  const addRootField = (): void => {
    const where = focusedId !== null && rowIndex.has(focusedId) ? siblingsOf(fields, focusedId) : undefined;
    const f = where
      ? designer.add({ name: uniqueName(where.siblings) }, { parentId: where.parentId, index: where.index + 1 })
      : designer.add({ name: uniqueName(fields) });
    pendingFocus.current = { id: f.id, target: 'name' };
    setFocusedId(f.id);
    // Scroll once the new row is part of `rows` (next render).
    requestAnimationFrame(() => {
      const idx = live.current.rowIndex.get(f.id);
      if (idx !== undefined) live.current.virtualizer.scrollToIndex(idx);
    });
  };

  // Nesting works on selected siblings only (nestFields' contract).
  const selectedIds = useMemo(() => [...selected].filter((id) => rowIndex.has(id) || siblingsOf(fields, id)), [selected, rowIndex, fields]);
  const nestable = useMemo(() => {
    if (selectedIds.length === 0) return false;
    const where = selectedIds.map((id) => siblingsOf(fields, id));
    if (where.some((w) => w === undefined)) return false;
    return new Set(where.map((w) => w!.parentId)).size === 1;
  }, [selectedIds, fields]);

  const doNest = (): void => {
    if (!nestName || !nestable) return;
    designer.nest(selectedIds, nestName);
    setSelected(new Set());
    setNestName(null);
  };

  const expandAll = (): void => setCollapsed(new Set());
  const collapseAll = (): void => {
    const ids = new Set<string>();
    for (const r of flattenTree(fields, new Set())) if (r.expandable) ids.add(r.field.id);
    setCollapsed(ids);
  };

  const count = useMemo(() => flattenTree(fields, new Set()).length, [fields]);
  const items = virtualizer.getVirtualItems();

  return (
    <div ref={rootRef} className={`fk-root fk-designer${props.className ? ' ' + props.className : ''}`} data-theme={theme}>
      {!readOnly && (
        <div className="fk-toolbar" role="toolbar" aria-label="Designer actions">
          <button type="button" className="fk-btn fk-btn-primary" onClick={addRootField}>
            Add field
          </button>
          <button type="button" className="fk-btn" onClick={designer.undo} disabled={!designer.canUndo} aria-keyshortcuts="Control+Z">
            Undo
          </button>
          <button type="button" className="fk-btn" onClick={designer.redo} disabled={!designer.canRedo} aria-keyshortcuts="Control+Shift+Z">
            Redo
          </button>
          {nestName === null ? (
            <button type="button" className="fk-btn" disabled={!nestable} onClick={() => setNestName('group')}>
              Nest selected{selectedIds.length ? ` (${selectedIds.length})` : ''}
            </button>
          ) : (
            <form
              className="fk-toolbar"
              onSubmit={(e) => {
                e.preventDefault();
                doNest();
              }}
            >
              <input className="fk-input" aria-label="Name of the new object" value={nestName} autoFocus onChange={(e) => setNestName(e.target.value)} />
              <button type="submit" className="fk-btn fk-btn-primary" disabled={!nestName || !nestable}>
                Nest
              </button>
              <button type="button" className="fk-btn" onClick={() => setNestName(null)}>
                Cancel
              </button>
            </form>
          )}
          <span className="fk-spacer" />
          <button type="button" className="fk-btn" onClick={expandAll}>
            Expand all
          </button>
          <button type="button" className="fk-btn" onClick={collapseAll}>
            Collapse all
          </button>
          <span className="fk-status" aria-live="polite">
            {count} {count === 1 ? 'field' : 'fields'}
          </span>
        </div>
      )}
      {unmatched.length > 0 && (
        <ul className="fk-issues" aria-label="Key issues" style={{ padding: '0 0 6px' }}>
          {unmatched.map((i, n) => (
            <li key={n} className="fk-issue" data-severity={i.severity} data-code={i.code}>
              {i.path.length ? `${i.path.join('.')}: ` : ''}
              {i.message}
            </li>
          ))}
        </ul>
      )}
      <div className="fk-sr-only" role="status" aria-live="polite">
        {announcement}
      </div>
      <div className="fk-header" aria-hidden="true">
        <span />
        <span>Name</span>
        <span>Type</span>
        <span>Flags</span>
        <span>{showStats ? 'Seen · examples' : ''}</span>
        <span />
      </div>
      {rows.length === 0 ? (
        <div className="fk-tree fk-empty">No fields yet.{readOnly ? '' : ' Use “Add field” or paste samples to infer them.'}</div>
      ) : (
        <div ref={scrollRef} className="fk-tree" style={{ height: Math.min(height, virtualizer.getTotalSize() + 2) }} role="tree" aria-label={label} aria-multiselectable="true" onKeyDown={onTreeKeyDown}>
          <div className="fk-tree-inner" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              const id = row.field.id;
              return (
                <Row
                  key={id}
                  row={row}
                  index={item.index}
                  start={item.start}
                  tabbable={id === tabStop}
                  selected={selected.has(id)}
                  detailsOpen={details.has(id)}
                  dragOver={dragOverId === id}
                  issues={byId.get(id)}
                  readOnly={readOnly}
                  showStats={showStats}
                  h={h}
                  measure={virtualizer.measureElement}
                />
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}

