/**
 * Near-miss detection for exact keys: a payload key that is not a field name but is probably
 * meant to be one. Names are never normalised for matching; these rules only explain a miss.
 */

const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;

/** A JSON string literal with invisible, format and unusual space characters shown as `\uXXXX`. */
export function visibleString(s: string): string {
  return JSON.stringify(s).replace(/[\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Mn}\u115f\u1160\u3164\uffa0]/gu, (ch) => {
    if (ch === ' ') return ch;
    const cp = ch.codePointAt(0)!;
    return cp > 0xffff ? `\\u{${cp.toString(16).toUpperCase()}}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  });
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

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), capped. */
export function damerau(a: string, b: string, max = Infinity): number {
  const A = [...a], B = [...b];
  if (Math.abs(A.length - B.length) > max) return max + 1;
  const rows = A.length + 1, cols = B.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const r = new Array<number>(cols).fill(0);
    r[0] = i;
    return r;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows - 1]![cols - 1]!;
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

/**
 * The field name `key` was probably meant to be, from `names` (exact matches are not near misses:
 * callers check those first). Rules, first hit wins per candidate: invisible characters, look-alike
 * or fullwidth letters, whitespace, case, naming style (snake/camel/kebab/spaces), then a typo at
 * Damerau distance 1 (names of 4–5 characters) or 1–2 (longer names). Undefined when nothing is close.
 */
export function findNearMiss(key: string, names: readonly string[]): NearMiss | undefined {
  const fk = fold(key);
  let best: NearMiss | undefined;
  for (const name of names) {
    if (name === key) continue;
    const fn = fold(name);
    const reasons = [...fk.reasons];
    let distance = 0;
    if (fk.text === fn.text) {
      // differences fully explained by the folding
    } else if (fk.text.toLowerCase() === fn.text.toLowerCase()) {
      reasons.push('different case');
    } else {
      const kw = nameWords(fk.text), nw = nameWords(fn.text);
      if (kw.length > 0 && kw.join('') === nw.join('')) {
        reasons.push(`${namingStyle(fk.text)} vs ${namingStyle(fn.text)}`);
      } else {
        const len = Math.min([...fk.text].length, [...fn.text].length);
        const max = len <= 3 ? 0 : len <= 5 ? 1 : 2;
        if (max === 0) continue;
        distance = damerau(fk.text.toLowerCase(), fn.text.toLowerCase(), max);
        if (distance > max) continue;
        const caseToo = distance > 0 && damerau(fk.text, fn.text, max + 2) > distance;
        reasons.push(`typo? ${distance} character${distance > 1 ? 's' : ''} different${caseToo ? ', different case' : ''}`);
        if (distance === 0) reasons[reasons.length - 1] = 'different case';
      }
    }
    if (reasons.length === 0) continue;
    if (!best || distance < best.distance) best = { name, reasons, distance };
  }
  return best;
}
