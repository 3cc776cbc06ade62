// Only json-schema-to-typescript's front half is imported (linker → normalizer → parser): its
// main entry and generator load fs, path, util, prettier and $RefParser, and read process.cwd()
// at import time, which breaks browsers and adds megabytes (its issues #292 and #189). These
// modules only keep unused `path`/`util` requires that bundlers stub out; we never take the
// code paths that call them (local $refs are resolved here, the root always has an $id, and
// the dereferenced-paths map stays empty).
import { link } from 'json-schema-to-typescript/dist/src/linker.js';
import { normalize } from 'json-schema-to-typescript/dist/src/normalizer.js';
import { parse } from 'json-schema-to-typescript/dist/src/parser.js';
import { toSafeString } from 'json-schema-to-typescript/dist/src/utils.js';
import { validate as checkSchema } from 'json-schema-to-typescript/dist/src/validator.js';
import type { Options as JsttOptions } from 'json-schema-to-typescript';
import type { LinkedJSONSchema, NormalizedJSONSchema } from 'json-schema-to-typescript/dist/src/types/JSONSchema.js';
import { fail, issue, ok, type Issue, type Result } from '../errors.js';
import type { JSONSchema, JSONSchemaObject, PathSegment } from '../types.js';
import { Printer } from './print.js';
import { badTypeMessage, compileErrorText, payloadAsSchemaIssue, schemaDepthIssue } from '../validate/schema-checks.js';

/** Options for {@link toTypeScript}. */
export interface ToTypeScriptOptions {
  /**
   * Name of the root type. Default: the schema's `title` as an identifier (`emailSend` →
   * `EmailSend`), else `Root`.
   */
  name?: string;
  /**
   * What an object schema WITHOUT an `additionalProperties` keyword allows. `false` (default):
   * no index signature, so types stay free of `[k: string]: unknown` noise (fieldkit's inferred
   * schemas never set `additionalProperties: false`, since payloads grow). `true`: such objects
   * get `[k: string]: unknown`. An explicit `additionalProperties: true` always gives
   * `[k: string]: unknown`, and `additionalProperties: <schema>` gives `[k: string]: T` (maps).
   */
  additionalProperties?: boolean;
  /** Text put before the declarations (a comment). Default: none. */
  bannerComment?: string;
  /** Add `| undefined` to index signatures, for `noUncheckedIndexedAccess`-style strictness. Default: false. */
  strictIndexSignatures?: boolean;
  /** Write `unknown` (default, true) or `any` (false) where the schema allows anything. */
  unknownAny?: boolean;
  /** JSDoc from `title`/`description` (labels and hints) and `@format` tags from `format`. Default: true. */
  comments?: boolean;
  /** Indentation of nested members. Default: two spaces. */
  indent?: string;
  /**
   * Arrays with `minItems`/`maxItems` become tuples when the tuple union would have at most
   * this many members; `-1` never makes tuples. Default: 20 (json-schema-to-typescript's).
   */
  maxItems?: number;
}

/** Defaults for {@link ToTypeScriptOptions}. */
export const DEFAULT_TO_TYPESCRIPT_OPTIONS: Required<Omit<ToTypeScriptOptions, 'name'>> & { name: string | undefined } = {
  name: undefined,
  additionalProperties: false,
  bannerComment: '',
  strictIndexSignatures: false,
  unknownAny: true,
  comments: true,
  indent: '  ',
  maxItems: 20,
};

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function copyJson<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function setOwn(o: Obj, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

function has(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Keywords that hold a map of subschemas, and those that hold one subschema or a list. */
const SCHEMA_MAPS = ['properties', 'patternProperties'] as const;
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf'] as const;
/** Keywords that only annotate a `$ref` (they don't turn it into an intersection). */
const REF_ANNOTATIONS = new Set(['$ref', 'title', 'description', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', '$schema', '$id']);

interface Prepared {
  root: Obj;
  names: WeakMap<object, string>;
  issues: Issue[];
}

/**
 * Copy the schema into the subset json-schema-to-typescript should see: local `$ref`s resolved
 * to shared objects (so each definition prints once, by name), titles/descriptions/formats
 * folded into one JSDoc text, `prefixItems` turned into tuple `items`, and every keyword that
 * doesn't shape the type dropped (data keywords like `examples` or `x-fieldkit-stats` would
 * otherwise be walked as if they were schemas, and `tsType` would let a schema inject code).
 */
function prepare(schema: JSONSchemaObject, rootName: string, o: typeof DEFAULT_TO_TYPESCRIPT_OPTIONS): Prepared {
  const names = new WeakMap<object, string>();
  const issues: Issue[] = [];
  const memo = new Map<unknown, Obj | boolean>();
  /** Cleaned schemas with no shaping keyword (typed `unknown`). */
  const anything = new WeakSet<Obj>();
  const defs = new Map<unknown, string>();
  for (const key of ['$defs', 'definitions'] as const) {
    const d = schema[key];
    if (isObj(d)) for (const [name, s] of Object.entries(d)) if (!defs.has(s)) defs.set(s, name);
  }

  const resolve = (ref: string, path: PathSegment[]): { target: unknown; name: string } | undefined => {
    if (ref === '#' || ref === '') return { target: schema, name: rootName };
    if (!ref.startsWith('#/')) {
      issues.push({
        ...issue('validate/typescript-ref', `$ref ${JSON.stringify(ref)} points outside this schema; typed as unknown (inline it to get a type)`, { path }),
        severity: 'warning',
      });
      return undefined;
    }
    let cur: unknown = schema;
    const segs = ref.slice(2).split('/').map((s) => {
      const raw = s.replace(/~1/g, '/').replace(/~0/g, '~');
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    });
    for (const seg of segs) {
      if (!(isObj(cur) || Array.isArray(cur)) || !has(cur, seg)) {
        issues.push(issue('validate/typescript-ref', `$ref ${JSON.stringify(ref)} points to nothing in this schema`, { path }));
        return undefined;
      }
      cur = (cur as Obj)[seg];
    }
    return { target: cur, name: defs.get(cur) ?? segs[segs.length - 1]! };
  };

  const comment = (s: Obj): string | undefined => {
    if (!o.comments) return undefined;
    const parts: string[] = [];
    if (typeof s.title === 'string' && s.title.trim()) parts.push(s.title.trim());
    if (typeof s.description === 'string' && s.description.trim() && s.description.trim() !== parts[0]) parts.push(s.description.trim());
    const text = parts.join('\n\n');
    const tags: string[] = [];
    if (typeof s.format === 'string') tags.push(`@format ${s.format}`);
    return [text, ...tags].filter(Boolean).join('\n') || undefined;
  };

  const clean = (node: unknown, path: PathSegment[], seen: Set<unknown>): Obj | boolean => {
    if (typeof node === 'boolean') return node;
    if (!isObj(node)) return {};
    const cached = memo.get(node);
    if (cached !== undefined) return cached;

    if (typeof node.$ref === 'string') {
      const hit = resolve(node.$ref, path);
      const onlyAnnotations = Object.keys(node).every((k) => REF_ANNOTATIONS.has(k) || k.startsWith('x-'));
      if (!hit) {
        const unknownType: Obj = {};
        const c = comment(node);
        if (c) unknownType.description = c;
        memo.set(node, unknownType);
        return unknownType;
      }
      if (seen.has(node)) return {};
      seen.add(node);
      const target = clean(hit.target, path, seen);
      seen.delete(node);
      if (isObj(target) && !names.has(target) && hit.target !== schema) names.set(target, hit.name);
      const c = comment(node);
      if (onlyAnnotations && !c) {
        memo.set(node, target);
        return target;
      }
      // `$ref` with siblings: an intersection of the target and the rest (2020-12 semantics).
      const { $ref: _ref, ...rest } = node;
      const cleaned = onlyAnnotations ? {} : clean(rest, path, seen);
      const wrapper: Obj = isObj(cleaned) && !anything.has(cleaned) ? cleaned : {};
      const out: Obj = { ...(isObj(wrapper) ? wrapper : {}), allOf: [target] };
      if (c) out.description = c;
      else delete out.description;
      memo.set(node, out);
      return out;
    }

    const out: Obj = {};
    memo.set(node, out);
    const c = comment(node);
    if (c) out.description = c;
    if (node.deprecated === true) out.deprecated = true;
    if (node.type !== undefined) out.type = Array.isArray(node.type) ? [...new Set(node.type)] : node.type;
    // Object or array values under const/enum: the library walks them as if they were schemas
    // (and rewrites them), so print their literal types here and hand it an opaque `tsType`.
    const literals = has(node, 'const') ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
    if (literals && literals.some((v) => v !== null && typeof v === 'object')) {
      delete out.type;
      out.tsType = [...new Set(literals.map((v) => JSON.stringify(v) ?? 'undefined'))].join(' | ') || 'never';
      return out;
    }
    if (Array.isArray(node.enum)) out.enum = copyJson(node.enum);
    if (has(node, 'const')) out.const = copyJson(node.const);
    if (Array.isArray(node.required)) out.required = node.required.filter((r) => typeof r === 'string');
    for (const key of SCHEMA_MAPS) {
      const m = node[key];
      if (!isObj(m)) continue;
      const cm: Obj = {};
      for (const [k, v] of Object.entries(m)) setOwn(cm, k, clean(v, [...path, key, k], seen));
      out[key] = cm;
    }
    if (has(node, 'additionalProperties')) out.additionalProperties = clean(node.additionalProperties, [...path, 'additionalProperties'], seen);
    for (const key of SCHEMA_LISTS) {
      const l = node[key];
      if (Array.isArray(l)) out[key] = l.map((s, i) => clean(s, [...path, key, i], seen));
    }
    if (Array.isArray(node.prefixItems)) {
      out.items = node.prefixItems.map((s, i) => clean(s, [...path, 'prefixItems', i], seen));
      out.additionalItems = has(node, 'items') ? clean(node.items, [...path, 'items'], seen) : true;
    } else if (Array.isArray(node.items)) {
      out.items = node.items.map((s, i) => clean(s, [...path, 'items', i], seen));
      if (has(node, 'additionalItems')) out.additionalItems = clean(node.additionalItems, [...path, 'additionalItems'], seen);
    } else if (has(node, 'items')) out.items = clean(node.items, [...path, 'items'], seen);
    for (const key of ['minItems', 'maxItems'] as const) if (typeof node[key] === 'number' && Number.isInteger(node[key]) && (node[key] as number) >= 0) out[key] = node[key];
    if (typeof out.minItems === 'number' && typeof out.maxItems === 'number' && out.maxItems < out.minItems) delete out.maxItems;
    // json-schema-to-typescript spells `minItems: N` as an N-element tuple whatever its `maxItems`
    // option says (100,000 members for `minItems: 100000`), and `maxItems: N` as N tuples when
    // close to minItems. Above the tuple cap, keep the bounds as JSDoc only and print `T[]`.
    const bound = (k: 'minItems' | 'maxItems') => (typeof out[k] === 'number' ? (out[k] as number) : 0);
    if (o.maxItems >= 0 && (bound('minItems') > o.maxItems || bound('maxItems') > o.maxItems)) {
      const tags = (['minItems', 'maxItems'] as const).filter((k) => typeof out[k] === 'number').map((k) => `@${k} ${out[k] as number}`);
      delete out.minItems;
      delete out.maxItems;
      if (o.comments) out.description = [out.description, ...tags].filter(Boolean).join('\n');
    }
    // A schema with no shaping keyword (`{}`, `{ description }`, `{ $schema }`) allows any value:
    // json-schema-to-typescript would print `{ [k: string]: unknown }`, which rejects null and primitives.
    if (Object.keys(out).every((k) => k === 'description' || k === 'deprecated')) {
      out.tsType = o.unknownAny ? 'unknown' : 'any';
      anything.add(out);
      return out;
    }
    // An object with nothing declared is all extra keys: say so, rather than print `{}`.
    const objecty = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object'));
    if (objecty && !out.properties && !out.patternProperties && !has(out, 'additionalProperties') && !SCHEMA_LISTS.some((k) => out[k])) out.additionalProperties = true;
    return out;
  };

  const root = clean(schema, [], new Set());
  const rootObj: Obj = isObj(root) ? root : {};
  if (rootObj !== root) issues.push(issue('validate/typescript', 'the root schema could not be read'));
  names.set(rootObj, rootName);
  return { root: rootObj, names, issues };
}

/**
 * The library's debug logger reads `process.env.VERBOSE` on every parse step. Browsers have no
 * `process` (Vite's production build stubs it, its dev server does not), so provide an empty one
 * for the duration of this synchronous call only, and remove it before anything else can run.
 */
function withProcessShim<T>(fn: () => T): T {
  const g = globalThis as { process?: unknown };
  if (typeof g.process !== 'undefined') return fn();
  g.process = { env: {} };
  try {
    return fn();
  } finally {
    delete g.process;
  }
}

/** The first bad `type` value in the schema (`"strin"`, `["string", 1]`) as a `validate/typescript` issue. */
function badTypeIssue(schema: JSONSchema): Issue | undefined {
  let found: Issue | undefined;
  const seen = new Set<unknown>();
  const stack: { node: unknown; path: PathSegment[] }[] = [{ node: schema, path: [] }];
  while (stack.length && !found) {
    const { node, path } = stack.pop()!;
    if (!isObj(node) || seen.has(node)) continue;
    seen.add(node);
    if (has(node, 'type')) {
      const bad = badTypeMessage(node.type);
      if (bad) found = issue('validate/typescript', bad.message, { path: [...path, 'type'], ...(bad.suggestion ? { suggestion: bad.suggestion } : {}) });
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default' || k.startsWith('x-')) continue;
      if (k === 'properties' || k === 'patternProperties' || k === '$defs' || k === 'definitions' || k === 'dependentSchemas') {
        if (isObj(v)) for (const [name, sub] of Object.entries(v)) stack.push({ node: sub, path: [...path, k, name] });
      } else if (Array.isArray(v)) v.forEach((sub: unknown, i) => stack.push({ node: sub, path: [...path, k, i] }));
      else if (isObj(v)) stack.push({ node: v, path: [...path, k] });
    }
  }
  return found;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Turn a JSON Schema into TypeScript declarations: one `export interface` per named object
 * shape (each `$defs` entry of a discriminated event schema becomes `EmailSend`, `EmailOpen`…,
 * and the root becomes their union), optional properties as `?`, nullable ones as `| null`,
 * JSDoc from titles/descriptions with `@format` tags, maps as `{ [k: string]: T }`, odd keys
 * quoted. Works in browsers (no fs, no prettier). A schema it can't convert resolves to a failed
 * Result with `validate/typescript…` issues; the promise never rejects.
 */
export async function toTypeScript(schema: JSONSchema, opts: ToTypeScriptOptions = {}): Promise<Result<string>> {
  const o = { ...DEFAULT_TO_TYPESCRIPT_OPTIONS, ...opts };
  try {
    if (typeof schema !== 'boolean' && !isObj(schema)) {
      return fail([issue('validate/typescript', `the schema must be a JSON object or a boolean, got ${Array.isArray(schema) ? 'array' : schema === null ? 'null' : typeof schema}`)]);
    }
    const shape = payloadAsSchemaIssue(schema, 'validate/typescript') ?? schemaDepthIssue(schema, 'validate/typescript') ?? badTypeIssue(schema);
    if (shape) return fail([shape]);
    const titled = isObj(schema) && typeof schema.title === 'string' ? toSafeString(schema.title) : '';
    const rootName = (o.name !== undefined ? toSafeString(o.name) : titled) || 'Root';
    if (o.name !== undefined && toSafeString(o.name) !== o.name) {
      return fail([issue('validate/typescript', `${JSON.stringify(o.name)} is not a valid type name; try ${JSON.stringify(toSafeString(o.name) || 'Root')}`)]);
    }
    if (typeof schema === 'boolean') {
      const body = schema ? (o.unknownAny ? 'unknown' : 'any') : 'never';
      return ok(`${o.bannerComment ? o.bannerComment + '\n\n' : ''}export type ${rootName} = ${body};\n`);
    }
    const prepared = prepare(schema, rootName, o);
    if (prepared.issues.some((i) => i.severity === 'error')) return fail(prepared.issues);
    const root = prepared.root;
    root.$id = rootName;

    const jstt = {
      additionalProperties: o.additionalProperties,
      bannerComment: '',
      customName: (s: object) => prepared.names.get(s),
      declareExternallyReferenced: true,
      enableConstEnums: false,
      format: false,
      ignoreMinAndMaxItems: o.maxItems === -1,
      inferStringEnumKeysFromValues: false,
      maxItems: o.maxItems,
      strictIndexSignatures: o.strictIndexSignatures,
      unknownAny: o.unknownAny,
      unreachableDefinitions: false,
    } as Partial<JsttOptions> as JsttOptions;

    const linked = link(root as LinkedJSONSchema);
    const problems = checkSchema(linked, rootName);
    if (problems.length) return fail(problems.map((p) => issue('validate/typescript', p.replace(/ in file "[^"]*"/, ''))));
    const ast = withProcessShim(() => parse(normalize(linked, new WeakMap(), rootName, jstt) as NormalizedJSONSchema, jstt));
    const printer = new Printer({ indent: o.indent, strictIndexSignatures: o.strictIndexSignatures, unknownAny: o.unknownAny, bannerComment: o.bannerComment, comments: o.comments });
    const text = printer.print(ast, rootName);
    const warnings = printer.cycles.map((c) => ({
      ...issue('validate/typescript', `a self-referencing shape at "${c}" has no name; typed as unknown there`),
      severity: 'warning' as const,
    }));
    return ok(text, [...prepared.issues, ...warnings]);
  } catch (e) {
    return fail([issue('validate/typescript', `the schema cannot be turned into TypeScript: ${compileErrorText(e)}`, { params: { reason: errorText(e) } })]);
  }
}
