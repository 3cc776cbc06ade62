import type { Field, FieldList, FieldType, SchemaDraft, TextFormat } from '@fieldkit/core';
import type { FormObject } from '@fieldkit/react';
import { ITERABLE_EXAMPLE_PAYLOAD, ITERABLE_EXAMPLE_SAMPLES, ITERABLE_EXAMPLE_TEXT } from '../examples/iterable.js';

/** The app's top-level screens. */
export type TabId = 'design' | 'validate' | 'body' | 'capture';
/** Which export the output panel shows. */
export type OutputId = 'schema' | 'typescript' | 'workato';

/** Event key meaning "all events merged into one schema". */
export const ALL_EVENTS = '';
/** Event key meaning "all events, one type each" (a discriminated union of the per-event designs). */
export const UNION_EVENTS = '#union';

/** The user's edits for one event type (or for all events merged, key {@link ALL_EVENTS}). */
export interface Design {
  event: string;
  fields: FieldList;
}

/**
 * Everything the user made, as plain JSON: saved to localStorage, to files and into share links.
 * Bump {@link STATE_VERSION} (and migrate in {@link readState}) when the shape changes.
 */
export interface DesignerState {
  v: typeof STATE_VERSION;
  /** The samples text as typed/pasted/dropped. */
  sampleText: string;
  /** The parsed samples (what inference sees). */
  samples: unknown[];
  /** How the samples text is read (the wizard's Format and "each element" choices). */
  sampleOptions: SampleOptions;
  /** Selected event type; {@link ALL_EVENTS} when the samples are merged. */
  event: string;
  /** Edited field trees, one per event the user touched. Untouched events are re-inferred. */
  designs: Design[];
  draft: SchemaDraft;
  /** Schema title / TypeScript type name; empty = derived from the event. */
  title: string;
  validateText: string;
  presetId: string;
  tab: TabId;
  output: OutputId;
  /** Show every export at once instead of one tab. */
  allOutputs: boolean;
  /** Keep inference examples and stats (`x-fieldkit-stats`) in the exports. */
  annotations: boolean;
  /** What was typed into the request-body form, per form ({@link bodyFormKey}). */
  bodyValues: Record<string, FormObject>;
}

/** Which request-body form values belong to: the preset, and whether its dataFields come from the design. */
export function bodyFormKey(presetId: string, useDesign: boolean): string {
  return `${presetId}${useDesign ? ' (design)' : ''}`;
}

/** How the samples text is split into samples. */
export interface SampleOptions {
  format: TextFormat;
  /** A top-level array is a list of samples rather than one sample. */
  eachElement: boolean;
}

/** Version of the persisted shape. */
export const STATE_VERSION = 1 as const;

/** The state a newcomer sees: the Iterable email example, emailSend selected. */
export function exampleState(): DesignerState {
  return {
    v: STATE_VERSION,
    sampleText: ITERABLE_EXAMPLE_TEXT,
    samples: structuredClone([...ITERABLE_EXAMPLE_SAMPLES]),
    sampleOptions: { format: 'auto', eachElement: false },
    event: 'emailSend', // matched against the variant's raw discriminator value too
    designs: [],
    draft: '2020-12',
    title: '',
    validateText: ITERABLE_EXAMPLE_PAYLOAD,
    presetId: 'iterable.users/update',
    tab: 'design',
    output: 'typescript',
    allOutputs: false,
    annotations: false,
    bodyValues: {},
  };
}

const TABS: readonly TabId[] = ['design', 'validate', 'body', 'capture'];
const OUTPUTS: readonly OutputId[] = ['schema', 'typescript', 'workato'];
const DRAFTS: readonly SchemaDraft[] = ['2020-12', 'draft-07'];
const FIELD_TYPES: ReadonlySet<string> = new Set<FieldType>([
  'string', 'integer', 'number', 'boolean', 'object', 'array', 'null', 'any', 'date-time', 'date', 'time',
  'email', 'uri', 'uuid', 'ipv4', 'ipv6', 'iso-date-time', 'date-time-space', 'unix-time', 'unix-time-ms',
]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when `v` is structurally a Field (recursively); stored data is untrusted. */
export function isField(v: unknown, depth = 0): v is Field {
  if (!isRecord(v) || depth > 200) return false;
  if (typeof v.id !== 'string' || typeof v.name !== 'string' || typeof v.type !== 'string') return false;
  if (!FIELD_TYPES.has(v.type)) return false;
  if (typeof v.optional !== 'boolean' || typeof v.nullable !== 'boolean') return false;
  if (v.properties !== undefined && !(Array.isArray(v.properties) && v.properties.every((f) => isField(f, depth + 1)))) return false;
  if (v.of !== undefined && !isField(v.of, depth + 1)) return false;
  return true;
}

/** What reading stored state found: the state to use, and what was wrong with the input. */
export interface ReadStateResult {
  state: DesignerState;
  /** Human-readable problems; empty when the input was fully usable. */
  problems: string[];
  /** True when nothing of the input could be used (not a designer state at all): `state` is the example. */
  fatal?: boolean;
}

/**
 * Read state from untrusted JSON (localStorage, a file, a share link). Never throws: unusable
 * parts fall back to the example's values and are reported in `problems`.
 */
export function readState(raw: unknown): ReadStateResult {
  const base = exampleState();
  const problems: string[] = [];
  if (!isRecord(raw)) return { state: base, problems: ['not a fieldkit designer state (expected a JSON object)'], fatal: true };
  if (raw.v === undefined) return { state: base, problems: ['not a fieldkit designer state (no "v" version key)'], fatal: true };
  if (raw.v !== STATE_VERSION) {
    return { state: base, problems: [`unsupported state version ${JSON.stringify(raw.v)} (expected ${STATE_VERSION})`], fatal: true };
  }
  const s = base;
  if (typeof raw.sampleText === 'string') s.sampleText = raw.sampleText;
  else problems.push('samples text missing');
  if (Array.isArray(raw.samples)) s.samples = raw.samples;
  else problems.push('samples missing');
  if (typeof raw.event === 'string') s.event = raw.event;
  if (isRecord(raw.sampleOptions)) {
    const { format, eachElement } = raw.sampleOptions;
    if (format === 'auto' || format === 'json' || format === 'ndjson') s.sampleOptions = { ...s.sampleOptions, format };
    if (typeof eachElement === 'boolean') s.sampleOptions = { ...s.sampleOptions, eachElement };
  }
  if (Array.isArray(raw.designs)) {
    const good = raw.designs.filter(
      (d): d is Design => isRecord(d) && typeof d.event === 'string' && Array.isArray(d.fields) && d.fields.every((f) => isField(f)),
    );
    if (good.length !== raw.designs.length) problems.push(`${raw.designs.length - good.length} edited field tree(s) were damaged and were re-inferred`);
    s.designs = good.map((d) => ({ event: d.event, fields: d.fields }));
  }
  if (DRAFTS.includes(raw.draft as SchemaDraft)) s.draft = raw.draft as SchemaDraft;
  if (typeof raw.title === 'string') s.title = raw.title;
  if (typeof raw.validateText === 'string') s.validateText = raw.validateText;
  if (typeof raw.presetId === 'string') s.presetId = raw.presetId;
  if (TABS.includes(raw.tab as TabId)) s.tab = raw.tab as TabId;
  if (OUTPUTS.includes(raw.output as OutputId)) s.output = raw.output as OutputId;
  if (typeof raw.allOutputs === 'boolean') s.allOutputs = raw.allOutputs;
  if (typeof raw.annotations === 'boolean') s.annotations = raw.annotations;
  if (isRecord(raw.bodyValues)) {
    // Keys are untrusted: defined as data, never through a setter (`__proto__`).
    const values: Record<string, FormObject> = {};
    for (const [k, v] of Object.entries(raw.bodyValues)) {
      if (isRecord(v)) Object.defineProperty(values, k, { value: v as FormObject, enumerable: true, writable: true, configurable: true });
    }
    s.bodyValues = values;
  }
  return { state: s, problems };
}

/** The edited fields for `event`, if the user changed them. */
export function designFor(state: DesignerState, event: string): FieldList | undefined {
  return state.designs.find((d) => d.event === event)?.fields;
}

/** Replace (or add) the edited fields for `event`. */
export function withDesign(state: DesignerState, event: string, fields: FieldList): DesignerState {
  const designs = state.designs.filter((d) => d.event !== event);
  designs.push({ event, fields });
  return { ...state, designs };
}

/** `emailSend` -> `EmailSend`, `user.updated` -> `UserUpdated`; a usable type name or ''. */
export function typeNameFor(event: string): string {
  const name = event
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return /^[A-Za-z_]/.test(name) ? name : name ? `T${name}` : '';
}
