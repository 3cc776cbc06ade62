/**
 * Where two schemas differ, as a short list of JSON Pointers into the schema: the top-most
 * nodes whose value differs (a key only one side has, a different scalar, a different array).
 * Used to pin known inferrer bugs precisely: a pending fixture must keep differing exactly
 * there, so a fix (or a new, different bug) makes the test fail and someone looks.
 */
import { toJsonPointer, type PathSegment } from '@fieldkit/core';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function schemaDiff(actual: unknown, expected: unknown): string[] {
  const out: string[] = [];
  const walk = (a: unknown, e: unknown, path: PathSegment[]) => {
    if (isPlainObject(a) && isPlainObject(e)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
      for (const k of [...keys].sort()) {
        if (!Object.hasOwn(a, k) || !Object.hasOwn(e, k)) out.push(toJsonPointer([...path, k]));
        else walk(a[k], e[k], [...path, k]);
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(e) && a.length === e.length && a.every((x) => isPlainObject(x))) {
      a.forEach((x, i) => walk(x, e[i], [...path, i]));
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(e)) out.push(toJsonPointer(path));
  };
  walk(actual, expected, []);
  return out;
}
