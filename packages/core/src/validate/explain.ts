import type { ErrorObject, ValidateFunction } from 'ajv';
import { issue, type Issue } from '../errors.js';
import type { JSONSchema, JSONSchemaObject, PathSegment } from '../types.js';
import { MESSAGES } from './messages.js';
import type { AjvInstance } from './create-validator.js';

/** Internal keyword create-validator.ts uses for `required: ["__proto__"]` (ajv can't test that key). */
export const OWN_REQUIRED = 'x-fieldkit-required-own';

/** A `$ref` to the schema at `pointer` inside the document registered under `base`. */
export function refTo(base: string, pointer: string): string {
  return `${base}#${pointer.split('/').map((s) => encodeURIComponent(s).replace(/%7E/gi, '~')).join('/')}`;
}

/** What `explain` needs to re-run parts of the schema: sub-validators per schema location. */
export class Context {
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
        v = this.ajv.compile({ $ref: refTo(this.base, pointer) });
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

export function resolvePointer(root: unknown, pointer: string): unknown {
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
export function toPath(instancePath: string, data: unknown): PathSegment[] {
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
export function explain(errors: readonly ErrorObject[], data: unknown, ctx: Context): Issue[] {
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
