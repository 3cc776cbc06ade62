/**
 * toSchema: a pure pass from node trees to JSON Schema. Rules, in the order they apply to a node:
 *  1. never seen -> `{}`; only null -> `{}` too (the first real value must not be rejected).
 *  2. kinds present: object, array, primitives (boolean, integer — every number integral —,
 *     number, string). One shape plus null -> a type array (`['object', 'null']`); objects or
 *     arrays together with other kinds -> `anyOf` (null rides in the primitive branch).
 *  3. objects: `properties` in first-appearance order, `required` = keys present in every
 *     object at the path; maps (keys are data: ids, dates, codes, or very many alike values)
 *     -> `additionalProperties: <merged value schema>` (+ `propertyNames.pattern`).
 *  4. arrays: `items` merged from every element of every array; arrays only ever empty ->
 *     `{ type: 'array' }` (no `items`, no `maxItems`: the next payload may fill them).
 *  0. deeper than `maxDepth` data levels -> `{ description }` (anything), so the schema stays
 *     serialisable by recursive tools (JSON.stringify, ajv, TypeScript generators).
 *  5. a single primitive kind: string `format` when every string matched it; integer epoch
 *     formats only under a timestamp-like key; string `enum` (sorted, + null when nullable)
 *     only on strong evidence (heuristics.ts). Hints override 3 and 5.
 * Recursion is bounded: below MAX_RECURSION levels a placeholder object is returned and filled
 * from a queue, so any depth works with the default stack.
 */
import { SCHEMA_DRAFTS, type JSONSchema, type JSONSchemaObject, type JSONType } from '../types.js';
import { detectMap, isEpochKey, looksLikeEnum, pascalName } from './heuristics.js';
import { K_ARR, K_BOOL, K_FLT, K_INT, K_OBJ, K_STR, MAX_RECURSION, N_UNIX, N_UNIX_MS, Node, STRING_FORMAT_NAMES, kindMask, mergeNode } from './node.js';
import { DEFAULT_MAX_DEPTH, type Hint, type InferOptions } from './options.js';

/** Path segment standing for "any array index". */
const ITEM = 1;
/** Path segment standing for "any key" (map values). */
const ANY_KEY = 2;
type Seg = string | typeof ITEM | typeof ANY_KEY;

/** Version ids look like dates (`2024-04-10`) until they don't (`2024-09-30.acacia`): never a format. */
const VERSION_KEY = /(?:^|[_\-.])version$|[a-z0-9]Version$/i;

interface CompiledHint {
  segs: string[];
  hints: Hint[];
}

/** Parse hint pointers (`/a/*\/b`) into segment lists. */
export function compileHints(hints: Record<string, Hint | Hint[]> | undefined): CompiledHint[] {
  const out: CompiledHint[] = [];
  if (!hints) return out;
  for (const pointer of Object.keys(hints)) {
    const h = hints[pointer]!;
    const p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
    const segs = p === '' ? [] : p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    out.push({ segs, hints: Array.isArray(h) ? h : [h] });
  }
  return out;
}

function segMatches(h: string, s: Seg): boolean {
  if (h === '*' || s === ANY_KEY) return true;
  if (s === ITEM) return /^\d+$/.test(h);
  return h === s;
}

/** Hints that apply at `path`. */
function hintsAt(compiled: CompiledHint[], path: Seg[]): Set<Hint> | null {
  let out: Set<Hint> | null = null;
  for (const c of compiled) {
    if (c.segs.length !== path.length) continue;
    let ok = true;
    for (let i = 0; i < path.length; i++) {
      if (!segMatches(c.segs[i]!, path[i]!)) {
        ok = false;
        break;
      }
    }
    if (ok) for (const h of c.hints) (out ??= new Set()).add(h);
  }
  // A value hint on an array path applies to its elements (`/labels` enum = `/labels/*` enum).
  if (path.length > 0 && path[path.length - 1] === ITEM) {
    const parent = hintsAt(compiled, path.slice(0, -1));
    if (parent !== null) for (const h of parent) if (h === 'enum' || h === 'no-enum' || h === 'no-format') (out ??= new Set()).add(h);
  }
  return out;
}

export interface BuildContext {
  maxDepth: number;
  stats: boolean;
  hints: CompiledHint[];
  maxExamples: number;
  queue: [Node, string | null, Seg[] | null, JSONSchemaObject, number][];
  base: number;
}

/** Primitive type lists by kind mask (1 boolean, 2 number, 4 integer, 8 string); shared, so copied on output. */
const PRIM_TYPES: readonly (readonly JSONType[])[] = Array.from({ length: 16 }, (_, m) => {
  const out: JSONType[] = [];
  if (m & 1) out.push('boolean');
  if (m & 2) out.push('number');
  else if (m & 4) out.push('integer');
  if (m & 8) out.push('string');
  return out;
});

/** Own data property, safe for keys like `__proto__`. */
export function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

function buildNode(node: Node, key: string | null, path: Seg[] | null, depth: number, ctx: BuildContext): JSONSchemaObject {
  if (depth - ctx.base >= MAX_RECURSION) {
    const placeholder: JSONSchemaObject = {};
    ctx.queue.push([node, key, path, placeholder, depth]);
    return placeholder;
  }
  if (node.n === 0) return {};
  if (depth >= ctx.maxDepth) return { description: `Nested deeper than ${ctx.maxDepth} levels: not described (see the maxDepth option)` };
  const hints = path !== null && ctx.hints.length > 0 ? hintsAt(ctx.hints, path) : null;
  const m = kindMask(node);
  const prims = PRIM_TYPES[(m & (1 << K_BOOL) ? 1 : 0) | (m & (1 << K_FLT) ? 2 : m & (1 << K_INT) ? 4 : 0) | (m & (1 << K_STR) ? 8 : 0)]!;
  const hasObj = (m & (1 << K_OBJ)) !== 0;
  const hasArr = (m & (1 << K_ARR)) !== 0;
  const nullable = node.nul > 0;
  const shapes = (hasObj ? 1 : 0) + (hasArr ? 1 : 0) + (prims.length > 0 ? 1 : 0);
  // Only ever null: we know it is nullable, not what it holds (fixtures F10) -> anything.
  if (shapes === 0) return {};
  if (shapes === 1) {
    if (hasObj) return objectSchema(node, key, path, hints, nullable, depth, ctx);
    if (hasArr) return arraySchema(node, key, path, nullable, depth, ctx);
    return primitiveSchema(node, key, hints, prims, nullable);
  }
  const anyOf: JSONSchema[] = [];
  if (hasObj) anyOf.push(objectSchema(node, key, path, hints, false, depth, ctx));
  if (hasArr) anyOf.push(arraySchema(node, key, path, false, depth, ctx));
  if (prims.length > 0) anyOf.push(primitiveSchema(node, key, hints, prims, nullable));
  else if (nullable) anyOf.push({ type: 'null' });
  return { anyOf };
}

function typeOf(t: JSONType, nullable: boolean): JSONType | JSONType[] {
  return nullable ? [t, 'null'] : t;
}

/** A `no-format` hint or a version-like key: no format here (asked only when there is one: the regex is per path). */
function formatBanned(hints: Set<Hint> | null, key: string | null): boolean {
  return (hints?.has('no-format') ?? false) || (key !== null && VERSION_KEY.test(key));
}

function primitiveSchema(node: Node, key: string | null, hints: Set<Hint> | null, prims: readonly JSONType[], nullable: boolean): JSONSchemaObject {
  if (prims.length > 1) return { type: nullable ? [...prims, 'null'] : prims.slice() };
  const t = prims[0]!;
  const s: JSONSchemaObject = { type: typeOf(t, nullable) };
  if (t === 'string') {
    let format: string | undefined;
    if (node.sf !== 0 && !formatBanned(hints, key)) {
      for (const [bit, name] of STRING_FORMAT_NAMES) {
        if (node.sf & bit) {
          format = name;
          break;
        }
      }
    }
    if (format !== undefined) s.format = format;
    const forced = hints?.has('enum') ?? false;
    const banned = hints?.has('no-enum') ?? false;
    const sv = banned || !(forced || (format === undefined && looksLikeEnum(node, key))) ? null : node.values();
    if (sv !== null && sv.size > 0) {
      const values: unknown[] = [...sv.keys()].sort();
      if (nullable) values.push(null);
      s.enum = values;
    }
  } else if (t === 'integer' && node.nf !== 0 && isEpochKey(key) && !formatBanned(hints, key)) {
    if (node.nf & N_UNIX) s.format = 'unix-time';
    else if (node.nf & N_UNIX_MS) s.format = 'unix-time-ms';
  }
  return s;
}

function arraySchema(node: Node, key: string | null, path: Seg[] | null, nullable: boolean, depth: number, ctx: BuildContext): JSONSchemaObject {
  const items = node.items;
  // Only ever empty: no `items` (nothing is known about elements) and no `maxItems` (payloads grow).
  if (items === null || items.n === 0) return { type: typeOf('array', nullable) };
  // Elements are named after their array (`tags` -> its strings) for the key-based heuristics.
  return { type: typeOf('array', nullable), items: buildNode(items, key, path === null ? null : [...path, ITEM], depth + 1, ctx) };
}

function objectSchema(node: Node, key: string | null, path: Seg[] | null, hints: Set<Hint> | null, nullable: boolean, depth: number, ctx: BuildContext): JSONSchemaObject {
  const props = node.props;
  const type = typeOf('object', nullable);
  if (props === null || props.size === 0) return { type, properties: {} };
  let mapPattern: string | null = null;
  if (hints?.has('map')) mapPattern = detectMap(node, key) ?? '';
  else if (!hints?.has('no-map')) mapPattern = detectMap(node, key);
  if (mapPattern !== null) {
    const merged = new Node();
    for (const c of props.values()) mergeNode(merged, c, ctx.maxExamples);
    const s: JSONSchemaObject = { type, additionalProperties: buildNode(merged, null, path === null ? null : [...path, ANY_KEY], depth + 1, ctx) };
    if (mapPattern !== '') s.propertyNames = { pattern: mapPattern };
    return s;
  }
  const b = propertiesBuild(path, depth, ctx, node.obj);
  // forEach, not `for (const [k, c] of props)`: that allocates an entry array and an iterator
  // result per property (~70 B each: 7 MB on a 50,000-key object, measured), forEach nothing.
  // The callback is one module-level function, not a closure per call: V8 keeps a closure's
  // optimised code only weakly, so every full GC threw it away and each inference began with
  // the property loop unoptimised again (--trace-opt: re-marked on every bench round).
  props.forEach(buildProperty, b);
  const { properties } = b;
  let required = b.required;
  // An object lists integer-like keys ("10") first whatever order they came in, so `properties`
  // does; `required` follows that order too, so the schema does not depend on whether the
  // samples came as parsed objects (for-in order) or as text (text order, the scanner).
  if (b.digitKey && required.length > 1) {
    const req = new Set(required);
    required = Object.keys(properties).filter((k) => req.has(k));
  }
  const s: JSONSchemaObject = { type, properties };
  if (required.length > 0) s.required = required;
  return s;
}

/** What {@link buildProperty} reads and fills for one object node. */
interface PropertiesBuild {
  path: Seg[] | null;
  depth: number;
  ctx: BuildContext;
  /** Objects seen at the node: a key seen in all of them is required. */
  objects: number;
  properties: Record<string, JSONSchema>;
  required: string[];
  /** Some key starts with a digit (see objectSchema). */
  digitKey: boolean;
}

/** The one place a PropertiesBuild is made (one hidden class, kept alive below like the context's). */
function propertiesBuild(path: Seg[] | null, depth: number, ctx: BuildContext, objects: number): PropertiesBuild {
  return { path, depth, ctx, objects, properties: {}, required: [], digitKey: false };
}

/** The schema of property `k` (node `c`) into `this`: the `forEach` callback of objectSchema. */
function buildProperty(this: PropertiesBuild, c: Node, k: string): void {
  const ctx = this.ctx;
  const path = this.path;
  const ps = buildNode(c, k, path === null ? null : [...path, k], this.depth + 1, ctx);
  if (ctx.stats) {
    ps['x-fieldkit-stats'] = { seen: c.n, total: this.objects };
    const ex = c.ex;
    if (ex !== null && ex.length > 0) ps.examples = ex.slice();
  }
  setKey(this.properties, k, ps);
  if (c.n === this.objects) this.required.push(k);
  if (!this.digitKey) this.digitKey = startsWithDigit(k);
}

/** The one place a build context is made, so every context has the same hidden class. */
function buildContext(maxDepth: number, stats: boolean, hints: CompiledHint[], maxExamples: number): BuildContext {
  return { maxDepth, stats, hints, maxExamples, queue: objectArray(), base: 0 };
}

/**
 * An empty array already of V8's object-element kind. A fresh `[]` holds small integers until
 * the first object goes in; optimised code that pushed into one then deoptimised ("not a Smi")
 * the first time a deep value reached the work queue, lazily unwinding hundreds of frames.
 */
function objectArray<T>(): T[] {
  const a: (T | null)[] = [null];
  a.pop();
  return a as T[];
}

/**
 * A context (and a PropertiesBuild) kept alive for the life of the module. V8 holds an object literal's hidden class
 * only weakly; when a full GC runs while no context is alive (between two inferences), the class
 * dies and buildNode/objectSchema, whose optimised code embeds it, are thrown away and
 * re-optimised on every call (seen with `--trace-deopt`: "weak objects").
 */
const KEEP_CONTEXT_SHAPE_ALIVE: readonly unknown[] = (() => {
  const ctx = buildContext(DEFAULT_MAX_DEPTH, false, [], 0);
  return [ctx, propertiesBuild(null, 0, ctx, 0)];
})();
/** The anchor (exported so bundlers and linters see it used). */
export function contextShapeAnchor(): readonly unknown[] {
  return KEEP_CONTEXT_SHAPE_ALIVE;
}

function startsWithDigit(k: string): boolean {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Build the schema of one node tree (no `$schema`). */
export function nodeToSchema(root: Node, opts: { stats: boolean; hints: CompiledHint[]; maxExamples: number; maxDepth?: number }): JSONSchemaObject {
  const ctx = buildContext(opts.maxDepth ?? DEFAULT_MAX_DEPTH, opts.stats, opts.hints, opts.maxExamples);
  const path: Seg[] | null = opts.hints.length > 0 ? [] : null;
  const out = buildNode(root, null, path, 0, ctx);
  while (ctx.queue.length > 0) {
    const [node, key, p, placeholder, depth] = ctx.queue.pop()!;
    ctx.base = depth;
    Object.assign(placeholder, buildNode(node, key, p, depth, ctx));
  }
  return out;
}

/** A group of samples that share a value of the chosen event-type key. */
export interface Variant {
  value: string;
  root: Node;
}

/** Assemble the root schema: plain, or discriminated (`oneOf` + `$defs`). */
export function assembleSchema(
  root: Node | null,
  variants: { key: string; variants: Variant[] } | null,
  opts: Required<Pick<InferOptions, 'draft' | 'stats' | 'maxDepth'>> & { hints: CompiledHint[]; maxExamples: number },
): JSONSchemaObject {
  const $schema = SCHEMA_DRAFTS[opts.draft];
  if (variants === null) {
    const body = root === null ? {} : nodeToSchema(root, opts);
    return { $schema, ...body };
  }
  const defsKey = opts.draft === 'draft-07' ? 'definitions' : '$defs';
  const defs: Record<string, JSONSchema> = {};
  const used = new Set<string>();
  const oneOf: JSONSchema[] = [];
  const sorted = [...variants.variants].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  for (const v of sorted) {
    let name = pascalName(v.value);
    if (used.has(name)) {
      let i = 2;
      while (used.has(name + i)) i++;
      name = name + i;
    }
    used.add(name);
    const body = nodeToSchema(v.root, opts);
    const props = body.properties as Record<string, JSONSchemaObject> | undefined;
    if (props && Object.prototype.hasOwnProperty.call(props, variants.key)) {
      const old = props[variants.key]!;
      const c: JSONSchemaObject = { const: v.value };
      if (old['x-fieldkit-stats'] !== undefined) c['x-fieldkit-stats'] = old['x-fieldkit-stats'];
      setKey(props, variants.key, c);
    }
    setKey(defs, name, { title: v.value, ...body });
    oneOf.push({ $ref: `#/${defsKey}/${name}` });
  }
  return { $schema, 'x-fieldkit-discriminator': variants.key, oneOf, [defsKey]: defs };
}
