import type { JSONSchema, JSONSchemaObject } from '../types.js';

/** True for a plain (non-array, non-null) object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own enumerable keys, safe for untrusted names like `__proto__`. */
export function ownKeys(o: object): string[] {
  return Object.keys(o);
}

/** Set a property without invoking setters (`__proto__` stays an ordinary key). */
export function defineKey(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A shallow copy of a schema object that keeps keys like `__proto__` as data. */
export function copySchema(s: JSONSchemaObject): JSONSchemaObject {
  const out: JSONSchemaObject = {};
  for (const k of ownKeys(s)) defineKey(out, k, s[k]);
  return out;
}

/** Read an own property (never the prototype chain). */
export function own(o: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

/** True when `o` has `key` as an own property. */
export function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/**
 * Resolve a local `$ref` (`#`, `#/$defs/Name`, `#/definitions/Name`, any JSON Pointer into the
 * root). Returns undefined when it cannot be resolved locally.
 */
export function resolveLocalRef(root: JSONSchema, ref: string): JSONSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg)) return undefined;
      cur = cur[Number(seg)];
    } else if (isRecord(cur)) {
      cur = own(cur, seg);
    } else return undefined;
    if (cur === undefined) return undefined;
  }
  return typeof cur === 'boolean' || isRecord(cur) ? (cur as JSONSchema) : undefined;
}

/** Structural equality of JSON values (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ka = ownKeys(a as object), kb = ownKeys(b as object);
  return ka.length === kb.length && ka.every((k) => hasOwn(b as object, k) && jsonEqual(own(a as object, k), own(b as object, k)));
}
