import type { JSONSchema, JSONSchemaObject, JSONType, PathSegment } from '@fieldkit/core';
import { formatPath } from '@fieldkit/core';
import { createValidator } from '@fieldkit/core/validate';
import type { DriftItem } from './wire.js';

/**
 * Drift: how a received payload departs from the schema the user saved for its source. Only the
 * three departures people act on are reported (a validator's full error list is noise here):
 * a field the schema does not know, a field whose JSON type changed, a required field missing.
 * The walk is iterative-safe by a depth bound and never reads inherited properties, so keys such
 * as `__proto__` or `constructor` are compared as the data they are.
 */
export type { DriftItem, DriftKind } from './wire.js';

/** Options for {@link findDrift}. */
export interface FindDriftOptions {
  /** Stop after this many items (a broken payload should not write thousands of rows). */
  maxItems?: number;
  /** Do not descend deeper than this many levels. */
  maxDepth?: number;
}

/** Default options for {@link findDrift}. */
export const DEFAULT_FIND_DRIFT_OPTIONS: Required<FindDriftOptions> = { maxItems: 50, maxDepth: 64 };

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The JSON type of a parsed value (`integer` for whole numbers). */
export function jsonTypeOf(v: unknown): JSONType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string' || typeof v === 'boolean') return v === true || v === false ? 'boolean' : 'string';
  return 'object';
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Resolve a local `$ref` (`#/$defs/X`, `#/definitions/X`) against the root schema. */
function deref(root: JSONSchemaObject, s: JSONSchema, hops = 0): JSONSchema {
  if (typeof s !== 'object' || typeof s.$ref !== 'string' || hops > 16) return s;
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(s.$ref);
  if (!m) return s;
  const table = root[m[1] as '$defs' | 'definitions'];
  const name = decodeURIComponent(m[2]).replace(/~1/g, '/').replace(/~0/g, '~');
  if (!isObj(table) || !hasOwn(table, name)) return s;
  return deref(root, table[name] as JSONSchema, hops + 1);
}

/** Types a schema admits, or undefined when it does not say (no `type`, `const`, `enum`). */
function typesOf(root: JSONSchemaObject, s: JSONSchema): Set<JSONType> | undefined {
  const r = deref(root, s);
  if (typeof r !== 'object') return undefined;
  if (r.type !== undefined) {
    const t = new Set(Array.isArray(r.type) ? r.type : [r.type]);
    if (t.has('number')) t.add('integer');
    return t;
  }
  if (hasOwn(r, 'const')) return new Set([jsonTypeOf(r.const)]);
  if (Array.isArray(r.enum)) return new Set(r.enum.map(jsonTypeOf).flatMap((t) => (t === 'integer' ? ['integer', 'number'] as JSONType[] : [t])));
  const branches = [...(r.anyOf ?? []), ...(r.oneOf ?? [])];
  if (branches.length) {
    const all = new Set<JSONType>();
    for (const b of branches) {
      const bt = typesOf(root, b);
      if (!bt) return undefined;
      for (const t of bt) all.add(t);
    }
    return all;
  }
  return undefined;
}

/** The branch of a union schema whose type fits `v` (first one that fits), else the schema itself. */
function pickBranch(root: JSONSchemaObject, s: JSONSchema, v: unknown): JSONSchema {
  const r = deref(root, s);
  if (typeof r !== 'object') return r;
  const branches = [...(r.anyOf ?? []), ...(r.oneOf ?? [])];
  if (!branches.length) return r;
  const t = jsonTypeOf(v);
  for (const b of branches) {
    const bt = typesOf(root, b);
    if (bt && (bt.has(t) || (t === 'integer' && bt.has('number')))) return pickBranch(root, b, v);
  }
  return r;
}

/**
 * For a discriminated schema (`x-fieldkit-discriminator` + `oneOf` of `$ref`s, as the inferrer
 * writes them), the variant for this payload's event type; `undefined` when the payload's value
 * is not one of the variants; the schema itself when it is not discriminated.
 */
function pickVariant(root: JSONSchemaObject, payload: unknown): { schema: JSONSchema; known?: string[]; key?: string } {
  const key = root['x-fieldkit-discriminator'];
  if (typeof key !== 'string' || !Array.isArray(root.oneOf)) return { schema: root };
  const known: string[] = [];
  for (const branch of root.oneOf) {
    const v = deref(root, branch);
    if (!isObj(v) || !isObj(v.properties) || !hasOwn(v.properties, key)) continue;
    const p = v.properties[key];
    if (!isObj(p) || !hasOwn(p, 'const')) continue;
    known.push(String(p.const));
    if (isObj(payload) && hasOwn(payload, key) && payload[key] === p.const) return { schema: v as JSONSchema };
  }
  return { schema: false, known, key };
}

/**
 * Compare one payload with a saved schema and list its drift (bounded by `maxItems`).
 * Fields are "added" only where the schema lists `properties` and does not declare a map
 * (`additionalProperties` as a schema); `additionalProperties: false` still counts as added.
 */
export function findDrift(schema: JSONSchemaObject, payload: unknown, opts: FindDriftOptions = {}): DriftItem[] {
  const { maxItems, maxDepth } = { ...DEFAULT_FIND_DRIFT_OPTIONS, ...opts };
  const out: DriftItem[] = [];
  const variant = pickVariant(schema, payload);
  if (variant.schema === false) {
    const actual = isObj(payload) && variant.key !== undefined && hasOwn(payload, variant.key) ? JSON.stringify(payload[variant.key]) : 'none';
    out.push({
      kind: 'unknown-type',
      path: variant.key !== undefined ? [variant.key] : [],
      message: `event type ${actual} is not one of the saved schema's event types (${variant.known?.join(', ')})`,
      expected: variant.known?.join(', '),
      actual,
    });
    return out;
  }
  // Explicit work list instead of recursion: payload depth is bounded upstream, but the walk
  // should not depend on that.
  const work: { s: JSONSchema; v: unknown; path: PathSegment[] }[] = [{ s: variant.schema, v: payload, path: [] }];
  // Array elements share one schema: report a departure once per shape path (indices as "*").
  const seen = new Set<string>();
  const push = (d: DriftItem) => {
    const key = d.kind + ' ' + JSON.stringify(d.path.map((x) => (typeof x === 'number' ? '*' : x)));
    if (seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };
  while (work.length && out.length < maxItems) {
    const { s, v, path } = work.pop()!;
    if (path.length > maxDepth) continue;
    const allowed = typesOf(schema, s);
    const actual = jsonTypeOf(v);
    if (allowed && !allowed.has(actual) && !(actual === 'integer' && allowed.has('number'))) {
      const expected = [...allowed].filter((t) => !(t === 'integer' && allowed.has('number'))).join(' | ');
      push({ kind: 'type-changed', path, message: `${formatPath(path)} is ${actual}, the schema says ${expected}`, expected, actual });
      continue;
    }
    const r = pickBranch(schema, s, v);
    if (typeof r !== 'object') continue;
    if (isObj(v)) {
      const props = isObj(r.properties) ? r.properties : undefined;
      const mapSchema = isObj(r.additionalProperties) || r.additionalProperties === true ? r.additionalProperties : undefined;
      if (Array.isArray(r.required)) {
        for (const k of r.required) {
          if (typeof k === 'string' && !hasOwn(v, k)) {
            const p = [...path, k];
            push({ kind: 'missing', path: p, message: `required field ${formatPath(p)} is missing` });
          }
        }
      }
      for (const k of Object.keys(v)) {
        const p = [...path, k];
        if (props && hasOwn(props, k)) work.push({ s: props[k] as JSONSchema, v: v[k], path: p });
        else if (mapSchema !== undefined) {
          if (mapSchema !== true) work.push({ s: mapSchema as JSONSchema, v: v[k], path: p });
        } else if (props) push({ kind: 'added', path: p, message: `new field ${formatPath(p)} (${jsonTypeOf(v[k])}) is not in the schema`, actual: jsonTypeOf(v[k]) });
      }
    } else if (Array.isArray(v)) {
      const items = r.items;
      if (isObj(items)) for (let idx = v.length - 1; idx >= 0; idx--) work.push({ s: items as JSONSchema, v: v[idx], path: [...path, idx] });
    }
  }
  return out.slice(0, maxItems);
}

/** Validator codes {@link findDrift} already covers in its own words (or that only echo them). */
const COVERED = new Set(['validate/type', 'validate/required', 'validate/additionalProperties', 'validate/unevaluatedProperties', 'validate/oneOf', 'validate/anyOf', 'validate/discriminator', 'validate/const', 'validate/if', 'validate/false schema']);

/**
 * A drift checker for one saved schema: {@link findDrift}'s structural departures, plus
 * `constraint` items for values the schema's validator (`@fieldkit/core/validate`) refuses for
 * other reasons (an enum value never seen, a format, a pattern). The validator is compiled once;
 * a schema it cannot compile still gets the structural check.
 */
export function createDriftChecker(schema: JSONSchemaObject, opts: FindDriftOptions = {}): (payload: unknown) => DriftItem[] {
  const maxItems = opts.maxItems ?? DEFAULT_FIND_DRIFT_OPTIONS.maxItems;
  const compiled = createValidator(schema);
  const validate = compiled.ok ? compiled.value : undefined;
  return (payload) => {
    const items = findDrift(schema, payload, opts);
    if (!validate || items.some((d) => d.kind === 'unknown-type')) return items;
    const r = validate(payload);
    if (r.ok) return items;
    const seen = new Set(items.map((d) => JSON.stringify(d.path)));
    for (const i of r.issues) {
      if (items.length >= maxItems) break;
      if (i.severity !== 'error' || COVERED.has(i.code)) continue;
      const key = JSON.stringify(i.path);
      if (seen.has(key)) continue;
      seen.add(key);
      items.push({ kind: 'constraint', path: i.path, message: `${formatPath(i.path)}: ${i.message}`, ...(i.params?.keyword !== undefined ? { expected: String(i.params.keyword) } : {}) });
    }
    return items;
  };
}
