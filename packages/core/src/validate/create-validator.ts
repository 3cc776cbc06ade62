import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { fail, issue, ok, type Issue, type Result } from '../errors.js';
import { CUSTOM_FORMATS } from '../formats.js';
import type { JSONSchema, JSONSchemaObject, PathSegment } from '../types.js';
import { MESSAGES, kindOf } from './messages.js';
import { Context, OWN_REQUIRED, explain, fieldName, refTo, resolvePointer, toPath } from './explain.js';
import { badTypeMessage, compileErrorText, depthPathHead, payloadAsSchemaIssue, schemaDepthIssue } from './schema-checks.js';
import { findTooDeep, MAX_NESTING } from '../fields/schema-util.js';

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

/** Any of the ajv classes fieldkit uses (one per draft). */
export type AjvInstance = Ajv | Ajv2019 | Ajv2020;
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
  return collapseMetaErrors(meta.errors ?? [], schema)
    .slice(0, 10)
    .map((e) => {
      const typePointer = badTypePointer(e.instancePath, schema);
      if (typePointer !== undefined) {
        const typed = badTypeMessage(valueAtPath(schema, toPath(typePointer, schema)))!;
        const at = toPath(typePointer, schema);
        return issue('validate/schema', typed.message, { path: at, ...(typed.suggestion ? { suggestion: typed.suggestion } : {}), params: { keyword: 'type', schemaPath: e.schemaPath } });
      }
      const path = toPath(e.instancePath, schema);
      const where = path.length ? '' : 'at the root: ';
      return issue('validate/schema', `the schema is not valid ${draft} JSON Schema: ${where}${e.message ?? e.keyword}`, {
        path,
        params: { keyword: e.keyword, schemaPath: e.schemaPath },
      });
    });
}

function valueAtPath(root: unknown, path: readonly PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

/**
 * One meta-schema error per mistake: ajv reports a failed `anyOf` plus each branch's own error
 * (for `"type": "strin"`: "must be equal to one of the allowed values", "must be array", "must
 * match a schema in anyOf"). Keep the anyOf/oneOf error and drop its branches' errors at the
 * same place; a bad `type` keeps a single error that the caller words itself.
 */
function collapseMetaErrors(errors: readonly ErrorObject[], schema: JSONSchema): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const branchOf = (e: ErrorObject) =>
    unions.some((u) => u !== e && e.instancePath.startsWith(u.instancePath) && e.schemaPath.startsWith(u.schemaPath.replace(/\/(anyOf|oneOf)$/, '') + '/' + u.keyword + '/'));
  const kept = errors.filter((e) => !branchOf(e));
  const out: ErrorObject[] = [];
  const typeSeen = new Set<string>();
  for (const e of kept) {
    const typePointer = badTypePointer(e.instancePath, schema);
    if (typePointer !== undefined) {
      if (typeSeen.has(typePointer)) continue;
      typeSeen.add(typePointer);
    }
    out.push(e);
  }
  return out;
}

/** The JSON Pointer of the `type` keyword a meta-schema error is about (`/type` or `/type/1`), when its value is bad. */
function badTypePointer(instancePath: string, schema: JSONSchema): string | undefined {
  const m = /^(.*)\/type(\/\d+)?$/.exec(instancePath);
  if (!m || !isSchemaPosition(toPath(m[1]!, schema), schema)) return undefined;
  const pointer = `${m[1]}/type`;
  return badTypeMessage(valueAtPath(schema, toPath(pointer, schema))) !== undefined ? pointer : undefined;
}

/** Whether `path` leads to a subschema (keys under `properties` & co. are names, not keywords). */
function isSchemaPosition(path: readonly PathSegment[], root: JSONSchema): boolean {
  let cur: unknown = root;
  let inMap = false;
  for (const seg of path) {
    const next = valueAtPath(cur, [seg]);
    if (inMap) inMap = false;
    else if (Array.isArray(cur)) {
      // an index into a list of subschemas (allOf, prefixItems…)
    } else if (typeof seg === 'string' && SCHEMA_MAPS.has(seg)) inMap = true;
    else if (typeof seg !== 'string' || !SCHEMA_VALUES.has(seg)) return false;
    cur = next;
  }
  return !inMap && !Array.isArray(cur);
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

const PROTO = '__proto__';

function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

/**
 * Whether `k` holds a lone UTF-16 surrogate (JSON text may escape one: `"\\ud800"`); ajv's
 * compiler throws "URI malformed" on such a property name. A loop, not a regex: core runs in
 * browsers, and a lookbehind is a syntax error in older Safari.
 */
function hasLoneSurrogate(k: string): boolean {
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = k.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++; // a pair
        continue;
      }
    }
    return true;
  }
  return false;
}

/** A property name ajv cannot take as written: `__proto__`, or one with a lone surrogate. */
function awkwardKey(k: string): boolean {
  return k === PROTO || hasLoneSurrogate(k);
}

function mentionsAwkwardKey(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((x) => (typeof x === 'string' && awkwardKey(x)) || mentionsAwkwardKey(x));
  for (const k of Object.keys(node)) if (awkwardKey(k)) return true;
  return Object.values(node).some(mentionsAwkwardKey);
}

/** `^name$` as a pattern matching exactly `name` (unicode mode; surrogates written as escapes, so the pattern is plain text). */
function exactPattern(name: string): string {
  let out = '^';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += /[\\^$.*+?()[\]{}|/]/.test(name[i]!) ? '\\' + name[i] : name[i];
  }
  return out + '$';
}

/**
 * ajv skips a property named `__proto__` (its code reads `data.__proto__`, which is the
 * prototype on a plain object), so a payload's `__proto__` field would go unchecked; and it fails
 * to compile a name holding a lone surrogate (valid JSON, `"\\ud800"`). Rewrite such schemas:
 * `properties[name]` becomes `patternProperties["^name$"]` (ajv walks own keys for those; the
 * pattern spells surrogates as escapes) and `required: [name]` becomes our own-key check. Other
 * schemas pass through untouched (same object).
 */
function protectAwkwardKeys(node: unknown): unknown {
  if (!mentionsAwkwardKey(node)) return node;
  if (Array.isArray(node)) return node.map(protectAwkwardKeys);
  const src = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default') setOwn(out, k, v);
    else if (k === 'properties' || k === 'patternProperties' || k === '$defs' || k === 'definitions' || k === 'dependentSchemas') {
      const m: Record<string, unknown> = {};
      for (const [pk, pv] of Object.entries(v as Record<string, unknown>)) setOwn(m, pk, protectAwkwardKeys(pv));
      setOwn(out, k, m);
    } else setOwn(out, k, protectAwkwardKeys(v));
  }
  const props = out.properties as Record<string, unknown> | undefined;
  if (props && Object.keys(props).some(awkwardKey)) {
    const pattern: Record<string, unknown> = { ...(out.patternProperties as Record<string, unknown> | undefined) };
    const rest: Record<string, unknown> = {};
    for (const [pk, pv] of Object.entries(props)) {
      if (awkwardKey(pk)) setOwn(pattern, exactPattern(pk), pv);
      else setOwn(rest, pk, pv);
    }
    out.properties = rest;
    out.patternProperties = pattern;
  }
  if (Array.isArray(out.required) && out.required.some((r) => typeof r === 'string' && awkwardKey(r))) {
    const req = out.required as unknown[];
    out.required = req.filter((r) => !(typeof r === 'string' && awkwardKey(r)));
    out[OWN_REQUIRED] = req.filter((r) => typeof r === 'string' && awkwardKey(r));
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
  const shape = payloadAsSchemaIssue(schema) ?? schemaDepthIssue(schema);
  if (shape) return fail([shape]);
  const draft = draftOf(schema);
  if (draft === undefined) {
    const id = (schema as JSONSchemaObject).$schema;
    return fail([issue('validate/schema', `unsupported $schema ${JSON.stringify(id)}; use draft 2020-12, 2019-09 or draft-07`, { path: ['$schema'] })]);
  }
  const invalid = checkAgainstMeta(draft, schema);
  if (invalid.length) return fail(invalid);
  const warnings: string[] = [];
  schema = protectAwkwardKeys(schema) as JSONSchema;
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
    return fail([issue('validate/schema', `the schema cannot be used for validation: ${compileErrorText(e)}`, { params: { reason: errorText(e) } })]);
  }
  const notes: Issue[] = [...new Set(warnings)].map((w) => ({
    ...issue('validate/schema-warning', w.replace(/^strict mode: /, '')),
    severity: 'warning' as const,
  }));
  if (root) {
    const target = root;
    return ok((data) => {
      try {
        return target.validate(data);
      } catch (e) {
        return failedValidation(e, data);
      }
    }, notes);
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
      return failedValidation(e, data);
    }
  };
  return ok(validator, notes);
}

/**
 * What a throw while validating becomes: a stack overflow (a payload nested thousands of levels
 * deep under a recursive schema) is a `validate/depth` issue at the deepest path; anything else is
 * a `validate/schema` issue. A validator never throws.
 */
function failedValidation(e: unknown, data: unknown): Result<unknown> {
  if (e instanceof RangeError) {
    const path = depthPathHead(findTooDeep(data, MAX_NESTING) ?? []);
    return fail([
      issue('validate/depth', 'the payload is nested too deep to validate below here (stack overflow); fieldkit refuses it rather than crash', {
        path,
        params: { keyword: 'depth', field: '', max: MAX_NESTING },
      }),
    ]);
  }
  return fail([issue('validate/schema', `the schema cannot be used for validation: ${compileErrorText(e)}`, { params: { reason: errorText(e) } })]);
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
    const issues = explain((fn.errors ?? []) as ErrorObject[], data, full.ctx);
    // A failed Result carries at least one error, even if every ajv error was a summary we drop.
    return fail(issues.length ? issues : [issue('validate/invalid', 'does not match the schema', { params: { keyword: 'invalid', field: '' } })]);
  }
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
  const bad = (what: string, path: PathSegment[]) => out.push(issue('validate/schema', `the schema cannot be used for validation: ${what}`, { path }));
  const regex = (re: string, path: PathSegment[]) => {
    try {
      new RegExp(re, 'u');
    } catch (e) {
      bad(`invalid pattern ${JSON.stringify(re)}: ${errorText(e)}`, path);
    }
  };
  forEachSchema(schema, (node, path) => {
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#') && resolvePointer(schema, decodeURIComponent(ref.slice(1))) === undefined) bad(`can't resolve reference ${ref}`, path);
    if (typeof node.pattern === 'string') regex(node.pattern, [...path, 'pattern']);
    if (node.patternProperties !== null && typeof node.patternProperties === 'object') for (const re of Object.keys(node.patternProperties)) regex(re, [...path, 'patternProperties']);
  });
  return out;
}

/** Keywords whose value is a map of names to subschemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is a subschema or a list of subschemas. */
const SCHEMA_VALUES = new Set([
  'allOf', 'anyOf', 'oneOf', 'prefixItems', 'items', 'not', 'if', 'then', 'else', 'additionalProperties', 'additionalItems',
  'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema', 'dependencies',
]);

/**
 * Visit every subschema (object schemas only) by keyword structure, so property NAMES are never
 * mistaken for keywords (a payload field called "x-id", "format" or "$ref" is a name, not a keyword).
 */
function forEachSchema(root: JSONSchema, visit: (node: JSONSchemaObject, path: PathSegment[]) => void): void {
  const seen = new Set<unknown>();
  const walk = (n: unknown, path: PathSegment[]) => {
    if (Array.isArray(n)) return n.forEach((x, i) => walk(x, [...path, i]));
    if (n === null || typeof n !== 'object' || seen.has(n)) return;
    seen.add(n);
    const node = n as JSONSchemaObject;
    visit(node, path);
    for (const [k, v] of Object.entries(node)) {
      if (SCHEMA_MAPS.has(k) && v !== null && typeof v === 'object') for (const [name, sub] of Object.entries(v)) walk(sub, [...path, k, name]);
      else if (SCHEMA_VALUES.has(k)) walk(v, [...path, k]);
    }
  };
  walk(root, []);
}

/** ajv's rule for keyword names; other `x-…` keys are left to ajv's unknown-keyword warning. */
const KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;

/** `x-…` keywords in the schema (extensions: annotations by convention, never warned about). */
function extensionKeywords(schema: JSONSchema): string[] {
  const found = new Set<string>();
  const declared = new Set<string>([...FIELDKIT_KEYWORDS, OWN_REQUIRED]);
  forEachSchema(schema, (node) => {
    for (const k of Object.keys(node)) if (k.startsWith('x-') && !declared.has(k) && KEYWORD_NAME.test(k)) found.add(k);
  });
  return [...found];
}

const KNOWN_FORMATS = new Set([...Object.keys(fullFormats), ...Object.keys(CUSTOM_FORMATS)]);

/** `format` names in the schema that neither ajv-formats nor fieldkit define (ajv would refuse to compile). */
function unknownFormats(schema: JSONSchema): string[] {
  const found = new Set<string>();
  forEachSchema(schema, (node) => {
    if (typeof node.format === 'string' && !KNOWN_FORMATS.has(node.format)) found.add(node.format);
  });
  return [...found];
}

export { fieldName };
