import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { fail, issue, ok, type Issue, type Result } from '../errors.js';
import { CUSTOM_FORMATS } from '../formats.js';
import type { JSONSchema, JSONSchemaObject, PathSegment } from '../types.js';
import { MESSAGES, kindOf } from './messages.js';

/** Options for {@link createValidator}. */
export interface ValidatorOptions {
  /**
   * Check `format` keywords (`date-time`, `email`, fieldkit's `date-time-space`, `unix-time`…).
   * When false, formats are annotations only. Default: true.
   */
  formats?: boolean;
}

/** Defaults for {@link ValidatorOptions}. */
export const DEFAULT_VALIDATOR_OPTIONS: Required<ValidatorOptions> = { formats: true };

/**
 * Checks one payload. Success returns the payload itself; failure returns issues with code
 * `validate/<keyword>` (`validate/type`, `validate/required`, `validate/enum`, `validate/format`,
 * `validate/discriminator`…), `path` = data path segments (numbers for array indexes), a readable
 * `message` without the location, and `params.field` = the field the error belongs to as a
 * dotted name without array indexes (`items.sku`).
 */
export type Validator = (data: unknown) => Result<unknown>;

/** Annotation keywords fieldkit writes; declared so ajv's strict mode knows them. */
export const FIELDKIT_KEYWORDS = ['x-fieldkit-stats', 'x-fieldkit-discriminator'] as const;

type AjvInstance = Ajv | Ajv2019 | Ajv2020;
type Draft = 'draft-07' | '2019-09' | '2020-12';

const ROOT_KEY = 'urn:fieldkit:root';

const caches: Record<'on' | 'off', WeakMap<object, Result<Validator>>> = { on: new WeakMap(), off: new WeakMap() };

/**
 * Compile a schema once and return a function that validates many payloads against it.
 * A schema ajv can't compile (bad `$ref`, invalid keyword value, unsupported `$schema`) comes
 * back as a failed Result with a `validate/schema` issue; this never throws. Unknown keywords
 * and unknown formats are allowed and reported as warnings (`validate/schema-warning`), so check
 * `ok`, not `issues.length`. Compiled validators are cached per schema object (a WeakMap): treat
 * schemas as immutable, and pass a new object after an edit.
 */
export function createValidator(schema: JSONSchema, opts: ValidatorOptions = {}): Result<Validator> {
  const o = { ...DEFAULT_VALIDATOR_OPTIONS, ...opts };
  const cache = caches[o.formats ? 'on' : 'off'];
  if (typeof schema === 'object' && schema !== null) {
    const hit = cache.get(schema);
    if (hit) return hit;
  }
  const result = compile(schema, o);
  if (typeof schema === 'object' && schema !== null) cache.set(schema, result);
  return result;
}

function draftOf(schema: JSONSchema): Draft | undefined {
  if (typeof schema !== 'object' || schema === null || schema.$schema === undefined) return '2020-12';
  const s = String(schema.$schema);
  if (s.includes('2020-12')) return '2020-12';
  if (s.includes('2019-09')) return '2019-09';
  if (/draft-0[67]/.test(s)) return 'draft-07';
  return undefined;
}

const metaCheckers = new Map<Draft, AjvInstance>();

/**
 * Check a schema against its draft's meta-schema. The meta-schema validator is compiled once per
 * draft and shared (compiling it is most of the cost of a new ajv instance); the per-schema
 * instances below are then created with `meta: false, validateSchema: false`, about 20x cheaper.
 */
function checkAgainstMeta(draft: Draft, schema: JSONSchema): Issue[] {
  let meta = metaCheckers.get(draft);
  if (!meta) {
    const options = { strict: false, allErrors: true, validateFormats: false };
    meta = draft === 'draft-07' ? new Ajv(options) : draft === '2019-09' ? new Ajv2019(options) : new Ajv2020(options);
    metaCheckers.set(draft, meta);
  }
  const copy = typeof schema === 'object' && schema !== null && typeof schema.$schema === 'string' ? { ...schema, $schema: undefined } : schema;
  if (meta.validateSchema(copy as AnySchema)) return [];
  return (meta.errors ?? []).slice(0, 10).map((e) => {
    const where = e.instancePath || '/';
    return issue('validate/schema', `the schema is not valid ${draft} JSON Schema: at ${where}: ${e.message ?? e.keyword}`, {
      path: toPath(e.instancePath, schema),
      params: { keyword: e.keyword, schemaPath: e.schemaPath },
    });
  });
}

function makeAjv(draft: Draft, formats: boolean, warnings: string[], full: boolean): AjvInstance {
  const logger = { log: () => undefined, warn: (...a: unknown[]) => void warnings.push(a.map(String).join(' ')), error: () => undefined };
  const options = {
    allErrors: full,
    verbose: full,
    // Without this ajv reads `data.toString` / `data.constructor` from Object.prototype: an object
    // lacking those fields fails `properties.toString: {type: string}` and passes `required`.
    ownProperties: true,
    strict: 'log' as const,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    validateFormats: formats,
    logger,
    meta: false,
    validateSchema: false,
  };
  const ajv = draft === 'draft-07' ? new Ajv(options) : draft === '2019-09' ? new Ajv2019(options) : new Ajv2020(options);
  for (const [name, format] of Object.entries(fullFormats)) ajv.addFormat(name, format);
  for (const [name, def] of Object.entries(CUSTOM_FORMATS)) {
    if (def.type === 'number') ajv.addFormat(name, { type: 'number', validate: (v: number) => def.validate(v) });
    else ajv.addFormat(name, { type: 'string', validate: (v: string) => def.validate(v) });
  }
  ajv.addVocabulary([...FIELDKIT_KEYWORDS]);
  const requireOwn = (keys: string[], data: Record<string, unknown>): boolean => {
    const missing = keys.filter((k) => !Object.prototype.hasOwnProperty.call(data, k));
    requireOwn.errors = missing.map((k) => ({ keyword: OWN_REQUIRED, params: { missingProperty: k } }));
    return missing.length === 0;
  };
  requireOwn.errors = [] as Partial<ErrorObject>[];
  ajv.addKeyword({ keyword: OWN_REQUIRED, type: 'object', schemaType: 'array', errors: true, validate: requireOwn });
  return ajv;
}

/** Internal keyword: `required` for keys ajv's generated code can't test (`__proto__`). */
const OWN_REQUIRED = 'x-fieldkit-required-own';
const PROTO = '__proto__';

function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

function mentionsProto(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Object.prototype.hasOwnProperty.call(node, PROTO)) return true;
  if (Array.isArray(node)) return node.some((x) => x === PROTO || mentionsProto(x));
  return Object.values(node).some(mentionsProto);
}

/**
 * ajv skips a property named `__proto__` (its code reads `data.__proto__`, which is the
 * prototype on a plain object), so a payload's `__proto__` field would go unchecked. Rewrite
 * such schemas: `properties.__proto__` becomes `patternProperties["^__proto__$"]` (ajv walks own
 * keys for those) and `required: ["__proto__"]` becomes our own-key check. Other schemas pass
 * through untouched (same object).
 */
function protectProtoKeys(node: unknown): unknown {
  if (!mentionsProto(node)) return node;
  if (Array.isArray(node)) return node.map(protectProtoKeys);
  const src = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default') setOwn(out, k, v);
    else if (k === 'properties' || k === 'patternProperties' || k === '$defs' || k === 'definitions' || k === 'dependentSchemas') {
      const m: Record<string, unknown> = {};
      for (const [pk, pv] of Object.entries(v as Record<string, unknown>)) setOwn(m, pk, protectProtoKeys(pv));
      setOwn(out, k, m);
    } else setOwn(out, k, protectProtoKeys(v));
  }
  const props = out.properties as Record<string, unknown> | undefined;
  if (props && Object.prototype.hasOwnProperty.call(props, PROTO)) {
    const pattern: Record<string, unknown> = { ...(out.patternProperties as Record<string, unknown> | undefined) };
    setOwn(pattern, '^__proto__$', props[PROTO]);
    const rest: Record<string, unknown> = {};
    for (const [pk, pv] of Object.entries(props)) if (pk !== PROTO) setOwn(rest, pk, pv);
    out.properties = rest;
    out.patternProperties = pattern;
  }
  if (Array.isArray(out.required) && out.required.includes(PROTO)) {
    out.required = out.required.filter((r) => r !== PROTO);
    out[OWN_REQUIRED] = [PROTO];
  }
  return out;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function compile(schema: JSONSchema, o: Required<ValidatorOptions>): Result<Validator> {
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    return fail([issue('validate/schema', `the schema must be a JSON object or a boolean, got ${kindOf(schema)}`)]);
  }
  const draft = draftOf(schema);
  if (draft === undefined) {
    const id = (schema as JSONSchemaObject).$schema;
    return fail([issue('validate/schema', `unsupported $schema ${JSON.stringify(id)}; use draft 2020-12, 2019-09 or draft-07`, { path: ['$schema'] })]);
  }
  const invalid = checkAgainstMeta(draft, schema);
  if (invalid.length) return fail(invalid);
  const warnings: string[] = [];
  schema = protectProtoKeys(schema) as JSONSchema;
  for (const name of unknownFormats(schema)) warnings.push(`unknown format "${name}" is not checked`);
  const env = new Env(schema, draft, o.formats, warnings);
  const dispatch = findDispatch(schema);
  if (dispatch) {
    const broken = checkRefsAndPatterns(schema);
    if (broken.length) return fail(broken);
  }
  let root: Target | undefined;
  try {
    // A discriminated event schema compiles each event type on first use (a 15-type webhook
    // schema takes ajv ~1 s to compile whole); anything else compiles now.
    if (!dispatch) {
      root = new Target(env, '');
      root.fast();
    }
  } catch (e) {
    return fail([issue('validate/schema', `the schema cannot be used for validation: ${errorText(e)}`, { params: { reason: errorText(e) } })]);
  }
  const notes: Issue[] = [...new Set(warnings)].map((w) => ({
    ...issue('validate/schema-warning', w.replace(/^strict mode: /, '')),
    severity: 'warning' as const,
  }));
  if (root) {
    const target = root;
    return ok((data) => target.validate(data), notes);
  }
  const d = dispatch!;
  const targets = new Map<string, Target>();
  const validator: Validator = (data) => {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return fail([issue('validate/type', MESSAGES.type(['object'], data), { params: { keyword: 'type', expected: ['object'], field: '' } })]);
    }
    if (!Object.prototype.hasOwnProperty.call(data, d.field)) {
      return fail([issue('validate/required', MESSAGES.required(d.field), { path: [d.field], params: { keyword: 'required', missing: d.field, field: d.field } })]);
    }
    const value = (data as Record<string, unknown>)[d.field];
    const branch = typeof value === 'string' && Object.prototype.hasOwnProperty.call(d.branches, value) ? d.branches[value] : undefined;
    if (branch === undefined) {
      const known = Object.keys(d.branches);
      return fail([
        issue('validate/discriminator', MESSAGES.discriminator(d.field, value, known), { path: [d.field], params: { keyword: 'discriminator', value, known, field: d.field } }),
      ]);
    }
    let t = targets.get(branch);
    if (!t) targets.set(branch, (t = new Target(new Env(branchDocument(schema as JSONSchemaObject, branch), draft, o.formats, []), '')));
    try {
      return t.validate(data);
    } catch (e) {
      return fail([issue('validate/schema', `the schema cannot be used for validation: ${errorText(e)}`, { params: { reason: errorText(e) } })]);
    }
  };
  return ok(validator, notes);
}

/** The ajv instances for one schema: a fast one (first error only) and, on demand, a full one. */
class Env {
  private fastInstance: { ajv: AjvInstance; base: string } | undefined;
  private fullInstance: { ajv: AjvInstance; base: string; ctx: Context } | undefined;
  constructor(
    readonly root: JSONSchema,
    readonly draft: Draft,
    readonly formats: boolean,
    readonly warnings: string[],
  ) {}
  fastAjv(): { ajv: AjvInstance; base: string } {
    return (this.fastInstance ??= instance(this.root, this.draft, this.formats, false, this.warnings));
  }
  fullAjv(): { ajv: AjvInstance; base: string; ctx: Context } {
    if (!this.fullInstance) {
      const i = instance(this.root, this.draft, this.formats, true, []);
      this.fullInstance = { ...i, ctx: new Context(i.ajv, i.base, this.root) };
    }
    return this.fullInstance;
  }
}

/**
 * The schema at one JSON Pointer of the root (`''` = the root), compiled twice on demand: fast
 * (stops at the first error, no data copies) for the common case, and with allErrors + verbose
 * on the first failure, which `explain` needs to report everything. With many oneOf branches
 * the fast one is several times quicker on valid payloads.
 */
class Target {
  private fastFn: ValidateFunction | undefined;
  private fullFn: ValidateFunction | undefined;
  constructor(
    private readonly env: Env,
    private readonly pointer: string,
  ) {}
  fast(): ValidateFunction {
    return (this.fastFn ??= compileAt(this.env.fastAjv(), this.pointer));
  }
  validate(data: unknown): Result<unknown> {
    if (this.fast()(data)) return ok(data);
    const full = this.env.fullAjv();
    const fn = (this.fullFn ??= compileAt(full, this.pointer));
    if (fn(data)) return ok(data);
    return fail(explain((fn.errors ?? []) as ErrorObject[], data, full.ctx));
  }
}

function refTo(base: string, pointer: string): string {
  return `${base}#${pointer.split('/').map((s) => encodeURIComponent(s).replace(/%7E/gi, '~')).join('/')}`;
}

function compileAt(i: { ajv: AjvInstance; base: string }, pointer: string): ValidateFunction {
  if (pointer === '') {
    const v = i.ajv.getSchema(i.base);
    if (!v) throw new Error('schema could not be compiled');
    return v;
  }
  return i.ajv.compile({ $ref: refTo(i.base, pointer) });
}

/** A new ajv instance holding `schema` (not compiled yet); throws what ajv throws. */
function instance(schema: JSONSchema, draft: Draft, formats: boolean, full: boolean, warnings: string[]): { ajv: AjvInstance; base: string } {
  const ajv = makeAjv(draft, formats, warnings, full);
  for (const name of unknownFormats(schema)) ajv.addFormat(name, true);
  const extensions = extensionKeywords(schema);
  if (extensions.length) ajv.addVocabulary(extensions);
  if (typeof schema === 'object' && typeof schema.$id === 'string' && schema.$id !== '') {
    ajv.addSchema(schema as AnySchema);
    return { ajv, base: schema.$id.replace(/#$/, '') };
  }
  ajv.addSchema(schema as AnySchema, ROOT_KEY);
  return { ajv, base: ROOT_KEY };
}

/** Root keywords that don't constrain the payload (a dispatching root may only have these and oneOf). */
const ROOT_ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'definitions', 'title', 'description', '$comment', 'examples', 'oneOf', 'x-fieldkit-discriminator']);

interface Dispatch {
  field: string;
  /** discriminator value -> JSON Pointer of the branch schema */
  branches: Record<string, string>;
}

/**
 * A fieldkit event schema (CONTRACTS §1): `x-fieldkit-discriminator: D` and a oneOf whose
 * branches each pin a different string `const` for a required property D. Validating such a
 * schema is the same as validating the one branch D names, which is what we do.
 */
function findDispatch(schema: JSONSchema): Dispatch | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const field = schema['x-fieldkit-discriminator'];
  if (typeof field !== 'string' || !Array.isArray(schema.oneOf) || schema.oneOf.length === 0) return undefined;
  if (!Object.keys(schema).every((k) => ROOT_ANNOTATIONS.has(k) || k.startsWith('x-'))) return undefined;
  const branches: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < schema.oneOf.length; i++) {
    const b = schema.oneOf[i];
    let pointer = `/oneOf/${i}`;
    let target: unknown = b;
    if (b !== null && typeof b === 'object' && typeof b.$ref === 'string') {
      if (Object.keys(b).length !== 1 || !b.$ref.startsWith('#/')) return undefined;
      pointer = decodeURIComponent(b.$ref.slice(1));
      target = resolvePointer(schema, pointer);
    }
    if (target === null || typeof target !== 'object' || Array.isArray(target)) return undefined;
    const t = target as JSONSchemaObject;
    const prop = t.properties && Object.prototype.hasOwnProperty.call(t.properties, field) ? t.properties[field] : undefined;
    if (!Array.isArray(t.required) || !t.required.includes(field) || prop === null || typeof prop !== 'object') return undefined;
    const value = (prop as JSONSchemaObject).const;
    if (typeof value !== 'string' || value in branches) return undefined;
    branches[value] = pointer;
  }
  return { field, branches };
}

/**
 * A standalone schema for one branch of a dispatching root: the root's definitions (so local
 * `#/$defs/…` refs still resolve) and the branch, without the other branches. ajv compiles a
 * document whole when a `$ref` points into it, so referencing the branch inside the full root
 * would compile every event type; this compiles one.
 */
function branchDocument(root: JSONSchemaObject, pointer: string): JSONSchemaObject {
  const doc: JSONSchemaObject = {};
  for (const [k, v] of Object.entries(root)) {
    if (k !== 'oneOf' && k !== '$id' && k !== 'x-fieldkit-discriminator') Object.defineProperty(doc, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  doc.allOf = [resolvePointer(root, pointer) as JSONSchema];
  return doc;
}

/** Problems ajv would report when compiling: local $refs that point nowhere, patterns that don't compile. */
function checkRefsAndPatterns(schema: JSONSchema): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<unknown>();
  const walk = (n: unknown, path: PathSegment[]) => {
    if (n === null || typeof n !== 'object' || seen.has(n)) return;
    seen.add(n);
    if (Array.isArray(n)) return n.forEach((x, i) => walk(x, [...path, i]));
    for (const [k, v] of Object.entries(n)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#') && resolvePointer(schema, decodeURIComponent(v.slice(1))) === undefined) {
        out.push(issue('validate/schema', `the schema cannot be used for validation: can't resolve reference ${v}`, { path }));
      } else if ((k === 'pattern' && typeof v === 'string') || k === 'patternProperties') {
        for (const re of k === 'pattern' ? [v as string] : Object.keys(v as object)) {
          try {
            new RegExp(re, 'u');
          } catch (e) {
            out.push(issue('validate/schema', `the schema cannot be used for validation: invalid pattern ${JSON.stringify(re)}: ${errorText(e)}`, { path: [...path, k] }));
          }
        }
        if (k === 'patternProperties') walk(v, [...path, k]);
      } else if (!DATA_KEYWORDS.has(k)) walk(v, [...path, k]);
    }
  };
  walk(schema, []);
  return out;
}

const DATA_KEYWORDS = new Set(['enum', 'const', 'examples', 'default']);

/** `x-…` keywords in the schema (extensions: annotations by convention, never warned about). */
function extensionKeywords(schema: JSONSchema): string[] {
  const found = new Set<string>();
  const seen = new Set<unknown>();
  const declared = new Set<string>([...FIELDKIT_KEYWORDS, OWN_REQUIRED]);
  const walk = (n: unknown) => {
    if (n === null || typeof n !== 'object' || seen.has(n)) return;
    seen.add(n);
    if (Array.isArray(n)) return n.forEach(walk);
    for (const [k, v] of Object.entries(n)) {
      if (k.startsWith('x-')) {
        if (!declared.has(k)) found.add(k);
      } else if (!DATA_KEYWORDS.has(k)) walk(v);
    }
  };
  walk(schema);
  return [...found];
}

const KNOWN_FORMATS = new Set([...Object.keys(fullFormats), ...Object.keys(CUSTOM_FORMATS)]);

/** `format` names in the schema that neither ajv-formats nor fieldkit define (ajv would refuse to compile). */
function unknownFormats(schema: JSONSchema): string[] {
  const found = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (n: unknown) => {
    if (n === null || typeof n !== 'object' || seen.has(n)) return;
    seen.add(n);
    if (Array.isArray(n)) return n.forEach(walk);
    for (const [k, v] of Object.entries(n)) {
      if (k === 'format' && typeof v === 'string' && !KNOWN_FORMATS.has(v)) found.add(v);
      else if (!DATA_KEYWORDS.has(k)) walk(v);
    }
  };
  walk(schema);
  return [...found];
}

/** What `explain` needs to re-run parts of the schema: sub-validators per schema location. */
class Context {
  private pointers: WeakMap<object, string> | undefined;
  private readonly subs = new Map<string, ValidateFunction | null>();
  constructor(
    readonly ajv: AjvInstance,
    readonly base: string,
    readonly root: JSONSchema,
  ) {}

  /** JSON Pointer of a schema node inside the root schema (ajv's verbose errors hand us the node). */
  pointerOf(node: unknown): string | undefined {
    if (!this.pointers) {
      const map = new WeakMap<object, string>();
      const walk = (n: unknown, ptr: string) => {
        if (n === null || typeof n !== 'object' || map.has(n)) return;
        map.set(n, ptr);
        for (const [k, v] of Object.entries(n)) walk(v, `${ptr}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      };
      walk(this.root, '');
      this.pointers = map;
    }
    return node !== null && typeof node === 'object' ? this.pointers.get(node) : undefined;
  }

  /** Validator for the schema at `pointer` in the root, compiled on first use. */
  sub(pointer: string): ValidateFunction | null {
    let v = this.subs.get(pointer);
    if (v === undefined) {
      try {
        const ref = `${this.base}#${pointer.split('/').map((s) => encodeURIComponent(s).replace(/%7E/gi, '~')).join('/')}`;
        v = this.ajv.compile({ $ref: ref });
      } catch {
        v = null;
      }
      this.subs.set(pointer, v);
    }
    return v;
  }

  /** The schema at a local `$ref` (or the node itself when it has none). */
  deref(node: unknown): unknown {
    let cur = node;
    for (let hops = 0; hops < 16 && cur !== null && typeof cur === 'object' && typeof (cur as JSONSchemaObject).$ref === 'string'; hops++) {
      const ref = (cur as JSONSchemaObject).$ref as string;
      if (!ref.startsWith('#')) return cur;
      cur = resolvePointer(this.root, decodeURIComponent(ref.slice(1)));
    }
    return cur;
  }
}

function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Data path segments for an ajv instancePath: JSON-pointer decoded, numbers where the data is an array. */
function toPath(instancePath: string, data: unknown): PathSegment[] {
  if (instancePath === '') return [];
  const out: PathSegment[] = [];
  let cur: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(key)) {
      out.push(Number(key));
      cur = cur[Number(key)];
    } else {
      out.push(key);
      cur = cur !== null && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, key) ? (cur as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

/** The field an issue belongs to: names joined with '.', array indexes left out (`items.sku`). */
export function fieldName(path: readonly PathSegment[]): string {
  return path.filter((s): s is string => typeof s === 'string').join('.');
}

function signature(e: ErrorObject): string {
  return `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}\u0000${e.propertyName ?? ''}`;
}

const COMBINATORS = new Set(['oneOf', 'anyOf']);
const DROPPED = new Set(['if', 'propertyNames', '$ref', 'discriminator']);

/**
 * Turn ajv's flat error list into issues people read. Combinator errors (`oneOf`/`anyOf`) are
 * collapsed: their branches are re-validated one by one, the branch errors are removed from the
 * flat list, and only the useful part is reported (the branch the discriminator names, one
 * "expected string or null" for a union of types, or the branch that got furthest).
 */
function explain(errors: readonly ErrorObject[], data: unknown, ctx: Context): Issue[] {
  const slots: Issue[][] = errors.map(() => []);
  const dropped = new Set<number>();
  for (let k = errors.length - 1; k >= 0; k--) {
    if (dropped.has(k)) continue;
    const e = errors[k]!;
    if (e.keyword === 'contains') {
      // ajv also reports why each item failed the `contains` schema: noise, drop it.
      for (let j = k - 1; j >= 0; j--) if (errors[j]!.schemaPath.startsWith(e.schemaPath + '/')) dropped.add(j);
      continue;
    }
    if (!COMBINATORS.has(e.keyword)) continue;
    const branches = explainCombinator(e, data, ctx);
    if (!branches) continue;
    slots[k] = branches.issues;
    dropped.add(k);
    const pending = new Map<string, number>();
    for (const s of branches.signatures) pending.set(s, (pending.get(s) ?? 0) + 1);
    for (let j = k - 1; j >= 0 && pending.size > 0; j--) {
      if (dropped.has(j)) continue;
      const s = signature(errors[j]!);
      const n = pending.get(s);
      if (n === undefined) continue;
      dropped.add(j);
      if (n === 1) pending.delete(s);
      else pending.set(s, n - 1);
    }
  }
  errors.forEach((e, k) => {
    if (!dropped.has(k)) slots[k] = translate(e, data);
  });
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const i of slots.flat()) {
    const key = `${JSON.stringify(i.path)}\u0000${i.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
  }
  return out;
}

interface BranchRun {
  index: number;
  errors: ErrorObject[];
}

function explainCombinator(e: ErrorObject, data: unknown, ctx: Context): { issues: Issue[]; signatures: string[] } | undefined {
  const path = toPath(e.instancePath, data);
  const value = valueAt(data, path);
  const branchList = e.schema;
  if (!Array.isArray(branchList)) return undefined;
  const listPtr = ctx.pointerOf(branchList);
  if (listPtr === undefined) return undefined;

  const runs: BranchRun[] = [];
  for (let i = 0; i < branchList.length; i++) {
    const sub = ctx.sub(`${listPtr}/${i}`);
    if (!sub) return undefined;
    const passed = sub(value);
    const errs = passed ? [] : ((sub.errors ?? []) as ErrorObject[]).map((x) => ({ ...x, instancePath: e.instancePath + x.instancePath }));
    runs.push({ index: i, errors: errs });
  }
  const signatures = runs.flatMap((r) => r.errors.map(signature));
  const at = (extra: Partial<Issue>, code: string, message: string): Issue =>
    issue(`validate/${code}`, message, { ...extra });

  // oneOf that matched several branches: nothing to collapse, say which.
  const passing = (e.params as { passingSchemas?: number[] | null }).passingSchemas;
  if (e.keyword === 'oneOf' && Array.isArray(passing)) {
    return {
      signatures,
      issues: [at({ path, params: { field: fieldName(path), keyword: 'oneOf', passing } }, 'oneOf', MESSAGES.oneOfMany(passing))],
    };
  }

  const disc = discriminatorOf(e.parentSchema, branchList, ctx);
  if (disc) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { signatures, issues: [at({ path, params: { field: fieldName(path), keyword: 'type', expected: ['object'] } }, 'type', MESSAGES.type(['object'], value))] };
    }
    if (!Object.prototype.hasOwnProperty.call(value, disc.field)) {
      const p = [...path, disc.field];
      return { signatures, issues: [at({ path: p, params: { field: fieldName(p), keyword: 'required', missing: disc.field } }, 'required', MESSAGES.required(disc.field))] };
    }
    const v = (value as Record<string, unknown>)[disc.field];
    const hit = disc.values.findIndex((d) => d.values.some((x) => JSON.stringify(x) === JSON.stringify(v)));
    if (hit < 0) {
      const p = [...path, disc.field];
      const known = disc.values.flatMap((d) => d.values);
      return {
        signatures,
        issues: [at({ path: p, params: { field: fieldName(p), keyword: 'discriminator', value: v, known } }, 'discriminator', MESSAGES.discriminator(disc.field, v, known))],
      };
    }
    return { signatures, issues: explain(runs[disc.values[hit]!.branch]!.errors, data, ctx) };
  }

  // Every branch rejected the value's kind right here: one "expected A or B, got C".
  const rejectsHere = (r: BranchRun) => r.errors.some((x) => x.instancePath === e.instancePath && (x.keyword === 'type' || x.keyword === 'const' || x.keyword === 'enum'));
  if (runs.every(rejectsHere)) {
    const expected: string[] = [];
    for (const r of runs) {
      for (const x of r.errors) {
        if (x.instancePath !== e.instancePath) continue;
        if (x.keyword === 'type') {
          const t = (x.params as { type: string | string[] }).type;
          for (const n of Array.isArray(t) ? t : String(t).split(',')) if (!expected.includes(n)) expected.push(n);
        } else if (x.keyword === 'const') {
          const c = JSON.stringify((x.params as { allowedValue: unknown }).allowedValue);
          if (!expected.includes(c)) expected.push(c);
        } else if (x.keyword === 'enum') {
          for (const a of (x.params as { allowedValues: unknown[] }).allowedValues) {
            const c = JSON.stringify(a);
            if (!expected.includes(c)) expected.push(c);
          }
        }
      }
    }
    return { signatures, issues: [at({ path, params: { field: fieldName(path), keyword: 'type', expected } }, 'type', MESSAGES.type(expected, value))] };
  }

  // Otherwise report the branch that got furthest: it accepted the kind, and has the fewest errors.
  const candidates = runs.filter((r) => !rejectsHere(r) && r.errors.length > 0);
  if (candidates.length === 0) return undefined;
  const best = candidates.reduce((a, b) => (b.errors.length < a.errors.length ? b : a));
  const inner = explain(best.errors, data, ctx);
  return { signatures, issues: inner.length ? inner : [at({ path, params: { field: fieldName(path), keyword: e.keyword } }, e.keyword, MESSAGES.noBranch())] };
}

interface Discriminator {
  field: string;
  values: { branch: number; values: unknown[] }[];
}

/**
 * The discriminator of a oneOf/anyOf: the property named by `x-fieldkit-discriminator` on the
 * parent schema, or else a property every branch pins with `const` (or a one-value `enum`).
 */
function discriminatorOf(parent: unknown, branches: readonly unknown[], ctx: Context): Discriminator | undefined {
  const resolved = branches.map((b) => ctx.deref(b));
  const pins = (b: unknown, field: string): unknown[] | undefined => {
    if (b === null || typeof b !== 'object') return undefined;
    const props = (b as JSONSchemaObject).properties;
    if (!props || !Object.prototype.hasOwnProperty.call(props, field)) return undefined;
    const p = ctx.deref(props[field]) as JSONSchemaObject | undefined;
    if (!p || typeof p !== 'object') return undefined;
    if ('const' in p) return [p.const];
    if (Array.isArray(p.enum)) return p.enum;
    return undefined;
  };
  const named = parent !== null && typeof parent === 'object' ? (parent as JSONSchemaObject)['x-fieldkit-discriminator'] : undefined;
  const candidates: string[] = [];
  if (typeof named === 'string') candidates.push(named);
  else {
    const first = resolved[0] as JSONSchemaObject | undefined;
    if (first && typeof first === 'object' && first.properties) candidates.push(...Object.keys(first.properties));
  }
  for (const field of candidates) {
    const values = resolved.map((b, branch) => ({ branch, values: pins(b, field) }));
    if (values.every((v): v is { branch: number; values: unknown[] } => v.values !== undefined) && values.length > 1) return { field, values };
  }
  return undefined;
}

/** One ajv error (not a combinator) to issues; `[]` for errors that only summarise others. */
function translate(e: ErrorObject, data: unknown): Issue[] {
  if (DROPPED.has(e.keyword)) return [];
  let path = toPath(e.instancePath, data);
  const value = e.data;
  const p = e.params as Record<string, unknown>;
  let message: string;
  const params: Record<string, unknown> = { keyword: e.keyword };
  switch (e.keyword) {
    case 'type': {
      const t = p.type as string | string[];
      const expected = Array.isArray(t) ? t : String(t).split(',');
      params.expected = expected;
      message = MESSAGES.type(expected, value);
      break;
    }
    case OWN_REQUIRED:
    case 'required': {
      const missing = String(p.missingProperty);
      path = [...path, missing];
      params.missing = missing;
      message = MESSAGES.required(missing);
      break;
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const extra = String(p.additionalProperty ?? p.unevaluatedProperty);
      path = [...path, extra];
      message = MESSAGES.additionalProperties(extra);
      break;
    }
    case 'enum':
      params.allowed = p.allowedValues;
      message = MESSAGES.enum(value, p.allowedValues as unknown[]);
      break;
    case 'const':
      params.allowed = [p.allowedValue];
      message = MESSAGES.const(value, p.allowedValue);
      break;
    case 'format':
      params.format = p.format;
      message = MESSAGES.format(value, String(p.format));
      break;
    case 'pattern':
      params.pattern = p.pattern;
      message = MESSAGES.pattern(value, String(p.pattern));
      break;
    case 'minLength':
    case 'maxLength':
      params.limit = p.limit;
      message = MESSAGES[e.keyword](String(value), Number(p.limit));
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      params.limit = p.limit;
      message = MESSAGES.limit(value, String(p.comparison), Number(p.limit));
      break;
    case 'multipleOf':
      message = MESSAGES.multipleOf(value, Number(p.multipleOf));
      break;
    case 'minItems':
    case 'maxItems':
      params.limit = p.limit;
      message = MESSAGES[e.keyword](Array.isArray(value) ? value.length : 0, Number(p.limit));
      break;
    case 'minProperties':
    case 'maxProperties':
      params.limit = p.limit;
      message = MESSAGES[e.keyword](value && typeof value === 'object' ? Object.keys(value).length : 0, Number(p.limit));
      break;
    case 'uniqueItems':
      message = MESSAGES.uniqueItems(Number(p.i), Number(p.j));
      break;
    case 'contains':
      message = MESSAGES.contains();
      break;
    case 'dependentRequired':
    case 'dependencies':
      message = MESSAGES.dependentRequired(String(p.property), String(p.missingProperty));
      break;
    case 'not':
      message = MESSAGES.not();
      break;
    case 'false schema':
      message = MESSAGES.falseSchema();
      break;
    case 'additionalItems':
    case 'items':
      message = MESSAGES.additionalItems(Number(p.limit));
      break;
    case 'oneOf':
    case 'anyOf':
      message = MESSAGES.noBranch();
      break;
    default:
      message = e.message ?? `fails the ${e.keyword} check`;
  }
  if (e.propertyName !== undefined) {
    path = [...path, e.propertyName];
    message = MESSAGES.propertyName(e.propertyName, message.replace(/^"[^"]*" /, ''));
  }
  params.field = fieldName(path);
  const code = e.keyword === 'false schema' ? 'false-schema' : e.keyword === OWN_REQUIRED ? 'required' : e.keyword;
  params.keyword = code;
  return [issue(`validate/${code}`, message, { path, params })];
}
