import { CUSTOM_FORMATS, STANDARD_FORMAT_CHECKS, type CustomFormat } from '../formats.js';
import type { JSONSchema, JSONSchemaObject } from '../types.js';
import { defineKey, hasOwn, isRecord, MAX_NESTING, own, ownKeys, resolveLocalRef } from '../fields/schema-util.js';

/** Format-correct example strings (each passes ajv-formats' full mode and fieldkit's checkers). */
export const FORMAT_EXAMPLE_VALUES: Record<string, string | number> = {
  'date-time': '2024-05-01T12:00:00Z',
  'iso-date-time': '2024-05-01T12:00:00',
  date: '2024-05-01',
  time: '12:00:00Z',
  email: 'person@example.com',
  'idn-email': 'person@example.com',
  uri: 'https://example.com/',
  'uri-reference': 'https://example.com/',
  iri: 'https://example.com/',
  url: 'https://example.com/',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  duration: 'P1D',
  regex: '^a+$',
  'json-pointer': '/a',
  'relative-json-pointer': '0',
  'uri-template': 'https://example.com/{id}',
  byte: 'aGVsbG8=',
  ...Object.fromEntries(Object.entries(CUSTOM_FORMATS).map(([k, d]) => [k, d.example])),
};

/**
 * A valid example value for a schema: `const`, then the first `enum` value, then the first
 * `examples` entry that fits the type, then a value built from the type: format-correct strings,
 * numbers inside `minimum`/`maximum`/`multipleOf`, strings inside `minLength`/`maxLength`, every
 * property of an object (required and optional), one item per array (or `minItems`). Local
 * `$ref`s are followed; `anyOf`/`oneOf` take the first branch, `allOf` branches are merged.
 * Property test: `exampleBody(s)` validates against `s` with ajv + ajv-formats + CUSTOM_FORMATS.
 * Below {@link MAX_NESTING} subschema levels the example is `null` (such schemas are refused elsewhere).
 */
export function exampleBody(schema: JSONSchema): unknown {
  budget = MAX_EXAMPLE_VALUES;
  return example(schema, schema, 0, []);
}

/**
 * How many values (and thousands of string characters) one example may hold. A hostile schema
 * (`minItems: 1e9`, nested `minItems: 1000` lists, `minLength: 1e9`) would otherwise exhaust memory;
 * past the budget the example holds `null` (no real schema comes near it).
 */
export const MAX_EXAMPLE_VALUES = 100_000;

/** Values left for the example being built (exampleBody is synchronous, so one counter serves). */
let budget = MAX_EXAMPLE_VALUES;

function typesOf(s: JSONSchemaObject): string[] | undefined {
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.type)) return s.type.filter((t) => typeof t === "string") as string[];
  return undefined;
}

function fitsType(v: unknown, types: string[] | undefined): boolean {
  if (!types) return true;
  return types.some((t) => {
    switch (t) {
      case 'null':
        return v === null;
      case 'string':
        return typeof v === 'string';
      case 'integer':
        return typeof v === 'number' && Number.isInteger(v);
      case 'number':
        return typeof v === 'number';
      case 'boolean':
        return typeof v === 'boolean';
      case 'array':
        return Array.isArray(v);
      case 'object':
        return isRecord(v);
      default:
        return false;
    }
  });
}

function mergeAll(s: JSONSchemaObject, root: JSONSchema, refs: string[]): JSONSchemaObject {
  if (!Array.isArray(s.allOf)) return s;
  const out: JSONSchemaObject = {};
  for (const k of ownKeys(s)) if (k !== 'allOf') defineKey(out, k, own(s, k));
  for (const b0 of s.allOf) {
    const b = deref(b0, root, refs);
    if (!isRecord(b)) continue;
    const bb = mergeAll(b as JSONSchemaObject, root, refs);
    for (const k of ownKeys(bb)) {
      const v = own(bb, k);
      if (k === 'properties' && isRecord(v)) {
        const props: Record<string, JSONSchema> = isRecord(out.properties) ? { ...out.properties } : {};
        for (const p of ownKeys(v)) defineKey(props, p, own(v, p));
        out.properties = props;
      } else if (k === 'required' && Array.isArray(v)) out.required = [...new Set([...(out.required ?? []), ...(v as string[])])];
      else if (!hasOwn(out, k)) defineKey(out, k, v);
    }
  }
  return out;
}

function deref(s: JSONSchema, root: JSONSchema, refs: string[]): JSONSchema {
  let cur = s;
  for (let guard = 0; guard < 32 && isRecord(cur) && typeof cur.$ref === 'string'; guard++) {
    const target = resolveLocalRef(root, cur.$ref);
    if (target === undefined || refs.includes(cur.$ref)) return cur;
    const rest: JSONSchemaObject = {};
    for (const k of ownKeys(cur)) if (k !== '$ref') defineKey(rest, k, own(cur, k));
    cur = ownKeys(rest).length === 0 ? target : isRecord(target) ? { allOf: [target, rest] } : target;
  }
  return cur;
}

function example(s0: JSONSchema, root: JSONSchema, depth: number, refs: string[]): unknown {
  // A schema nested deeper than the field tools accept gets null there instead of a stack overflow.
  if (depth > MAX_NESTING || --budget < 0) return null;
  if (s0 === true || s0 === false) return null;
  const ref = isRecord(s0) && typeof s0.$ref === 'string' ? s0.$ref : undefined;
  const derefd = deref(s0, root, refs);
  if (!isRecord(derefd)) return null;
  const nextRefs = ref ? [...refs, ref] : refs;
  const s = mergeAll(derefd as JSONSchemaObject, root, nextRefs);
  if (hasOwn(s, 'const')) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const types = typesOf(s);
  if (Array.isArray(s.examples)) {
    const ex = s.examples.find((e) => fitsType(e, types) && simpleFits(e, s));
    if (ex !== undefined) return ex;
  }
  if (hasOwn(s, 'default') && fitsType(s.default, types) && simpleFits(s.default, s) && types !== undefined) return s.default;
  const branches = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (branches && branches.length > 0 && !types) return example(branches[0]!, root, depth + 1, nextRefs);
  const t = types?.find((x) => x !== 'null') ?? types?.[0] ?? (isRecord(s.properties) || isRecord(s.additionalProperties) ? 'object' : isRecord(s.items) ? 'array' : 'string');
  switch (t) {
    case 'null':
      return null;
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return exampleNumber(s, t === 'integer');
    case 'string':
      return exampleString(s);
    case 'array': {
      const items = s.items;
      const min = typeof s.minItems === 'number' ? s.minItems : 0;
      const max = typeof s.maxItems === 'number' ? s.maxItems : Infinity;
      if (Array.isArray(s.prefixItems)) return s.prefixItems.map((p) => example(p, root, depth + 1, nextRefs));
      if (Array.isArray(items)) return items.map((p) => example(p, root, depth + 1, nextRefs));
      const n = Math.min(Math.max(min, depth > 6 || ref !== undefined && refs.length > 3 ? 0 : 1), max);
      if (items === false) return [];
      if (n > budget) return null;
      return Array.from({ length: n }, () => example(items === undefined ? {} : items, root, depth + 1, nextRefs));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = isRecord(s.properties) ? s.properties : {};
      const required = new Set(Array.isArray(s.required) ? s.required : []);
      for (const k of ownKeys(props)) {
        // Optional properties stop at depth 6 so recursive schemas end.
        if (depth > 6 && !required.has(k)) continue;
        defineKey(out, k, example(own(props, k) as JSONSchema, root, depth + 1, nextRefs));
      }
      return out;
    }
    default:
      return null;
  }
}

/** minLength/maxLength/min/max for examples and defaults taken verbatim. */
function simpleFits(v: unknown, s: JSONSchemaObject): boolean {
  if (typeof v === 'string') {
    if (typeof s.format === 'string') {
      // Only formats we can check: an unchecked example might not pass the validator.
      const custom = CUSTOM_FORMATS[s.format as CustomFormat];
      const standard = (STANDARD_FORMAT_CHECKS as Record<string, ((x: string) => boolean) | undefined>)[s.format];
      if (custom ? !custom.validate(v) : standard ? !standard(v) : true) return false;
    }
    if (typeof s.minLength === 'number' && [...v].length < s.minLength) return false;
    if (typeof s.maxLength === 'number' && [...v].length > s.maxLength) return false;
    if (typeof s.pattern === 'string') {
      try {
        if (!new RegExp(s.pattern, 'u').test(v)) return false;
      } catch {
        return false;
      }
    }
  }
  if (typeof v === 'number') {
    if (typeof s.format === 'string' && CUSTOM_FORMATS[s.format as CustomFormat] && !CUSTOM_FORMATS[s.format as CustomFormat].validate(v)) return false;
    if (typeof s.minimum === 'number' && v < s.minimum) return false;
    if (typeof s.maximum === 'number' && v > s.maximum) return false;
  }
  return true;
}

function exampleNumber(s: JSONSchemaObject, integer: boolean): number {
  if (typeof s.format === 'string' && s.format in CUSTOM_FORMATS) {
    const ex = CUSTOM_FORMATS[s.format as CustomFormat].example;
    if (typeof ex === 'number') return ex;
  }
  const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined;
  const max = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined;
  const mult = typeof s.multipleOf === 'number' && s.multipleOf > 0 ? s.multipleOf : integer ? 1 : undefined;
  let v = min !== undefined ? min : max !== undefined ? Math.min(max, 1) : 1;
  if (mult !== undefined) {
    v = Math.ceil(v / mult) * mult;
    if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) v += mult;
    if (max !== undefined && v > max) v = Math.floor(max / mult) * mult;
  } else if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) v = s.exclusiveMinimum + (max !== undefined ? (max - s.exclusiveMinimum) / 2 : 1);
  if (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum) v = mult !== undefined ? v - mult : v - 0.5;
  if (integer) v = Math.round(v);
  return v;
}

function exampleString(s: JSONSchemaObject): string {
  let v = typeof s.format === 'string' && typeof FORMAT_EXAMPLE_VALUES[s.format] === 'string' ? (FORMAT_EXAMPLE_VALUES[s.format] as string) : 'text';
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  if (typeof s.format !== 'string') {
    budget -= Math.floor(min / 1000);
    if (budget < 0) return 'x';
    if (v.length < min) v = v.padEnd(min, 'x');
    if (v.length > max) v = v.slice(0, max);
  }
  return v;
}
