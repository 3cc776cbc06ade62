import { issue, type Issue } from '../errors.js';
import { isDate, isDateTime, isLocalDateTime, isSpaceDateTime } from '../formats.js';
import type { PathSegment } from '../types.js';
import type { Field, FieldList, FieldType } from './model.js';
import { NearMissIndex, visibleString } from './near-miss.js';
import { isRecord, ownKeys } from './schema-util.js';

/** Options for {@link checkKeys}. */
export interface CheckKeysOptions {
  /**
   * `iterable`: Iterable data-field rules on top of the exact-key checks: names are case- and
   * space-sensitive (a near miss would create a second field), and a field's type is fixed by its
   * first value, so a value of another type is reported as `keys/type-change`. Dates may use
   * Iterable's `YYYY-MM-DD HH:mm:ss +00:00` as well as ISO 8601.
   */
  profile?: 'default' | 'iterable';
  /** Report keys no field defines (`keys/unknown`, a warning). */
  reportUnknown?: boolean;
}

/** Defaults for {@link CheckKeysOptions}. */
export const DEFAULT_CHECK_KEYS_OPTIONS: Required<CheckKeysOptions> = { profile: 'default', reportUnknown: true };

/**
 * Compare a payload's keys with the designed fields, exactly: a key matches a field only when it
 * is the same string. Reports, with JSON paths into the payload:
 * - `keys/near-miss` (error): a key that is almost a field name: case, snake/camel/kebab/space
 *   style, whitespace, invisible or look-alike characters, or a typo (Damerau distance 1–2);
 *   `suggestion` is the field's exact name;
 * - `keys/unknown` (warning): a key no field defines and nothing resembles;
 * - `keys/missing` (error): a required field the payload lacks (unless a near miss explains it);
 * - `keys/type-change` (error, `iterable` profile): a value whose type differs from the field's.
 * Recurses into nested objects and arrays of objects. Maps (objects with `additionalProperties`
 * and no properties) accept any key.
 */
export function checkKeys(fields: FieldList, payload: unknown, opts: CheckKeysOptions = {}): Issue[] {
  const o = { ...DEFAULT_CHECK_KEYS_OPTIONS, ...opts };
  const issues: Issue[] = [];
  if (!isRecord(payload)) {
    issues.push(issue('keys/not-object', `The payload must be a JSON object to compare its keys with the fields, not ${describe(payload)}.`));
    return issues;
  }
  checkObject(fields, payload, [], o, issues);
  return issues;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `a string (${visibleString(v.length > 40 ? v.slice(0, 40) + '…' : v)})`;
  if (typeof v === 'number') return Number.isInteger(v) ? `an integer (${v})` : `a number (${v})`;
  if (typeof v === 'boolean') return `a boolean (${v})`;
  return 'an object';
}

function isMap(f: Field): boolean {
  return f.type === 'object' && (f.properties === undefined || f.properties.length === 0) && f.extra !== undefined && f.extra.additionalProperties !== undefined && f.extra.additionalProperties !== false;
}

function checkObject(fields: readonly Field[], obj: Record<string, unknown>, path: PathSegment[], o: Required<CheckKeysOptions>, issues: Issue[]): void {
  const byName = new Map<string, Field>();
  for (const f of fields) if (!byName.has(f.name)) byName.set(f.name, f);
  const keys = ownKeys(obj);
  const present = new Set(keys);
  let index: NearMissIndex | undefined;
  const explained = new Set<string>();
  for (const key of keys) {
    const value = obj[key];
    const f = byName.get(key);
    if (f) {
      checkValue(f, value, [...path, key], o, issues);
      continue;
    }
    // Prefer a field the payload lacks; else any field (the payload may carry both spellings).
    index ??= new NearMissIndex(byName.keys());
    const nm = index.find(key, (name) => !present.has(name));
    if (nm) {
      explained.add(nm.name);
      const both = present.has(nm.name) ? ` (the payload also has ${visibleString(nm.name)})` : '';
      const iterable = o.profile === 'iterable' ? ' Iterable names are exact: this would create a second field.' : '';
      issues.push(
        issue('keys/near-miss', `Key ${visibleString(key)} is not a field; did you mean ${visibleString(nm.name)}? (${nm.reasons.join(', ')})${both}${iterable}`, {
          path: [...path, key],
          suggestion: nm.name,
          params: { key, field: nm.name, reasons: nm.reasons, fieldId: byName.get(nm.name)?.id },
        }),
      );
    } else if (o.reportUnknown) {
      const iterable = o.profile === 'iterable' ? ' Iterable would create a new field with this exact name.' : '';
      issues.push(issue('keys/unknown', `Key ${visibleString(key)} is not a field.${iterable}`, { severity: 'warning', path: [...path, key], params: { key } }));
    }
  }
  for (const f of fields) {
    if (f.optional || present.has(f.name) || explained.has(f.name)) continue;
    issues.push(issue('keys/missing', `Required field ${visibleString(f.name)} is missing.`, { path: [...path, f.name], params: { field: f.name, fieldId: f.id } }));
  }
}

function checkValue(f: Field, value: unknown, path: PathSegment[], o: Required<CheckKeysOptions>, issues: Issue[]): void {
  if (o.profile === 'iterable') {
    const problem = iterableTypeProblem(f, value);
    if (problem) {
      issues.push(
        issue('keys/type-change', `Field ${visibleString(f.name === '' ? String(path[path.length - 1]) : f.name)} is ${article(f.type)} (Iterable fixes a field's type by its first value), but this value is ${describe(value)}.`, {
          severity: problem,
          path,
          params: { expected: f.type, fieldId: f.id },
        }),
      );
      return;
    }
  }
  if (f.type === 'object' && f.properties && !isMap(f) && isRecord(value)) checkObject(f.properties, value, path, o, issues);
  else if (f.type === 'array' && f.of && Array.isArray(value)) value.forEach((item, i) => checkValue(f.of!, item, [...path, i], o, issues));
}

function article(t: FieldType): string {
  const label: Partial<Record<FieldType, string>> = {
    'date-time': 'a date', date: 'a date', 'iso-date-time': 'a date', 'date-time-space': 'a date', 'unix-time': 'an integer (unix time)', 'unix-time-ms': 'an integer (unix time, ms)',
    integer: 'an integer (long)', number: 'a number (double)', object: 'an object', array: 'an array', any: 'anything', email: 'a string (email)', uri: 'a string (URL)', uuid: 'a string (UUID)',
  };
  return label[t] ?? `a ${t}`;
}

/** Iterable accepts these for date fields: `2024-05-01 12:00:00 +00:00`, ISO 8601, `2024-05-01`. */
export function isIterableDate(s: string): boolean {
  return isSpaceDateTime(s) || isDateTime(s) || isLocalDateTime(s) || isDate(s);
}

function iterableTypeProblem(f: Field, v: unknown): 'error' | 'warning' | undefined {
  if (v === null) return f.nullable || f.type === 'any' || f.type === 'null' ? undefined : 'warning';
  switch (f.type) {
    case 'any':
      return undefined;
    case 'date-time':
    case 'date':
    case 'iso-date-time':
    case 'date-time-space':
      return typeof v === 'string' && isIterableDate(v) ? undefined : 'error';
    case 'integer':
    case 'unix-time':
    case 'unix-time-ms':
      return typeof v === 'number' && Number.isInteger(v) ? undefined : 'error';
    case 'number':
      return typeof v === 'number' ? undefined : 'error';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'error';
    case 'object':
      return isRecord(v) ? undefined : 'error';
    case 'array':
      return Array.isArray(v) ? undefined : 'error';
    case 'null':
      return 'error';
    default:
      return typeof v === 'string' ? undefined : 'error';
  }
}
