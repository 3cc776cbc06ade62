import { fail, hasErrors, issue, ok, type Issue, type Result } from '../errors.js';
import { CUSTOM_FORMATS, STANDARD_FORMAT_CHECKS, type CustomFormat, type StandardFormat } from '../formats.js';
import type { PathSegment } from '../types.js';
import type { Field, FieldList, FieldType } from '../fields/model.js';
import { baseJsonType, isFieldType } from '../fields/create.js';
import { NearMissIndex, visibleString } from '../fields/near-miss.js';
import { defineKey, findTooDeep, hasOwn, isRecord, jsonEqual, own, ownKeys, tooDeepMessage } from '../fields/schema-util.js';

/**
 * Build a request body from fields and the values a person typed into a form.
 *
 * `values` is a nested tree mirroring the fields (see `valuesFromPaths` for dotted paths):
 * - leaves are coerced to the field's type: `"42"` → 42 (integer), `"4.5"` → 4.5 (number),
 *   `"true"`/`"false"` (any case) → booleans, dates and other formats are checked (`date-time`:
 *   RFC 3339, `date-time-space`: `2024-05-01 12:00:00 +00:00`, …), `any` fields parse JSON and
 *   keep the text when it isn't JSON; an object or array field also takes JSON text;
 * - `null` (the value, or the text `"null"` for non-string types) is kept for nullable fields;
 * - `undefined` and `""` mean "not filled": optional fields are omitted, required ones are
 *   `body/missing` (a required object is built from its children, a required array defaults to []);
 *   blank rows in arrays are skipped;
 * - keys that are not fields are `body/unknown` (with a near-miss suggestion), except in maps
 *   (object fields with `additionalProperties` and no properties), which take any key.
 * Enum and simple constraint keywords kept in `extra` (minLength, maximum, pattern, minItems…) are
 * checked. Every issue carries the data path and `params.fieldId`.
 */
export function buildRequestBody(fields: FieldList, values: Record<string, unknown>): Result<unknown> {
  const issues: Issue[] = [];
  const deep = findTooDeep(values) ?? findTooDeep(fields);
  if (deep) return fail([issue('body/depth', tooDeepMessage(findTooDeep(values) ? 'values tree' : 'field list'), { path: deep })]);
  const tree = isRecord(values) ? values : {};
  if (!isRecord(values) && values !== undefined) issues.push(issue('body/values', 'Values must be an object keyed by field names.'));
  const out = buildObject(fields, tree, [], issues);
  return hasErrors(issues) ? fail(issues) : ok(out, issues);
}

const isBlank = (v: unknown) => v === undefined || v === '';

/** Not filled in at all: blank, or an object/list whose leaves are all blank. */
function isDeepBlank(v: unknown): boolean {
  if (isBlank(v)) return true;
  // Own keys, not 0..length (sparse arrays): same for arrays and records.
  if (Array.isArray(v)) return ownKeys(v).every((k) => isDeepBlank(own(v, k)));
  if (isRecord(v)) return ownKeys(v).every((k) => isDeepBlank(own(v, k)));
  return false;
}

function label(path: readonly PathSegment[]): string {
  const parts: string[] = [];
  for (const p of path) parts.push(typeof p === 'number' ? `[${p}]` : (parts.length ? '.' : '') + p);
  return visibleString(parts.join(''));
}

/** An object field that takes any key: a map (`additionalProperties`, no properties) or an unconstrained object (no `properties`). */
function isMap(f: Field): boolean {
  if (f.type !== 'object') return false;
  const ap = f.extra ? own(f.extra, 'additionalProperties') : undefined;
  if (ap === false) return false;
  if (f.properties === undefined) return true;
  return f.properties.length === 0 && ap !== undefined;
}

/** A field describing a map's values, from `additionalProperties`. */
function mapValueField(f: Field, key: string): Field {
  const ap = f.extra ? own(f.extra, 'additionalProperties') : undefined;
  let type: FieldType = 'any';
  let nullable = false;
  if (isRecord(ap)) {
    const t = ap.type;
    const fmt = ap.format;
    if (typeof fmt === 'string' && isFieldType(fmt) && fmt !== 'any') type = fmt;
    else if (typeof t === 'string' && isFieldType(t)) type = t;
    else if (Array.isArray(t) && t.length === 2 && t[1] === 'null' && isFieldType(t[0])) {
      type = t[0];
      nullable = true;
    }
    if (type === 'object' || type === 'array') type = 'any';
  }
  return { id: f.id, name: key, type, optional: true, nullable };
}

function buildObject(fields: readonly Field[], values: Record<string, unknown>, path: PathSegment[], issues: Issue[], mapOf?: Field): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const names = new Set(fields.map((f) => f.name));
  let index: NearMissIndex | undefined;
  for (const key of ownKeys(values)) {
    if (names.has(key)) continue;
    const v = own(values, key);
    if (mapOf) {
      if (isBlank(v)) continue;
      const vf = mapValueField(mapOf, key);
      const built = buildValue(vf, v, [...path, key], issues);
      if (built !== SKIP) defineKey(out, key, built);
      continue;
    }
    if (isBlank(v)) continue;
    index ??= new NearMissIndex(names);
    const nm = index.find(key, (name) => isBlank(own(values, name)));
    issues.push(
      issue('body/unknown', `${label([...path, key])} is not a field${nm ? `; did you mean ${visibleString(nm.name)}? (${nm.reasons.join(', ')})` : '.'}`, {
        path: [...path, key],
        ...(nm ? { suggestion: nm.name } : {}),
      }),
    );
  }
  for (const f of fields) {
    const p = [...path, f.name];
    const v = own(values, f.name);
    if (isBlank(v) || (f.optional && typeof v === 'object' && isDeepBlank(v))) {
      if (f.optional) continue;
      if (f.type === 'object') {
        defineKey(out, f.name, buildObject(f.properties ?? [], {}, p, issues, isMap(f) ? f : undefined));
        continue;
      }
      if (f.type === 'array') {
        // A required list defaults to [] unless the schema asks for items (minItems), e.g. a purchase's items.
        const min = f.extra ? own(f.extra, 'minItems') : undefined;
        if (typeof min === 'number' && min > 0) {
          issues.push(issue('body/missing', `${label(p)} is required: give at least ${min} item${min === 1 ? '' : 's'}.`, { path: p, params: { fieldId: f.id } }));
          continue;
        }
        defineKey(out, f.name, []);
        continue;
      }
      issues.push(issue('body/missing', `${label(p)} is required.`, { path: p, params: { fieldId: f.id } }));
      continue;
    }
    const built = buildValue(f, v, p, issues);
    if (built !== SKIP) defineKey(out, f.name, built);
  }
  return out;
}

const SKIP = Symbol('skip');

function typeError(f: Field, v: unknown, path: PathSegment[], expected: string, issues: Issue[], example?: string): typeof SKIP {
  const got = typeof v === 'string' ? visibleString(v) : JSON.stringify(v) ?? String(v);
  issues.push(
    issue('body/type', `${label(path)} must be ${expected}${example ? ` (e.g. ${example})` : ''}; got ${got}.`, {
      path,
      params: { fieldId: f.id, expected: f.type },
    }),
  );
  return SKIP;
}

const FORMAT_EXAMPLES: Partial<Record<FieldType, string>> = {
  'date-time': '2024-05-01T12:00:00Z',
  date: '2024-05-01',
  time: '12:00:00Z',
  email: 'person@example.com',
  uri: 'https://example.com/page',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  'iso-date-time': '2024-05-01T12:00:00',
  'date-time-space': '2024-05-01 12:00:00 +00:00',
  'unix-time': '1714564800',
  'unix-time-ms': '1714564800000',
};

const FORMAT_NAMES: Partial<Record<FieldType, string>> = {
  'date-time': 'a date and time with offset',
  date: 'a date (YYYY-MM-DD)',
  time: 'a time with offset',
  email: 'an email address',
  uri: 'an absolute URL',
  uuid: 'a UUID',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  'iso-date-time': 'a date and time (ISO 8601, no offset)',
  'date-time-space': 'a date and time like 2024-05-01 12:00:00 +00:00',
  'unix-time': 'a unix time in seconds',
  'unix-time-ms': 'a unix time in milliseconds',
};

function parseJson(s: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(s) };
  } catch {
    return { ok: false };
  }
}

function buildValue(f: Field, v: unknown, path: PathSegment[], issues: Issue[]): unknown {
  if (v === null || (v === 'null' && f.nullable && baseJsonType(f.type) !== 'string')) {
    if (f.nullable || f.type === 'null' || f.type === 'any') return null;
    issues.push(issue('body/null', `${label(path)} can't be null.`, { path, params: { fieldId: f.id } }));
    return SKIP;
  }
  let value: unknown;
  switch (f.type) {
    case 'object': {
      let obj = v;
      if (typeof v === 'string') {
        const j = parseJson(v);
        if (!j.ok || !isRecord(j.value)) return typeError(f, v, path, 'an object (JSON text like {"a": 1})', issues);
        obj = j.value;
      }
      if (!isRecord(obj)) return typeError(f, v, path, 'an object', issues);
      value = buildObject(f.properties ?? [], obj, path, issues, isMap(f) ? f : undefined);
      break;
    }
    case 'array': {
      let arr: unknown = v;
      let rowsRecord = false;
      if (typeof v === 'string') {
        const j = parseJson(v);
        if (!j.ok || !Array.isArray(j.value)) return typeError(f, v, path, 'a list (JSON text like [1, 2])', issues);
        arr = j.value;
      } else if (isRecord(v) && ownKeys(v).every((k) => /^(0|[1-9]\d*)$/.test(k))) {
        rowsRecord = true; // { "0": …, "1": … }: rows keyed by position, as dotted paths make them
      }
      if (!Array.isArray(arr) && !rowsRecord) return typeError(f, v, path, 'a list', issues);
      // Rows are visited by their own keys in index order, never by counting up to `length`: a form
      // row numbered 4294967294 (or a sparse array) must not mean four billion steps.
      const rows = arr as Record<string, unknown> | unknown[];
      const indexes = ownKeys(rows).filter((k) => /^(0|[1-9]\d*)$/.test(k)).map(Number).sort((a, b) => a - b);
      const items: unknown[] = [];
      for (const i of indexes) {
        const el = own(rows, String(i));
        if (isDeepBlank(el)) continue;
        const built = f.of ? buildValue(f.of, el, [...path, i], issues) : el;
        if (built !== SKIP) items.push(built);
      }
      value = items;
      break;
    }
    default: {
      const r = coerceLeaf(f, v, path, issues);
      if (r === SKIP) return SKIP;
      value = r;
    }
  }
  if (f.enum && f.enum.length > 0 && !f.enum.some((e) => jsonEqual(e, value))) {
    issues.push(
      issue('body/enum', `${label(path)} must be one of ${f.enum.map((e) => JSON.stringify(e)).join(', ')}; got ${JSON.stringify(value)}.`, {
        path,
        params: { fieldId: f.id, allowed: f.enum },
      }),
    );
    return SKIP;
  }
  return checkConstraints(f, value, path, issues) ? value : SKIP;
}

/**
 * An "any" value: text that is JSON becomes that value, other text stays text; objects and lists
 * (e.g. built from `dataFields.a.b=5` paths) get the same rule at every leaf, so `a.b=5` gives 5 as
 * `a={"b":5}` and a top-level `a=5` do. Keys stay data (defineKey).
 */
function anyValue(v: unknown): unknown {
  if (typeof v === 'string') {
    const j = parseJson(v);
    return j.ok ? j.value : v;
  }
  if (Array.isArray(v)) return ownKeys(v).map((k) => anyValue(own(v, k)));
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const k of ownKeys(v)) defineKey(out, k, anyValue(own(v, k)));
    return out;
  }
  return v;
}

function coerceLeaf(f: Field, v: unknown, path: PathSegment[], issues: Issue[]): unknown {
  const s = typeof v === 'string' ? v.trim() : undefined;
  switch (f.type) {
    case 'any':
      return anyValue(v);
    case 'null':
      return s === 'null' || v === null ? null : typeError(f, v, path, 'null', issues);
    case 'string':
      return typeof v === 'string' ? v : typeError(f, v, path, 'text', issues);
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (s !== undefined && /^(true|false)$/i.test(s)) return s.toLowerCase() === 'true';
      return typeError(f, v, path, 'true or false', issues);
    case 'integer':
    case 'unix-time':
    case 'unix-time-ms': {
      let n: number | undefined;
      if (typeof v === 'number') n = v;
      else if (s !== undefined && /^[+-]?\d+$/.test(s)) n = Number(s);
      if (n === undefined || !Number.isInteger(n)) return typeError(f, v, path, f.type === 'integer' ? 'a whole number' : FORMAT_NAMES[f.type]!, issues, f.type === 'integer' ? '42' : FORMAT_EXAMPLES[f.type]);
      if (!Number.isSafeInteger(n)) return typeError(f, v, path, `a whole number between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`, issues);
      if (f.type !== 'integer' && !CUSTOM_FORMATS[f.type as CustomFormat].validate(n)) {
        issues.push(issue('body/format', `${label(path)} must be ${FORMAT_NAMES[f.type]} between the years 2000 and 2100 (e.g. ${FORMAT_EXAMPLES[f.type]}); got ${n}.`, { path, params: { fieldId: f.id, format: f.type } }));
        return SKIP;
      }
      return n;
    }
    case 'number': {
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (s !== undefined && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) && Number.isFinite(Number(s))) return Number(s);
      return typeError(f, v, path, 'a number', issues, '4.5');
    }
    default: {
      // string formats
      if (typeof v !== 'string') return typeError(f, v, path, FORMAT_NAMES[f.type] ?? 'text', issues, FORMAT_EXAMPLES[f.type]);
      const ok =
        f.type === 'date-time-space'
          ? CUSTOM_FORMATS['date-time-space'].validate(v)
          : (STANDARD_FORMAT_CHECKS as Record<string, ((x: string) => boolean) | undefined>)[f.type as StandardFormat]?.(v) ?? true;
      if (!ok) {
        issues.push(issue('body/format', `${label(path)} must be ${FORMAT_NAMES[f.type]} (e.g. ${FORMAT_EXAMPLES[f.type]}); got ${visibleString(v)}.`, { path, params: { fieldId: f.id, format: f.type } }));
        return SKIP;
      }
      return v;
    }
  }
}

/** Checks the common constraint keywords a hand-written schema keeps in `extra`. */
function checkConstraints(f: Field, value: unknown, path: PathSegment[], issues: Issue[]): boolean {
  const x = f.extra;
  if (!x) return true;
  const problems: string[] = [];
  const num = (k: string) => (typeof own(x, k) === 'number' ? (own(x, k) as number) : undefined);
  if (hasOwn(x, 'const') && !jsonEqual(own(x, 'const'), value)) problems.push(`must be ${JSON.stringify(own(x, 'const'))}`);
  if (typeof value === 'string') {
    const len = [...value].length;
    const min = num('minLength'), max = num('maxLength');
    if (min !== undefined && len < min) problems.push(`must be at least ${min} character${min === 1 ? '' : 's'} long`);
    if (max !== undefined && len > max) problems.push(`must be at most ${max} character${max === 1 ? '' : 's'} long`);
    const pattern = own(x, 'pattern');
    if (typeof pattern === 'string') {
      try {
        if (!new RegExp(pattern, 'u').test(value)) problems.push(`must match the pattern ${pattern}`);
      } catch {
        // an invalid pattern is the schema's problem, reported by validation, not the form's
      }
    }
  }
  if (typeof value === 'number') {
    const min = num('minimum'), max = num('maximum'), xmin = num('exclusiveMinimum'), xmax = num('exclusiveMaximum'), mult = num('multipleOf');
    if (min !== undefined && value < min) problems.push(`must be at least ${min}`);
    if (max !== undefined && value > max) problems.push(`must be at most ${max}`);
    if (xmin !== undefined && value <= xmin) problems.push(`must be more than ${xmin}`);
    if (xmax !== undefined && value >= xmax) problems.push(`must be less than ${xmax}`);
    if (mult !== undefined && mult > 0 && !Number.isInteger(value / mult)) problems.push(`must be a multiple of ${mult}`);
  }
  if (Array.isArray(value)) {
    const min = num('minItems'), max = num('maxItems');
    if (min !== undefined && value.length < min) problems.push(`must have at least ${min} item${min === 1 ? '' : 's'}`);
    if (max !== undefined && value.length > max) problems.push(`must have at most ${max} item${max === 1 ? '' : 's'}`);
  }
  for (const p of problems) issues.push(issue('body/constraint', `${label(path)} ${p}.`, { path, params: { fieldId: f.id } }));
  return problems.length === 0;
}
