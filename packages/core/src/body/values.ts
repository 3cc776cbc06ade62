import { fail, issue, ok, type Issue, type Result } from '../errors.js';
import { defineKey, isRecord, own } from '../fields/schema-util.js';

/**
 * Form values for `buildRequestBody` are a nested tree mirroring the fields: objects keyed by the
 * exact field names, arrays as arrays, leaves as typed in a form (strings; booleans, numbers and
 * null are accepted too). Command lines and flat forms use dotted paths instead; this turns them
 * into the tree.
 *
 * Path syntax: segments joined with `.`; a segment of digits is an array index (`items.0.sku`);
 * `\.` is a literal dot and `\\` a backslash inside a name (`"a.b"` → `a\.b`).
 */
export function parseValuePath(path: string): string[] {
  const segs: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === '\\' && i + 1 < path.length && (path[i + 1] === '.' || path[i + 1] === '\\')) {
      cur += path[i + 1];
      i++;
    } else if (ch === '.') {
      segs.push(cur);
      cur = '';
    } else cur += ch;
  }
  segs.push(cur);
  return segs;
}

/** Escape a field name for a dotted value path. */
export function escapeValuePathSegment(name: string): string {
  return name.replace(/\\/g, '\\\\').replace(/\./g, '\\.');
}

const INDEX = /^(0|[1-9]\d{0,5})$/;

/**
 * Build the nested values tree from `[dottedPath, value]` pairs (or a record of them). Digit
 * segments make arrays. Conflicts (a value at `a` and at `a.b`, or the same path twice) are `body/path` errors.
 */
export function valuesFromPaths(entries: Iterable<readonly [string, unknown]> | Record<string, unknown>): Result<Record<string, unknown>> {
  const list: (readonly [string, unknown])[] = isRecord(entries) && !(Symbol.iterator in entries) ? Object.keys(entries).map((k) => [k, own(entries, k)] as const) : [...(entries as Iterable<readonly [string, unknown]>)];
  const root: Record<string, unknown> = {};
  const issues: Issue[] = [];
  for (const [path, value] of list) {
    const segs = parseValuePath(path);
    if (segs.some((s) => s === '')) {
      issues.push(issue('body/path', `"${path}" is not a valid field path: empty name between dots (escape a dot in a name as \\.).`, { params: { path } }));
      continue;
    }
    let cur: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i]!;
      const last = i === segs.length - 1;
      const isIdx = Array.isArray(cur);
      const key: string | number = isIdx ? Number(seg) : seg;
      if (isIdx && !INDEX.test(seg)) {
        issues.push(issue('body/path', `"${path}": "${segs.slice(0, i).join('.')}" holds a list, so "${seg}" must be an index (0, 1, …).`, { path: segs.slice(0, i) }));
        break;
      }
      const existing = isIdx ? (cur as unknown[])[key as number] : own(cur as object, seg);
      if (last) {
        if (existing !== undefined) {
          issues.push(issue('body/path', `"${path}" is given more than once or also has values below it.`, { path: segs }));
          break;
        }
        if (isIdx) (cur as unknown[])[key as number] = value;
        else defineKey(cur as object, seg, value);
        break;
      }
      let next = existing;
      if (next === undefined) {
        next = INDEX.test(segs[i + 1]!) ? [] : {};
        if (isIdx) (cur as unknown[])[key as number] = next;
        else defineKey(cur as object, seg, next);
      } else if (!(Array.isArray(next) || isRecord(next))) {
        issues.push(issue('body/path', `"${path}" goes below "${segs.slice(0, i + 1).join('.')}", which already has a value.`, { path: segs.slice(0, i + 1) }));
        break;
      }
      cur = next as Record<string, unknown> | unknown[];
    }
  }
  return issues.length > 0 ? fail(issues) : ok(root);
}
