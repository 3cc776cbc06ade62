import { issue, type Issue } from '../errors.js';
import { findTooDeep, MAX_NESTING } from '../fields/schema-util.js';
import { damerau } from '../fields/near-miss.js';
import type { JSONSchema, PathSegment } from '../types.js';

/**
 * Most subschema levels (`properties` → `items` → … counted once each) a schema may nest.
 * ajv's compiler and json-schema-to-typescript recurse per level and overflow the stack a little
 * above 400; real schemas stay far below this.
 */
export const MAX_SCHEMA_DEPTH = 200;

/** Keywords whose value is a map of names to subschemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is a subschema or a list of subschemas. */
const SCHEMA_VALUES = new Set([
  'allOf', 'anyOf', 'oneOf', 'prefixItems', 'items', 'not', 'if', 'then', 'else', 'additionalProperties', 'additionalItems',
  'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema', 'dependencies',
]);

/** Every keyword of JSON Schema drafts 4 to 2020-12 (core, validation, annotations, formats, content). */
const SCHEMA_KEYWORDS = new Set([
  ...SCHEMA_MAPS, ...SCHEMA_VALUES,
  '$schema', '$id', 'id', '$ref', '$dynamicRef', '$dynamicAnchor', '$recursiveRef', '$recursiveAnchor', '$anchor', '$vocabulary', '$comment',
  'type', 'enum', 'const', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern',
  'maxItems', 'minItems', 'uniqueItems', 'maxContains', 'minContains', 'maxProperties', 'minProperties', 'required', 'dependentRequired',
  'title', 'description', 'default', 'deprecated', 'readOnly', 'writeOnly', 'examples', 'format', 'contentEncoding', 'contentMediaType',
  'discriminator', 'nullable',
]);

/** Keywords that are also common payload field names and constrain nothing on their own. */
const LOOKALIKE_KEYWORDS = new Set([
  'id', 'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly', '$comment', 'format', 'nullable',
  'discriminator', 'contentEncoding', 'contentMediaType',
]);

/** The JSON Schema type names. */
export const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;

/**
 * A `validate/schema` issue when `schema` nests too deep to compile safely: JSON more than
 * {@link MAX_NESTING} levels deep anywhere (also inside `const`/`enum` values), or subschemas
 * more than {@link MAX_SCHEMA_DEPTH} levels deep. Iterative, so any depth is safe to check.
 */
export function schemaDepthIssue(schema: JSONSchema, code: `validate/${string}` = 'validate/schema'): Issue | undefined {
  const deepJson = findTooDeep(schema, MAX_NESTING);
  if (deepJson) return issue(code, `the schema is nested deeper than ${MAX_NESTING} levels below here; fieldkit refuses it rather than overflow the stack`, { path: depthPathHead(deepJson), params: { max: MAX_NESTING } });
  const deep = findDeepSubschema(schema, MAX_SCHEMA_DEPTH);
  if (deep) return issue(code, `the schema nests subschemas deeper than ${MAX_SCHEMA_DEPTH} levels below here; fieldkit refuses it rather than overflow the stack`, { path: depthPathHead(deep), params: { max: MAX_SCHEMA_DEPTH } });
  return undefined;
}

/** Segments of a too-deep path that are shown: its start (where the deep chain hangs), not a thousand-segment line. */
export const DEPTH_PATH_SEGMENTS = 8;

/** The first {@link DEPTH_PATH_SEGMENTS} segments of a path to something too deep. */
export function depthPathHead(path: readonly PathSegment[]): PathSegment[] {
  return path.slice(0, DEPTH_PATH_SEGMENTS);
}

/** Path to the first subschema more than `max` subschema levels deep (by keyword structure), iteratively. */
export function findDeepSubschema(root: JSONSchema, max: number): PathSegment[] | undefined {
  interface Frame { node: unknown; depth: number; path: PathSegment[] }
  const stack: Frame[] = [{ node: root, depth: 0, path: [] }];
  const seen = new Set<unknown>();
  while (stack.length) {
    const { node, depth, path } = stack.pop()!;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (depth > max) return path;
    for (const [k, v] of Object.entries(node)) {
      if (SCHEMA_MAPS.has(k) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
        for (const [name, sub] of Object.entries(v as object)) stack.push({ node: sub, depth: depth + 1, path: [...path, k, name] });
      } else if (SCHEMA_VALUES.has(k)) {
        if (Array.isArray(v)) v.forEach((sub: unknown, i) => stack.push({ node: sub, depth: depth + 1, path: [...path, k, i] }));
        else stack.push({ node: v, depth: depth + 1, path: [...path, k] });
      }
    }
  }
  return undefined;
}

/**
 * A `validate/schema` issue when `schema` is an object with keys but not one of them is a JSON
 * Schema keyword (`x-…` extensions aside): almost surely a payload given where a schema belongs
 * (ajv would accept it as a schema that allows anything).
 */
export function payloadAsSchemaIssue(schema: JSONSchema, code: `validate/${string}` = 'validate/schema'): Issue | undefined {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const keys = Object.keys(schema);
  const isKeyword = (k: string) => SCHEMA_KEYWORDS.has(k) || k.startsWith('x-');
  // Payloads often carry fields that share a keyword's name (`title`, `description`, `id`,
  // `format`, a Stripe event's `"type": "charge.succeeded"`): those don't make it a schema when
  // other keys are plainly data. Only a keyword that shapes validation does.
  const shapes = (k: string) =>
    isKeyword(k) && !LOOKALIKE_KEYWORDS.has(k) && !(k === 'type' && badTypeMessage((schema as Record<string, unknown>).type) !== undefined);
  if (keys.length === 0 || keys.every(isKeyword) || keys.some(shapes)) return undefined;
  const shown = keys.slice(0, 5).map((k) => JSON.stringify(k)).join(', ') + (keys.length > 5 ? `, … (${keys.length} keys)` : '');
  return issue(
    code,
    `this looks like a payload, not a JSON Schema: none of its keys (${shown}) is a schema keyword; infer a schema from it with \`fieldkit infer FILE\``,
    { params: { keys: keys.slice(0, 20) } },
  );
}

/** The JSON type name closest to `name` (one or two edits away), if any. */
export function closestJsonType(name: string): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDist = 3;
  for (const t of JSON_TYPES) {
    const d = damerau(lower, t, 2);
    if (d < bestDist) [best, bestDist] = [t, d];
  }
  if (best === undefined && /^(int|float|double|decimal|bool|str|text|list|dict|map|date)/.test(lower)) {
    best = /^(int)/.test(lower) ? 'integer' : /^(float|double|decimal)/.test(lower) ? 'number' : /^bool/.test(lower) ? 'boolean' : /^(list)/.test(lower) ? 'array' : /^(dict|map)/.test(lower) ? 'object' : 'string';
  }
  return best;
}

/**
 * The one message for a bad `type` value (ajv's meta-schema reports three: enum, array, anyOf),
 * or undefined when the value is fine.
 */
export function badTypeMessage(value: unknown): { message: string; suggestion?: string } | undefined {
  const list = `(${JSON_TYPES.join(', ')})`;
  const bad = (v: unknown) => typeof v !== 'string' || !(JSON_TYPES as readonly string[]).includes(v);
  const one = (v: unknown) => {
    if (typeof v !== 'string') return { message: `type must be a JSON type name ${list} or a list of them, got ${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v}` };
    const s = closestJsonType(v);
    return { message: `${JSON.stringify(v)} is not a JSON type ${list}${s ? `; did you mean ${JSON.stringify(s)}?` : ''}`, ...(s ? { suggestion: s } : {}) };
  };
  if (Array.isArray(value)) {
    const wrong = value.find(bad);
    if (wrong !== undefined || value.some((v) => v === undefined)) return one(wrong);
    if (new Set(value).size !== value.length) return { message: `type lists a type twice: ${JSON.stringify(value)}` };
    if (value.length === 0) return { message: 'type must not be an empty list' };
    return undefined;
  }
  return bad(value) ? one(value) : undefined;
}

/**
 * The reason text for an error thrown while compiling a schema: a stack overflow (a `$ref` chain
 * through thousands of definitions, which the structural depth check can't see) is worded as
 * such; anything else is the error's own message.
 */
export function compileErrorText(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return `it nests too deep to compile (a chain of $refs or subschemas hundreds of levels deep; at most ${MAX_SCHEMA_DEPTH} are supported)`;
  }
  return e instanceof Error ? e.message : String(e);
}
