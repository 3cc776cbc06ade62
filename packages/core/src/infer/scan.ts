/**
 * The text fast path: a hand-written JSON scanner that updates the inference tree directly,
 * without building the values (no objects, no arrays, strings sliced only when a format or
 * enum check still needs them). It follows JSON.parse's grammar exactly; on ANY doubt — a
 * syntax error, a duplicate key (JSON.parse keeps the last), trailing text — it returns false
 * and the caller throws its partial state away and takes the exact path (JSON.parse per value),
 * which also produces the located parse issues. Iterative (explicit stack): any depth.
 */
import { addExample, addNumber, addString, KEY_CACHE_MAX, type AddContext, Node } from './node.js';

/** Where scanned samples go. */
export interface ScanTarget {
  /** The root node for the sample that starts at `start` (counts the sample). */
  rootFor(text: string, start: number): Node;
  /** Examples per path (0 = none). */
  maxExamples: number;
}

const OBJ = 1;
const ARR = 2;
let serial = 0;

/** charCodeAt with an explicit bound (-1 past the end): out-of-bounds reads deoptimise V8's code. */
const codeAt = (text: string, i: number): number => (i < text.length ? text.charCodeAt(i) : -1);
const isWs = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/**
 * Scan every value of `text` into `target`. `ndjson`: exactly one value per non-blank line;
 * otherwise values are whitespace-separated (concatenated JSON). Returns false when the text
 * must go through the exact path instead.
 */
export function scanSamples(text: string, ndjson: boolean, target: ScanTarget): boolean {
  const n = text.length;
  let i = codeAt(text, 0) === 0xfeff ? 1 : 0;
  const ctx: AddContext = { maxExamples: target.maxExamples, queue: [], base: 0, protoClean: true };
  const wantEx = target.maxExamples > 0;
  // Explicit stack of open containers.
  const fNode: Node[] = [];
  const fKind: number[] = [];
  const fSeen: number[] = [];
  const fSerial: number[] = [];
  let sp = 0;
  nextBackslash = -1;
  nextCtl = -1;

  for (;;) {
    // Between samples: any whitespace (blank lines included), and byte-order marks of concatenated files.
    while (i < n && (isWs(codeAt(text, i)) || codeAt(text, i) === 0xfeff)) i++;
    if (i >= n) return true;
    let cur = target.rootFor(text, i);
    // ---- one sample ----
    for (;;) {
      // VALUE at i (whitespace already skipped) for node `cur`.
      if (i >= n) return false;
      let c = codeAt(text, i);
      cur.n++;
      let opened = false;
      if (c === 34) {
        // string
        const start = i + 1;
        const j = stringEnd(text, start);
        if (j < 0) return false;
        const esc = lastEscaped;
        i = j + 1;
        if (cur.sf !== 0 || !cur.svOver || wantEx) {
          const s = esc ? (JSON.parse(text.slice(start - 1, i)) as string) : text.slice(start, j);
          addString(cur, s, ctx);
        } else cur.str++;
      } else if (c === 123) {
        cur.obj++;
        i++;
        while (i < n && isWs((c = codeAt(text, i)))) {
          if (ndjson && c === 10) return false;
          i++;
        }
        if (codeAt(text, i) === 125) {
          cur.eo++;
          i++;
        } else {
          fNode[sp] = cur;
          fKind[sp] = OBJ;
          fSeen[sp] = 0;
          fSerial[sp] = ++serial;
          sp++;
          opened = true;
        }
      } else if (c === 91) {
        cur.arr++;
        i++;
        while (i < n && isWs((c = codeAt(text, i)))) {
          if (ndjson && c === 10) return false;
          i++;
        }
        if (codeAt(text, i) === 93) {
          cur.ea++;
          i++;
        } else {
          fNode[sp] = cur;
          fKind[sp] = ARR;
          sp++;
          let items = cur.items;
          if (items === null) items = cur.items = new Node();
          cur = items;
          continue; // the first element
        }
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        i = scanNumber(text, i, cur, ctx, wantEx);
        if (i < 0) return false;
        if (sp === 0 && !ndjson && !endsScalar(text, i)) return false;
      } else if (c === 116) {
        if (codeAt(text, i + 1) !== 114 || codeAt(text, i + 2) !== 117 || codeAt(text, i + 3) !== 101) return false;
        i += 4;
        cur.bool++;
        if (wantEx) addExampleBool(cur, true, ctx);
        if (sp === 0 && !ndjson && !endsScalar(text, i)) return false;
      } else if (c === 102) {
        if (codeAt(text, i + 1) !== 97 || codeAt(text, i + 2) !== 108 || codeAt(text, i + 3) !== 115 || codeAt(text, i + 4) !== 101) return false;
        i += 5;
        cur.bool++;
        if (wantEx) addExampleBool(cur, false, ctx);
        if (sp === 0 && !ndjson && !endsScalar(text, i)) return false;
      } else if (c === 110) {
        if (codeAt(text, i + 1) !== 117 || codeAt(text, i + 2) !== 108 || codeAt(text, i + 3) !== 108) return false;
        i += 4;
        cur.nul++;
        if (sp === 0 && !ndjson && !endsScalar(text, i)) return false;
      } else return false;

      // After a value (or right after an object opened: expect its first key).
      let needKey = opened;
      if (!opened) {
        for (;;) {
          while (i < n && isWs((c = codeAt(text, i)))) {
            if (ndjson && c === 10 && sp > 0) return false;
            if (ndjson && c === 10) break;
            i++;
          }
          if (sp === 0) break;
          if (i >= n) return false;
          c = codeAt(text, i);
          const top = sp - 1;
          if (c === 44) {
            i++;
            while (i < n && isWs((c = codeAt(text, i)))) {
              if (ndjson && c === 10) return false;
              i++;
            }
            if (fKind[top] === OBJ) needKey = true;
            else cur = fNode[top]!.items!;
            break;
          }
          if (fKind[top] === OBJ ? c === 125 : c === 93) {
            sp--;
            i++;
            continue;
          }
          return false;
        }
        if (sp === 0 && !needKey) {
          // End of one sample.
          if (ndjson) {
            while (i < n && (c = codeAt(text, i)) !== 10) {
              if (c !== 32 && c !== 9 && c !== 13) return false;
              i++;
            }
          }
          break;
        }
        if (!needKey) continue; // next array element
      }
      // KEY at i inside the object on top of the stack.
      const top = sp - 1;
      const obj = fNode[top]!;
      if (codeAt(text, i) !== 34) return false;
      const seen = fSeen[top]!;
      let child: Node | undefined;
      let sk = obj.sk;
      let sn = obj.sn;
      if (sk === null) {
        sk = obj.sk = [];
        sn = obj.sn = [];
      }
      const cached = seen < sk.length ? sk[seen]! : undefined;
      if (cached !== undefined && codeAt(text, i + 1 + cached.length) === 34 && sameAt(text, i + 1, cached)) {
        child = sn![seen]!;
        i += cached.length + 2;
      } else {
        const start = i + 1;
        const j = stringEnd(text, start);
        if (j < 0) return false;
        const esc = lastEscaped;
        i = j + 1;
        const key = esc ? (JSON.parse(text.slice(start - 1, i)) as string) : text.slice(start, j);
        child = obj.child(key);
        if (!esc) {
          if (seen < KEY_CACHE_MAX) {
            sk[seen] = key;
            sn![seen] = child;
          }
        } else if (seen < sk.length) {
          sk.length = seen; // an escaped key can't be matched raw: forget the cache from here
          sn!.length = seen;
        }
      }
      const ser = fSerial[top]!;
      if (child.stamp === ser) return false; // duplicate key: JSON.parse keeps the last one
      child.stamp = ser;
      fSeen[top] = seen + 1;
      while (i < n && isWs((c = codeAt(text, i)))) {
        if (ndjson && c === 10) return false;
        i++;
      }
      if (codeAt(text, i) !== 58) return false;
      i++;
      while (i < n && isWs((c = codeAt(text, i)))) {
        if (ndjson && c === 10) return false;
        i++;
      }
      cur = child;
    }
  }
}

// Next backslash / control character at or after the last search start (length + 1 = none);
// module state of the (non-reentrant) scanner, reset by each scanSamples call.
let nextBackslash = -1;
let nextCtl = -1;
/** Whether the last string stringEnd scanned had escapes. */
let lastEscaped = false;

/**
 * Index of the closing quote of the string whose contents start at `start`, or -1 when the
 * string is not valid JSON. A native search finds the quote; the char loop runs only when a
 * backslash comes first. Small on purpose: V8 optimises it early and inlines it.
 */
function stringEnd(text: string, start: number): number {
  const n = text.length;
  const q = text.indexOf('"', start);
  if (q < 0) return -1;
  if (nextBackslash < start) {
    nextBackslash = text.indexOf('\\', start);
    if (nextBackslash < 0) nextBackslash = n + 1;
  }
  if (nextBackslash > q) {
    if (nextCtl < start) nextCtl = nextControl(text, start);
    lastEscaped = false;
    return nextCtl < q ? -1 : q;
  }
  let j = start;
  for (;;) {
    if (j >= n) return -1;
    const d = text.charCodeAt(j);
    if (d === 34) break;
    if (d === 92) {
      const e = codeAt(text, j + 1);
      if (e === 117) {
        if (!isHex(codeAt(text, j + 2)) || !isHex(codeAt(text, j + 3)) || !isHex(codeAt(text, j + 4)) || !isHex(codeAt(text, j + 5))) return -1;
        j += 6;
      } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) j += 2;
      else return -1;
    } else if (d < 32) return -1;
    else j++;
  }
  lastEscaped = true;
  return j;
}

/** Scan a number at i into `cur`; the index after it, or -1 when it is not valid JSON. */
function scanNumber(text: string, i: number, cur: Node, ctx: AddContext, wantEx: boolean): number {
  const n = text.length;
  const start = i;
  let c = codeAt(text, i);
  if (c === 45) c = codeAt(text, ++i);
  let simple = true;
  let v = 0;
  let digits = 0;
  if (c === 48) {
    i++;
    digits = 1;
  } else if (c >= 49 && c <= 57) {
    while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      i++;
      digits++;
    }
  } else return -1;
  c = codeAt(text, i);
  if (c === 46) {
    simple = false;
    i++;
    const f = i;
    while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === f) return -1;
    c = codeAt(text, i);
  }
  if (c === 101 || c === 69) {
    simple = false;
    i++;
    c = codeAt(text, i);
    if (c === 43 || c === 45) i++;
    const f = i;
    while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === f) return -1;
  }
  if (simple && digits <= 15 && cur.nf === 0 && !wantEx) cur.int++;
  else addNumber(cur, simple && digits <= 15 ? (text.charCodeAt(start) === 45 ? -v : v) : Number(text.slice(start, i)), ctx);
  return i;
}

const CONTROL = /[\u0000-\u001f]/g;

/** Index of the first control character at or after `from`, or length + 1. */
function nextControl(text: string, from: number): number {
  CONTROL.lastIndex = from;
  const m = CONTROL.exec(text);
  return m === null ? text.length + 1 : m.index;
}

/** `key` occurs in `text` at `at` (a char loop: String#startsWith with a position is slow on big strings). */
function sameAt(text: string, at: number, key: string): boolean {
  for (let k = 0; k < key.length; k++) if (codeAt(text, at + k) !== key.charCodeAt(k)) return false;
  return true;
}

/** In concatenated JSON a top-level number or literal must end where the exact path's value splitter ends it. */
function endsScalar(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = codeAt(text, i);
  return isWs(c) || c === 123 || c === 91 || c === 34 || c === 125 || c === 93 || c === 44 || c === 58;
}

/** Same as the walk: booleans are examples too. */
function addExampleBool(node: Node, v: boolean, ctx: AddContext): void {
  addExample(node, v, ctx.maxExamples);
}

/**
 * The root-level string values of `keys` in the object starting at `start` (a light scan that
 * only tracks strings and brackets). A key with a non-string value maps to null. Invalid text
 * gives a best guess; the main scan rejects it anyway.
 */
export function rootStrings(text: string, start: number, keys: ReadonlySet<string>): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const n = text.length;
  let i = start + 1;
  let depth = 1;
  let expectKey = true;
  while (i < n && depth > 0) {
    const c = codeAt(text, i);
    if (c === 34) {
      const s = i;
      i++;
      let esc = false;
      while (i < n) {
        const d = codeAt(text, i);
        if (d === 92) {
          esc = true;
          i += 2;
        } else if (d === 34) break;
        else i++;
      }
      i++;
      if (depth === 1 && expectKey) {
        let key: string;
        try {
          key = esc ? (JSON.parse(text.slice(s, i)) as string) : text.slice(s + 1, i - 1);
        } catch {
          return out;
        }
        expectKey = false;
        if (keys.has(key) && !out.has(key)) {
          while (i < n && (isWs(codeAt(text, i)) || codeAt(text, i) === 58)) i++;
          if (codeAt(text, i) === 34) {
            const vs = i;
            i++;
            let vesc = false;
            while (i < n) {
              const d = codeAt(text, i);
              if (d === 92) {
                vesc = true;
                i += 2;
              } else if (d === 34) break;
              else i++;
            }
            i++;
            try {
              out.set(key, vesc ? (JSON.parse(text.slice(vs, i)) as string) : text.slice(vs + 1, i - 1));
            } catch {
              out.set(key, null);
            }
          } else out.set(key, null);
          if (out.size === keys.size) return out;
        }
      }
      continue;
    }
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
    else if (c === 44 && depth === 1) expectKey = true;
    i++;
  }
  return out;
}
