/**
 * Near-miss detection for exact keys: a payload key that is not a field name but is probably
 * meant to be one. Names are never normalised for matching; these rules only explain a miss.
 */

import { visibleJsonString } from '../errors.js';

const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;

/** A JSON string literal with invisible, format and unusual space characters shown as `\uXXXX`. */
export function visibleString(s: string): string {
  return visibleJsonString(s);
}

/** Look-alike letters (Cyrillic, Greek, Latin variants) mapped to the ASCII letter they imitate. */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', һ: 'h', ү: 'y',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S', Ү: 'Y', Ԁ: 'D', Ԛ: 'Q', Ԝ: 'W',
  // Greek
  α: 'a', ο: 'o', ν: 'v', ρ: 'p', ι: 'i', κ: 'k', τ: 't', υ: 'u', χ: 'x', ϲ: 'c', ϳ: 'j',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  // Latin look-alikes
  ı: 'i', ȷ: 'j', ℓ: 'l',
};

const SCRIPT_OF = (ch: string): string =>
  /\p{Script=Cyrillic}/u.test(ch) ? 'Cyrillic' : /\p{Script=Greek}/u.test(ch) ? 'Greek' : 'look-alike';

const hex = (ch: string) => 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/** Split a name into lower-case words: camelCase, PascalCase, snake_case, kebab-case, spaces, dots, digits. */
export function nameWords(s: string): string[] {
  return s
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** The naming style of a key, for messages: `camelCase`, `snake_case`, `kebab-case`… */
export function namingStyle(s: string): string {
  if (/\s/.test(s.trim())) return 'spaces';
  if (s.includes('_')) return /[a-z]/.test(s) ? (/[A-Z]/.test(s) ? 'Mixed_Snake_Case' : 'snake_case') : 'SCREAMING_SNAKE_CASE';
  if (s.includes('-')) return 'kebab-case';
  if (s.includes('.')) return 'dot.case';
  if (/^[A-Z]/.test(s) && /[a-z]/.test(s)) return 'PascalCase';
  if (/^[a-z]/.test(s) && /[A-Z]/.test(s)) return 'camelCase';
  if (/^[A-Z\d]+$/.test(s)) return 'UPPERCASE';
  return 'lowercase';
}

const ASTRAL = /[\uD800-\uDFFF]/;

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), capped at `max + 1`. */
export function damerau(a: string, b: string, max = Infinity): number {
  // Work on code units when both are BMP-only (the usual case), else on code points.
  const astral = ASTRAL.test(a) || ASTRAL.test(b);
  const A: ArrayLike<number> = astral ? Array.from(a, (c) => c.codePointAt(0)!) : codeUnits(a);
  const B: ArrayLike<number> = astral ? Array.from(b, (c) => c.codePointAt(0)!) : codeUnits(b);
  const n = A.length, m = B.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Uint32Array(m + 1);
  let prev = new Uint32Array(m + 1);
  let cur = new Uint32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = A[i - 1]!;
    for (let j = 1; j <= m; j++) {
      const bj = B[j - 1]!;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === B[j - 2] && A[i - 2] === bj) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

function codeUnits(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** How a key differs from the field name it was probably meant to be. */
export interface NearMiss {
  /** The defined field name. */
  name: string;
  /** Short explanations, e.g. `snake_case vs camelCase`, `invisible character U+200B`. */
  reasons: string[];
  /** Edit distance after the explained differences (0 unless a typo). */
  distance: number;
}

interface Folded {
  text: string;
  reasons: string[];
}

/** Undo invisible characters, look-alikes/fullwidth and whitespace differences, noting each. */
function fold(s: string): Folded {
  const reasons: string[] = [];
  let t = s;
  const inv = t.match(INVISIBLE);
  if (inv) {
    const cps = [...new Set(inv.map(hex))];
    reasons.push(`invisible character${cps.length > 1 ? 's' : ''} ${cps.join(', ')}`);
    t = t.replace(INVISIBLE, '');
  }
  const odd = t.match(/[\p{Zs}\t\n\r]/gu)?.filter((c) => c !== ' ');
  if (odd && odd.length) {
    const cps = [...new Set(odd.map(hex))];
    reasons.push(`unusual space${cps.length > 1 ? 's' : ''} ${cps.join(', ')}`);
    t = t.replace(/[\p{Zs}\t\n\r]/gu, ' ');
  }
  const nfkc = t.normalize('NFKC');
  if (nfkc !== t) {
    reasons.push(/[\uff01-\uff5e]/.test(t) ? 'fullwidth characters' : 'look-alike characters');
    t = nfkc;
  }
  let look = '';
  const notes: string[] = [];
  for (const ch of t) {
    const m = CONFUSABLES[ch];
    if (m !== undefined) {
      notes.push(`${SCRIPT_OF(ch)} "${ch}" (${hex(ch)}) instead of Latin "${m}"`);
      look += m;
    } else look += ch;
  }
  if (notes.length) {
    reasons.push([...new Set(notes)].join(', '));
    t = look;
  }
  const stripped = t.replace(/^\s+|\s+$/gu, '');
  if (stripped !== t) reasons.push('leading/trailing whitespace');
  const inner = stripped.replace(/\s+/gu, ' ');
  if (inner !== stripped) reasons.push('extra or unusual whitespace inside');
  t = inner;
  return { text: t, reasons };
}

interface Prepared {
  name: string;
  order: number;
  folded: Folded;
  lower: string;
  words: string;
  length: number;
}

function prepare(name: string, order: number): Prepared {
  const folded = fold(name);
  return { name, order, folded, lower: folded.text.toLowerCase(), words: nameWords(folded.text).join(''), length: [...folded.text].length };
}

function push<K>(m: Map<K, Prepared[]>, k: K, p: Prepared): void {
  const a = m.get(k);
  if (a) a.push(p);
  else m.set(k, [p]);
}

/** Strings made by deleting up to `max` characters (SymSpell's candidate keys). */
function deletions(s: string, max: number): Set<string> {
  const out = new Set<string>([s]);
  const astral = ASTRAL.test(s);
  let frontier = [s];
  for (let d = 0; d < max; d++) {
    const next: string[] = [];
    for (const t of frontier) {
      if (astral) {
        const cs = Array.from(t);
        for (let i = 0; i < cs.length; i++) {
          const v = cs.slice(0, i).join('') + cs.slice(i + 1).join('');
          if (!out.has(v)) (out.add(v), next.push(v));
        }
      } else {
        for (let i = 0; i < t.length; i++) {
          const v = t.slice(0, i) + t.slice(i + 1);
          if (!out.has(v)) (out.add(v), next.push(v));
        }
      }
    }
    frontier = next;
  }
  return out;
}

const maxTypo = (len: number) => (len <= 3 ? 0 : len <= 5 ? 1 : 2);
/** Names longer than this are not put in the typo index (they are checked one by one). */
const MAX_INDEXED_LENGTH = 48;
/** Below this many names a linear scan is as fast as building the index. */
const INDEX_THRESHOLD = 48;

/**
 * Near-miss lookup over one set of sibling field names, built once and queried per payload key.
 * Exact-after-folding, case and naming-style matches are hash lookups; typos use a SymSpell
 * deletion index (for many names), so checking thousands of keys against thousands of fields
 * stays fast.
 */
export class NearMissIndex {
  private readonly prepared: Prepared[];
  private readonly byFolded = new Map<string, Prepared[]>();
  private readonly byLower = new Map<string, Prepared[]>();
  private readonly byWords = new Map<string, Prepared[]>();
  private deleteIndex: Map<string, Prepared[]> | undefined;
  private readonly long: Prepared[] = [];

  constructor(names: Iterable<string>) {
    this.prepared = [...names].map((n, i) => prepare(n, i));
    for (const p of this.prepared) {
      push(this.byFolded, p.folded.text, p);
      push(this.byLower, p.lower, p);
      if (p.words !== '') push(this.byWords, p.words, p);
    }
  }

  private typoCandidates(lower: string): Iterable<Prepared> {
    if (this.prepared.length < INDEX_THRESHOLD) return this.prepared;
    if (!this.deleteIndex) {
      this.deleteIndex = new Map();
      for (const p of this.prepared) {
        if (p.length > MAX_INDEXED_LENGTH) {
          this.long.push(p);
          continue;
        }
        for (const d of deletions(p.lower, maxTypo(p.length))) push(this.deleteIndex, d, p);
      }
    }
    const found = new Set<Prepared>(this.long);
    const len = [...lower].length;
    if (len <= MAX_INDEXED_LENGTH + 2) for (const d of deletions(lower, Math.min(2, maxTypo(len)))) for (const p of this.deleteIndex.get(d) ?? []) found.add(p);
    else for (const p of this.prepared) found.add(p);
    return found;
  }

  /**
   * The field name `key` was probably meant to be. `prefer` picks among several (e.g. fields the
   * payload lacks); when none of the preferred match, any name may.
   */
  find(key: string, prefer?: (name: string) => boolean): NearMiss | undefined {
    const fk = fold(key);
    const lower = fk.text.toLowerCase();
    const words = nameWords(fk.text).join('');
    // Preferred names first; the second pass only looks at the others (each name is scored once).
    const passes: ((p: Prepared) => boolean)[] = prefer ? [(p) => prefer(p.name), (p) => !prefer(p.name)] : [() => true];
    let candidates: Prepared[] | undefined;
    for (const ok of passes) {
      const pick = (list: Prepared[] | undefined) => list?.filter((p) => p.name !== key && ok(p)).sort((a, b) => a.order - b.order)[0];
      const same = pick(this.byFolded.get(fk.text));
      if (same) {
        const reasons = fk.reasons.length ? [...fk.reasons] : same.folded.reasons.map((r) => `the field name has ${r}`);
        return { name: same.name, reasons, distance: 0 };
      }
      const cased = pick(this.byLower.get(lower));
      if (cased) return { name: cased.name, reasons: [...fk.reasons, 'different case'], distance: 0 };
      const styled = words !== '' ? pick(this.byWords.get(words)) : undefined;
      if (styled) return { name: styled.name, reasons: [...fk.reasons, `${namingStyle(fk.text)} vs ${namingStyle(styled.folded.text)}`], distance: 0 };
      let best: { p: Prepared; d: number } | undefined;
      const klen = [...fk.text].length;
      candidates ??= [...this.typoCandidates(lower)];
      for (const p of candidates) {
        if (p.name === key || !ok(p)) continue;
        const max = maxTypo(Math.min(klen, p.length));
        if (max === 0 || Math.abs(klen - p.length) > max) continue;
        const d = damerau(lower, p.lower, max);
        if (d > max || d === 0) continue;
        if (!best || d < best.d || (d === best.d && p.order < best.p.order)) best = { p, d };
      }
      if (best) {
        const caseToo = damerau(fk.text, best.p.folded.text, best.d + 2) > best.d;
        return { name: best.p.name, reasons: [...fk.reasons, `typo? ${best.d} character${best.d > 1 ? 's' : ''} different${caseToo ? ', different case' : ''}`], distance: best.d };
      }
    }
    return undefined;
  }
}

/**
 * The field name `key` was probably meant to be, from `names` (exact matches are not near misses:
 * callers check those first). Rules, in order: invisible characters, unusual spaces, look-alike
 * or fullwidth letters, whitespace (all explained together), case, naming style
 * (snake/camel/kebab/spaces), then a typo at Damerau distance 1 (names of 4–5 characters) or
 * 1–2 (longer names). Undefined when nothing is close. For many keys against the same names, build
 * a {@link NearMissIndex} once.
 */
export function findNearMiss(key: string, names: readonly string[]): NearMiss | undefined {
  return new NearMissIndex(names).find(key);
}
