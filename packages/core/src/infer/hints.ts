/**
 * Hint checks: a hint whose pointer matches no path the samples had is almost always a typo;
 * say so (warning `infer/hint-unused`, with the nearest existing key as a suggestion).
 */
import { issue, type Issue } from '../errors.js';
import type { Node } from './node.js';
import { HINTS, type Hint } from './options.js';
import { compileHints } from './to-schema.js';

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Issues for hints that match nothing in `roots` (the trees an inferrer built) and for unknown
 * hint names. Walks only along each pointer, so it is cheap.
 */
export function checkHintsAgainst(roots: readonly Node[], hints: Record<string, Hint | Hint[]> | undefined): Issue[] {
  const out: Issue[] = [];
  if (!hints) return out;
  for (const c of compileHints(hints)) {
    const pointer = '/' + c.segs.map(escape).join('/');
    for (const h of c.hints) {
      if (!HINTS.includes(h)) out.push(issue('infer/hint-unknown', `Unknown hint "${String(h)}" for ${pointer} (known: ${HINTS.join(', ')})`, { params: { pointer } }));
    }
    let level: Node[] = [...roots];
    let failedAt = -1;
    let near: string | undefined;
    for (let i = 0; i < c.segs.length && level.length > 0; i++) {
      const seg = c.segs[i]!;
      const next: Node[] = [];
      for (const n of level) {
        if (seg === '*') {
          if (n.props) next.push(...n.props.values());
          if (n.items) next.push(n.items);
        } else {
          const child = n.props?.get(seg);
          if (child) next.push(child);
          if (/^\d+$/.test(seg) && n.items) next.push(n.items);
        }
      }
      if (next.length === 0) {
        failedAt = i;
        let best = 3;
        for (const n of level) {
          for (const k of n.props?.keys() ?? []) {
            const d = distance(seg, k);
            if (d < best) {
              best = d;
              near = k;
            }
          }
        }
      }
      level = next;
    }
    if (level.length === 0) {
      const suggestion = near === undefined ? undefined : '/' + [...c.segs.slice(0, failedAt).map(escape), escape(near), ...c.segs.slice(failedAt + 1).map(escape)].join('/');
      const extra: Partial<Issue> = { severity: 'warning', params: { pointer } };
      if (suggestion !== undefined) extra.suggestion = suggestion;
      out.push(issue('infer/hint-unused', `Hint ${pointer} matched no value in the samples`, extra));
    }
  }
  return out;
}
