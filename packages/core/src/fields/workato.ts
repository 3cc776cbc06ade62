import { fail, issue, ok, type Issue, type Result } from '../errors.js';
import type { PathSegment } from '../types.js';
import type { Field, FieldList, FieldType } from './model.js';
import { newFieldId } from './create.js';
import { findNearMiss, visibleString } from './near-miss.js';
import { defineKey, findTooDeep, hasOwn, isRecord, jsonEqual, own, ownKeys, tooDeepMessage } from './schema-util.js';

/**
 * Workato's connector schema format (SDK "Schema"): a JSON array of
 * `{ name, label, type, optional, hint, control_type, of, properties, sticky, pick_list, … }`.
 * Types: string, integer, number, boolean, date, date_time, timestamp, object, array; an array of
 * objects is `{ type: 'array', of: 'object', properties: [...] }`. `optional` defaults to false.
 *
 * Attributes the field model has no place for (control_type, sticky, pick_list, toggle_field,
 * convert_input, ngIf…) are kept verbatim in `field.extra['x-workato']`, so
 * `fieldsToWorkato(fieldsFromWorkato(w))` gives `w` back (with `optional` always written) and the
 * attributes also survive a trip through JSON Schema as the `x-workato` keyword.
 */

/** A Workato schema field, as JSON. */
export interface WorkatoField {
  name: string;
  label?: string;
  type?: string;
  optional?: boolean;
  hint?: string;
  control_type?: string;
  of?: string;
  properties?: WorkatoField[];
  [attribute: string]: unknown;
}

/** The extension keyword holding Workato attributes a field can't show. */
export const WORKATO_KEYWORD = 'x-workato';

const FROM_WORKATO: Record<string, FieldType> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  date_time: 'date-time',
  timestamp: 'date-time',
  object: 'object',
  array: 'array',
};

/** Workato's schema types, for near-miss suggestions. */
const WORKATO_TYPES: readonly string[] = Object.keys(FROM_WORKATO);

/**
 * Per field type: its Workato type (formats Workato lacks become their base type) and the
 * control_type a field designed in fieldkit gets on export (imported fields keep theirs).
 * A Record over FieldType, so a new field type can't be forgotten here.
 */
const TO_WORKATO: Readonly<Record<FieldType, { type: string; control?: string }>> = {
  string: { type: 'string', control: 'text' },
  integer: { type: 'integer', control: 'number' },
  number: { type: 'number', control: 'number' },
  boolean: { type: 'boolean', control: 'checkbox' },
  object: { type: 'object' },
  array: { type: 'array' },
  null: { type: 'string' },
  any: { type: 'string' },
  'date-time': { type: 'date_time', control: 'date_time' },
  'iso-date-time': { type: 'date_time', control: 'date_time' },
  'date-time-space': { type: 'date_time', control: 'date_time' },
  date: { type: 'date', control: 'date' },
  time: { type: 'string', control: 'text' },
  email: { type: 'string', control: 'email' },
  uri: { type: 'string', control: 'url' },
  uuid: { type: 'string', control: 'text' },
  ipv4: { type: 'string', control: 'text' },
  ipv6: { type: 'string', control: 'text' },
  'unix-time': { type: 'integer', control: 'number' },
  'unix-time-ms': { type: 'integer', control: 'number' },
};

/** The Workato type for a field type (formats Workato lacks become their base type). */
export function workatoType(t: FieldType): string {
  return hasOwn(TO_WORKATO, t) ? TO_WORKATO[t].type : 'string';
}

/** A control_type that suits a field designed in fieldkit (imported fields keep theirs). */
function defaultControlType(f: Field): string | undefined {
  if (f.enum && f.enum.length > 0) return 'select';
  return hasOwn(TO_WORKATO, f.type) ? TO_WORKATO[f.type].control : undefined;
}

/**
 * String control types that name a fieldkit format: an imported `{ type: 'string', control_type: 'email' }`
 * is an email field (so a schema made from it checks `format: email`), and exports back unchanged.
 */
const FORMAT_CONTROL_TYPES: Readonly<Record<string, FieldType>> = { email: 'email', url: 'uri' };

const MODEL_ATTRS = new Set(['name', 'label', 'hint', 'optional', 'type', 'of', 'properties']);

/** Import a Workato schema (array of field hashes). Bad entries are errors with their index path. */
export function fieldsFromWorkato(json: unknown): Result<FieldList> {
  const issues: Issue[] = [];
  if (!Array.isArray(json)) {
    return fail([issue('fields/workato', 'A Workato schema is a JSON array of fields ([{ "name": …, "type": … }, …]).')]);
  }
  const deep = findTooDeep(json);
  if (deep) return fail([issue('fields/depth', tooDeepMessage('Workato schema'), { path: deep })]);
  const fields = readList(json, [], issues);
  return issues.some((i) => i.severity === 'error') ? fail(issues) : ok(fields, issues);
}

function readList(arr: readonly unknown[], path: PathSegment[], issues: Issue[]): Field[] {
  const out: Field[] = [];
  const seen = new Map<string, number>();
  arr.forEach((raw, i) => {
    const f = readField(raw, [...path, i], issues);
    if (!f) return;
    const first = seen.get(f.name);
    if (first !== undefined) {
      issues.push(issue('fields/workato', `Fields ${first} and ${i} are both named ${visibleString(f.name)}; names must be unique among siblings.`, { path: [...path, i, 'name'], params: { first } }));
      return;
    }
    seen.set(f.name, i);
    out.push(f);
  });
  return out;
}

function itemFieldForOf(of: string, raw: Record<string, unknown>, path: PathSegment[], issues: Issue[]): Field | undefined {
  const t = FROM_WORKATO[of];
  if (!t) {
    issues.push(issue('fields/workato', `Unknown Workato item type "${of}"; the array's items are left untyped.`, { severity: 'warning', path: [...path, 'of'] }));
    return undefined;
  }
  const item: Field = { id: newFieldId(), name: '', type: t, optional: false, nullable: false };
  if (t === 'object') item.properties = Array.isArray(raw.properties) ? readList(raw.properties, [...path, 'properties'], issues) : [];
  return item;
}

function readField(raw: unknown, path: PathSegment[], issues: Issue[]): Field | undefined {
  if (!isRecord(raw)) {
    issues.push(issue('fields/workato', 'Each Workato field must be an object with a "name".', { path }));
    return undefined;
  }
  const name = own(raw, 'name');
  if (typeof name !== 'string' || name === '') {
    issues.push(issue('fields/workato', 'This Workato field has no "name": every field needs the exact key it has in the payload.', { path: [...path, 'name'] }));
    return undefined;
  }
  const wt = own(raw, 'type');
  const keep: Record<string, unknown> = {};
  let type: FieldType = 'string';
  if (wt === undefined) defineKey(keep, 'type', null);
  else {
    if (typeof wt === 'string' && FROM_WORKATO[wt]) {
      type = FROM_WORKATO[wt]!;
      if (workatoType(type) !== wt) defineKey(keep, 'type', wt);
    } else {
      type = 'any';
      defineKey(keep, 'type', wt);
      const nm = typeof wt === 'string' ? findNearMiss(wt, WORKATO_TYPES) : undefined;
      issues.push(
        issue('fields/workato', `Unknown Workato type ${JSON.stringify(wt)} on "${name}"${nm ? ` (did you mean "${nm.name}"?)` : ''}; shown as "any" and kept.`, {
          severity: 'warning',
          path: [...path, 'type'],
          ...(nm ? { suggestion: nm.name } : {}),
        }),
      );
    }
  }
  const ct = own(raw, 'control_type');
  if (type === 'string' && typeof ct === 'string' && hasOwn(FORMAT_CONTROL_TYPES, ct)) type = FORMAT_CONTROL_TYPES[ct]!;
  const field: Field = { id: newFieldId(), name, type, optional: own(raw, 'optional') === true, nullable: false };
  const label = own(raw, 'label');
  const hint = own(raw, 'hint');
  if (typeof label === 'string') field.label = label;
  else if (label !== undefined) defineKey(keep, 'label', label);
  if (typeof hint === 'string') field.hint = hint;
  else if (hint !== undefined) defineKey(keep, 'hint', hint);
  const optional = own(raw, 'optional');
  if (optional === undefined) defineKey(keep, 'optional', null);
  else if (typeof optional !== 'boolean') defineKey(keep, 'optional', optional);
  if (type === 'object') {
    const props = own(raw, 'properties');
    if (Array.isArray(props)) field.properties = readList(props, [...path, 'properties'], issues);
    else if (props !== undefined) defineKey(keep, 'properties', props);
    if (own(raw, 'of') !== undefined) defineKey(keep, 'of', own(raw, 'of'));
  } else if (type === 'array') {
    const of = own(raw, 'of');
    const props = own(raw, 'properties');
    if (typeof of === 'string') {
      const item = itemFieldForOf(of, raw, path, issues);
      if (item) field.of = item;
      if (!item || workatoType(item.type) !== of) defineKey(keep, 'of', of);
      if (of !== 'object' && props !== undefined) defineKey(keep, 'properties', props);
    } else if (Array.isArray(props)) {
      // `properties` without `of` still means an array of objects; remember that `of` was absent.
      field.of = { id: newFieldId(), name: '', type: 'object', optional: false, nullable: false, properties: readList(props, [...path, 'properties'], issues) };
      defineKey(keep, 'of', null);
    } else {
      if (of !== undefined) defineKey(keep, 'of', of);
      if (props !== undefined) defineKey(keep, 'properties', props);
    }
  } else {
    if (own(raw, 'of') !== undefined) defineKey(keep, 'of', own(raw, 'of'));
    if (own(raw, 'properties') !== undefined) defineKey(keep, 'properties', own(raw, 'properties'));
  }
  for (const k of ownKeys(raw)) if (!MODEL_ATTRS.has(k)) defineKey(keep, k, own(raw, k));
  const pl = own(raw, 'pick_list');
  if (Array.isArray(pl) && pl.length > 0 && pl.every((p) => Array.isArray(p) && p.length >= 2)) field.enum = pl.map((p) => (p as unknown[])[1]);
  field.extra = {};
  defineKey(field.extra, WORKATO_KEYWORD, keep);
  return field;
}

/** Export fields as a Workato schema. Fields designed in fieldkit get a fitting `control_type`. */
export function fieldsToWorkato(fields: FieldList): WorkatoField[] {
  return fields.map(writeField);
}

function writeField(f: Field): WorkatoField {
  const kept = f.extra && isRecord(own(f.extra, WORKATO_KEYWORD)) ? (own(f.extra, WORKATO_KEYWORD) as Record<string, unknown>) : undefined;
  const out: WorkatoField = { name: f.name };
  if (f.label !== undefined) out.label = f.label;
  out.type = workatoType(f.type);
  out.optional = f.optional;
  if (f.hint !== undefined) out.hint = f.hint;
  if (f.type === 'object' && f.properties) out.properties = fieldsToWorkato(f.properties);
  if (f.type === 'array' && f.of) {
    out.of = workatoType(f.of.type);
    if (f.of.type === 'object') out.properties = fieldsToWorkato(f.of.properties ?? []);
  }
  if (!kept) {
    const ct = defaultControlType(f);
    if (ct) out.control_type = ct;
  }
  if (kept) {
    for (const k of ownKeys(kept)) {
      const v = own(kept, k);
      if (k === 'type') {
        // A kept type survives only while the field still has the type it was imported as;
        // null records that the import had no type (Workato's default, string).
        if (v === null && out.type === 'string') delete out.type;
        else if (typeof v === 'string' && (FROM_WORKATO[v] === f.type || (f.type === 'any' && !FROM_WORKATO[v]))) out.type = v;
        continue;
      }
      if (k === 'optional' && v === null) {
        if (!f.optional) delete out.optional;
        continue;
      }
      if (k === 'of' && v === null) {
        delete out.of;
        continue;
      }
      if (k === 'of' && typeof v === 'string' && f.type === 'array') {
        if (!f.of || FROM_WORKATO[v] === f.of.type) out.of = v;
        continue;
      }
      // The model's own attributes win; everything else comes back verbatim.
      if (!(k in out)) defineKey(out, k, v);
    }
  }
  if (f.enum && f.enum.length > 0) {
    const pl = out.pick_list;
    const current = Array.isArray(pl) && pl.every((p) => Array.isArray(p) && p.length >= 2) ? pl.map((p) => (p as unknown[])[1]) : undefined;
    if (!current || !jsonEqual(current, f.enum)) {
      out.control_type = 'select';
      out.pick_list = f.enum.map((v) => [typeof v === 'string' ? v : JSON.stringify(v), v]);
    }
  }
  if (f.type === 'any' && out.type === 'string' && !kept) out.control_type = 'text';
  return out;
}

/** Field types Workato keeps exactly (as a type or a control_type); other formats become their base type. */
const WORKATO_EXACT = new Set<FieldType>(['string', 'integer', 'number', 'boolean', 'object', 'array', 'any', 'date', 'date-time', 'email', 'uri']);

/**
 * What {@link fieldsToWorkato} cannot carry, one `fields/workato-loss` warning per field: formats
 * Workato lacks (uuid, ipv4, unix-time…, which become their base type), kept schema keywords
 * (pattern, minimum, const…) and what arrays inside arrays hold (Workato has one array level). Nullability is not reported: any Workato field may hold nil.
 * Paths are field-name paths. Empty when the export is exact.
 */
export function workatoExportLosses(fields: FieldList): Issue[] {
  const issues: Issue[] = [];
  const check = (f: Field, p: PathSegment[], what: string): void => {
      const lost: string[] = [];
      if (!WORKATO_EXACT.has(f.type)) lost.push(`the ${f.type === 'null' ? 'type' : 'format'} ${f.type} (exported as ${workatoType(f.type)})`);
      const kw = f.extra ? ownKeys(f.extra).filter((k) => k !== WORKATO_KEYWORD && !k.startsWith('x-fieldkit') && k !== 'examples') : [];
      if (kw.length > 0) lost.push(`the schema keyword${kw.length === 1 ? '' : 's'} ${kw.map((k) => `"${k}"`).join(', ')}`);
      if (lost.length > 0) {
        issues.push(issue('fields/workato-loss', `Workato has no place for ${lost.join(', ')} on ${what}; left out.`, { severity: 'warning', path: p, params: { fieldId: f.id } }));
      }
      if (f.type === 'object' && f.properties) walk(f.properties, p);
      if (f.type === 'array' && f.of) {
        if (f.of.type === 'array') {
          // Workato describes one array level ("of" plus "properties"): inner arrays export as arrays of anything.
          if (f.of.of !== undefined) {
            issues.push(
              issue('fields/workato-loss', `Workato describes one level of array: the items of ${what} are arrays, exported as arrays of anything; what they hold is left out.`, {
                severity: 'warning',
                path: [...p, 0],
                params: { fieldId: f.of.id },
              }),
            );
          }
        } else if (f.of.type === 'object') walk(f.of.properties ?? [], [...p, 0]);
        else check(f.of, [...p, 0], `the items of ${visibleString(f.name)}`);
      }
  };
  const walk = (list: readonly Field[], path: PathSegment[]): void => {
    for (const f of list) check(f, [...path, f.name], visibleString(f.name));
  };
  walk(fields, []);
  return issues;
}
