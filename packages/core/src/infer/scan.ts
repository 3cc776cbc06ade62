/**
 * The text fast path: a hand-written JSON scanner that updates the inference tree directly,
 * without building the values (no objects, no arrays, strings sliced only when a format or
 * enum check still needs them). It follows JSON.parse's grammar exactly; on ANY doubt — a
 * syntax error, a duplicate key (JSON.parse keeps the last), trailing text — it returns false
 * and the caller throws its partial state away and takes the exact path (JSON.parse per value),
 * which also produces the located parse issues. Iterative (explicit stack): any depth.
 */
import { addExample, addKind, detach, ALL_STRING_FORMATS, addNumber, addString, childIn, EnumOver, K_ARR, K_BOOL, K_INT, K_OBJ, K_STR, KEY_CACHE_MAX, MAX_DEPTH, type AddContext, Node, ObjInfo } from './node.js';

/** Where scanned samples go. */
export interface ScanTarget {
  /** The root node for the sample that starts at `start` (counts the sample). */
  rootFor(text: string, start: number): Node;
  /** Called after each sample is scanned whole into the node rootFor gave (optional). */
  sampleDone?(): void;
  /** Examples per path (0 = none). */
  maxExamples: number;
  /** Strings kept in the tree are copied out of the text (see `detach` in node.ts): the text is one block of a stream. */
  detachStrings?: boolean;
}

const OBJ = 1;
const ARR = 2;
let serial = 0;

/** charCodeAt with an explicit bound (-1 past the end): out-of-bounds reads deoptimise V8's code. */
const codeAt = (text: string, i: number): number => (i < text.length ? text.charCodeAt(i) : -1);
const isWs = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/**
 * How the values of a text are laid out: `ndjson`, exactly one value per non-blank line; `json`,
 * whitespace-separated (concatenated JSON); `elements`, separated by single commas (the inside of
 * a JSON array, without its brackets).
 */
export type ScanLayout = 'json' | 'ndjson' | 'elements';

/**
 * Scan every value of `text` into `target`, laid out as `layout` says. Byte-order marks are
 * skipped where the text readers skip them: one at the start of `text` when it starts an input
 * (`inputStart`), and in `json` and `ndjson` one at the start of each line (where files were
 * concatenated); inside an array there are none. Returns false when the text must go through the
 * exact path instead.
 *
 * Speed (measured on the bench data): string contents are skipped with native searches
 * (`indexOf` for the quote and the next backslash, one regex pass for control characters),
 * never a char loop; a key is matched against the key at the same position of the previous
 * object at this path with one native comparison of `key":` (slice + ===), so the usual key
 * costs neither a Map look-up nor a per-char loop.
 */
export function scanSamples(text: string, layout: ScanLayout, target: ScanTarget, inputStart = true): boolean {
  if (!primed) prime();
  const n = text.length;
  const ndjson = layout === 'ndjson';
  const elements = layout === 'elements';
  let i = inputStart && !elements && codeAt(text, 0) === 0xfeff ? 1 : 0;
  detachKeys = target.detachStrings === true;
  const ctx: AddContext = { maxExamples: target.maxExamples, queue: [], base: 0, protoClean: true, detach: detachKeys };
  nextBs = -1;
  nextCtl = -1;
  rsText = null;
  try {
    for (let first = true; ; first = false) {
      if (elements) {
        // Between array elements: whitespace, and exactly one comma (none before the first).
        while (i < n && isWs(text.charCodeAt(i))) i++;
        if (i >= n) return true;
        if (!first) {
          if (text.charCodeAt(i) !== 44) return false;
          i++;
          while (i < n && isWs(text.charCodeAt(i))) i++;
          if (i >= n) return false; // a comma with no element after it
        }
      } else {
        // Between samples: any whitespace (blank lines included), and one byte-order mark per line
        // (where files were concatenated; JSON.parse rejects a second one, so the readers do).
        let bom = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === 32 || c === 13 || c === 9) i++;
          else if (c === 10) {
            i++;
            bom = false;
          } else if (c === 0xfeff && !bom) {
            i++;
            bom = true;
          } else break;
        }
        if (i >= n) return true;
      }
      i = scanValue(text, i, target.rootFor(text, i), ndjson, ctx);
      if (i < 0) return false;
      target.sampleDone?.();
    }
  } finally {
    // Don't keep the last tree alive through the reused stack.
    stackNode.length = 0;
    missChild = null;
    rsText = null;
  }
}

let primed = false;

/**
 * Run the scanner once over a small text that takes every branch, before the first real text.
 * V8 optimises the scanner for the branches it has seen run; a branch first met after that (a
 * negative number, an escaped string, examples) throws the optimised code away and costs a
 * second 40-60 ms compile, so the first texts of a process ran 2-3x slower than later ones.
 * Costs a few milliseconds, once per process. True when every scan ended as intended (tests).
 */
export function prime(): boolean {
  primed = true;
  const rows: string[] = [];
  for (let k = 0; k < 24; k++) {
    const e = `"e\\"s\\u00e9":"q\\"x\\n${k}"`;
    const sp = k % 4 === 0 ? '{ "sp" : [ 1 , { } , [ ] ] ,' : '{';
    rows.push(
      `${sp}${k % 3 === 0 ? e + ',' : ''}"id":"v${k}","t":"2024-05-01T12:00:0${k % 10}Z","u":"https://x.io/${k}","m":"${k % 2 ? 'a@b.co' : 'open'}",` +
        `"n":${k % 2 ? -k : k * 1e15},"f":${k}.5,"x":${k}e-2,"ts":${1714564800 + k},"b":${k % 2 === 0},"c":${k % 2 === 1},"z":null,` +
        // Paths with several kinds (numbers and strings past their format and enum checks, escaped
        // ones, literals, containers): each kind's counting call runs before V8 optimises.
        `"mx":${k % 2 ? k + 0.5 : -k},"my":${k % 2 ? k + 0.5 : k},"ms":${k % 3 ? `"${'long text '.repeat(5)}"` : k},"me":${k % 3 ? `"${'long\\n text '.repeat(5)}"` : 'true'},` +
        `"mo":${['{"k":1}', '[1]', '"s"', '2', 'false', 'null'][k % 6]},` +
        `"o":{"k":[${k},"s",{"d":[]},[]],"e":{}},"a":[[${k}],[],"é€"],"l":"${'long text '.repeat(5)}${k}"${k % 3 === 0 ? '' : ',' + e}}`,
    );
  }
  const nd = rows.join('\n') + ' \r\n\n';
  const json = rows.join(' \r\n\t') + ' 1 -2.5e1 "s" true false null [] {}';
  // NDJSON without examples, concatenated JSON with: every branch once, in two passes.
  const root = new Node();
  const plain: ScanTarget = { rootFor: () => root, maxExamples: 0 };
  const withExamples: ScanTarget = { rootFor: () => root, maxExamples: 3 };
  // (and NDJSON once more with strings detached, as scanLinesInto scans)
  const detached: ScanTarget = { rootFor: () => root, maxExamples: 3, detachStrings: true };
  let ok = scanSamples(nd, 'ndjson', plain) && scanSamples(json, 'json', withExamples) && scanSamples(nd, 'ndjson', detached);
  ok = scanSamples(rows.join(' ,\n') + ' , 1,-2.5e1, "s" ,true,false,null,[],{}', 'elements', detached) && ok;
  ok = !scanSamples('{"a":1,"a":2}', 'ndjson', plain) && ok; // a duplicate key
  ok = !scanSamples('{"a":"\u0001"}', 'json', withExamples) && ok; // a control character
  ok = !scanSamples('1,,2', 'elements', plain) && !scanSamples('1 2', 'elements', plain) && !scanSamples('1,', 'elements', plain) && ok;
  // rootStrings: keys with string values, a number, an escaped key, an absent key.
  const keys = new Set(['id', 'n', 'e"sé', 'absent']);
  for (let k = 0, at = 0; k < rows.length; k++) {
    const found = rootStrings(nd, at, keys);
    ok = found.get('id') === `v${k}` && found.get('n') === null && ok;
    at += rows[k]!.length + 1;
  }
  return ok;
}

// State of the (non-reentrant) scanner, reset by each scanSamples call: the explicit stack of
// open containers, and the next backslash / control character at or after the last search
// start (length + 1 = none).
const stackNode: Node[] = [];
const stackKind: number[] = [];
const stackSeen: number[] = [];
const stackSerial: number[] = [];
let nextBs = -1;
let nextCtl = -1;
/** Keys kept in the tree (and the key cache) are detached from the text (ScanTarget.detachStrings). */
let detachKeys = false;

/**
 * Scan the one top-level value at `i` (not whitespace) into `root`; in NDJSON also the blanks
 * after it up to the end of its line. The index after it, or -1 when the text must go through
 * the exact path. One call per sample (not one loop over the whole text) so V8 optimises it as
 * a plain function early in the first text, instead of on-stack-replacing a long loop.
 */
function scanValue(text: string, i: number, root: Node, ndjson: boolean, ctx: AddContext): number {
  const n = text.length;
  const wantEx = ctx.maxExamples > 0;
  // Open containers: the innermost in locals (`top*`), so the usual steps (a key, the next
  // element) touch no array; the enclosing ones in the reused stack. `sp` counts all of them.
  const fNode = stackNode;
  const fKind = stackKind;
  const fSeen = stackSeen;
  const fSerial = stackSerial;
  let sp = 0;
  let topNode = root;
  let topObj = false;
  let topSeen = 0;
  let topSer = 0;
  let c = 0;
  let cur = root;
  for (;;) {
    // VALUE at i (whitespace already skipped) for node `cur`.
    if (i >= n) return -1;
    c = text.charCodeAt(i);
    cur.n++;
    let needKey = false;
    if (c === 34) {
      // string
      const start = i + 1;
      const q = text.indexOf('"', start);
      if (q < 0) return -1;
      if (nextBs < start) {
        nextBs = text.indexOf('\\', start);
        if (nextBs < 0) nextBs = n + 1;
      }
      if (nextBs > q) {
        if (nextCtl < start) nextCtl = nextControl(text, start);
        if (nextCtl < q) return -1;
        i = q + 1;
        if ((cur.fm & ALL_STRING_FORMATS) !== 0 || !(cur.ev instanceof EnumOver) || wantEx) addString(cur, text.slice(start, q), ctx);
        else if (cur.k !== K_STR) addKind(cur, K_STR);
      } else {
        i = escapedValue(text, start, cur, ctx);
        if (i < 0) return -1;
      }
    } else if (c === 123) {
      if (cur.k !== K_OBJ) addKind(cur, K_OBJ);
      i++;
      while (i < n && isWs((c = text.charCodeAt(i)))) {
        if (ndjson && c === 10) return -1;
        i++;
      }
      if (codeAt(text, i) === 125) {
        cur.objInfo().eo++;
        i++;
      } else {
        if (cur.o === null) cur.o = new ObjInfo();
        if (sp >= MAX_DEPTH) return -1; // the exact path rejects it (circular or absurd)
        // (The same four stores open an array below: written out, not a helper — a saveFrame()
        // call measured ~3% slower on webhooks text.)
        if (sp > 0) {
          fNode[sp - 1] = topNode;
          fKind[sp - 1] = topObj ? OBJ : ARR;
          fSeen[sp - 1] = topSeen;
          fSerial[sp - 1] = topSer;
        }
        sp++;
        topNode = cur;
        topObj = true;
        topSeen = 0;
        topSer = ++serial;
        needKey = true;
      }
    } else if (c === 91) {
      if (cur.k !== K_ARR) addKind(cur, K_ARR);
      i++;
      while (i < n && isWs((c = text.charCodeAt(i)))) {
        if (ndjson && c === 10) return -1;
        i++;
      }
      if (codeAt(text, i) === 93) {
        cur.rare().ea++;
        i++;
      } else {
        if (sp >= MAX_DEPTH) return -1; // the exact path rejects it (circular or absurd)
        if (sp > 0) {
          fNode[sp - 1] = topNode;
          fKind[sp - 1] = topObj ? OBJ : ARR;
          fSeen[sp - 1] = topSeen;
          fSerial[sp - 1] = topSer;
        }
        sp++;
        topNode = cur;
        topObj = false;
        let items = cur.items;
        if (items === null) items = cur.items = new Node();
        cur = items;
        continue; // the first element
      }
    } else if (c >= 49 && c <= 57 && cur.fm <= ALL_STRING_FORMATS && !wantEx) {
      // The usual number where nothing but its kind counts: a plain positive integer (15 digits
      // at most: longer ones may round to Infinity, which counts as null like JSON.stringify's).
      let j = i + 1;
      while (j < n && (c = text.charCodeAt(j)) >= 48 && c <= 57) j++;
      if (j - i > 15 || (j < n && (c === 46 || c === 101 || c === 69))) {
        i = scanNumber(text, i, cur, ctx, wantEx);
        if (i < 0) return -1;
      } else {
        if (cur.k !== K_INT) addKind(cur, K_INT);
        i = j;
      }
      if (sp === 0 && !ndjson && !endsScalar(text, i)) return -1;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      i = scanNumber(text, i, cur, ctx, wantEx);
      if (i < 0) return -1;
      if (sp === 0 && !ndjson && !endsScalar(text, i)) return -1;
    } else {
      i = scanLiteral(text, i, c, cur, ctx);
      if (i < 0) return -1;
      if (sp === 0 && !ndjson && !endsScalar(text, i)) return -1;
    }

    // After a value (not right after an object opened): a comma, closers, or the sample's end.
    if (!needKey) {
      while (sp > 0) {
        c = codeAt(text, i);
        if (c === 44) break; // the usual case: a comma straight after the value
        if (c === (topObj ? 125 : 93)) {
          if (--sp > 0) {
            topNode = fNode[sp - 1]!;
            topObj = fKind[sp - 1] === OBJ;
            topSeen = fSeen[sp - 1]!;
            topSer = fSerial[sp - 1]!;
          }
        } else if (c !== 32 && c !== 13 && c !== 9 && (c !== 10 || ndjson)) return -1;
        i++;
      }
      if (sp === 0) {
        // End of the sample: NDJSON allows only blanks up to the end of the line.
        while (i < n) {
          c = text.charCodeAt(i);
          if (c === 10 && ndjson) break;
          if (c === 32 || c === 10 || c === 13 || c === 9) i++;
          else if (ndjson) return -1;
          else break;
        }
        return i;
      }
      // After the comma: whitespace, then a key (object) or the next element (array).
      i++;
      while (i < n && isWs((c = text.charCodeAt(i)))) {
        if (ndjson && c === 10) return -1;
        i++;
      }
      if (!topObj) {
        cur = topNode.items!;
        continue; // next array element
      }
    }
    // KEY at i inside the innermost object.
    if (codeAt(text, i) !== 34) return -1;
    const obj = topNode.o!;
    const seen = topSeen;
    let child: Node;
    // The key cache holds `key":` as written (only keys without escapes). It starts with the
    // second object at this path: one seen once (deep or one-off data) never needs it.
    const sk = obj.sk;
    const cached = sk !== null && seen < sk.length ? sk[seen] : undefined;
    if (cached !== undefined && text.slice(i + 1, i + 1 + cached.length) === cached) {
      child = obj.sn![seen]!;
      i += cached.length + 1;
    } else {
      i = keyMiss(text, i, obj, topNode.obj, seen, ndjson);
      if (i < 0) return -1;
      child = missChild!;
    }
    if (child.stamp === topSer) return -1; // duplicate key: JSON.parse keeps the last one
    child.stamp = topSer;
    topSeen = seen + 1;
    while (i < n && isWs((c = text.charCodeAt(i)))) {
      if (ndjson && c === 10) return -1;
      i++;
    }
    cur = child;
  }
}

/** The key's node from the last {@link keyMiss} (a second return value). */
let missChild: Node | null = null;

/**
 * A key at i (the opening quote) that the key cache did not match: find its end, its node
 * (`missChild`), update the cache, and pass the colon. The index after the colon, or -1. Out of
 * scanValue so that the hot function stays small (V8 compiles it sooner).
 */
function keyMiss(text: string, i: number, obj: ObjInfo, objects: number, seen: number, ndjson: boolean): number {
  const n = text.length;
  const sk = obj.sk;
  const start = i + 1;
  const q = text.indexOf('"', start);
  if (q < 0) return -1;
  if (nextBs < start) {
    nextBs = text.indexOf('\\', start);
    if (nextBs < 0) nextBs = n + 1;
  }
  let child: Node;
  if (nextBs > q) {
    if (nextCtl < start) nextCtl = nextControl(text, start);
    if (nextCtl < q) return -1;
    i = q + 1;
    const key = text.slice(start, q);
    const c = newOrExisting(obj, detachKeys ? detach(key) : key, seen);
    if (c === null) return -1; // a duplicate key
    child = c;
    if (seen < KEY_CACHE_MAX && objects > 1) {
      if (codeAt(text, i) === 58) {
        let ck = sk;
        let cn = obj.sn;
        if (ck === null || cn === null) {
          ck = obj.sk = [];
          cn = obj.sn = [];
        }
        const ckey = text.slice(start, i + 1);
        ck[seen] = detachKeys ? detach(ckey) : ckey;
        cn[seen] = child;
      } else if (sk !== null && seen < sk.length) {
        sk.length = seen; // `"key" :` can't be matched as `key":`: forget the cache from here
        obj.sn!.length = seen;
      }
    }
  } else {
    const j = escapedEnd(text, start);
    if (j < 0) return -1;
    i = j + 1;
    const c = newOrExisting(obj, JSON.parse(text.slice(start - 1, i)) as string, seen);
    if (c === null) return -1; // a duplicate key
    child = c;
    if (sk !== null && seen < sk.length) {
      sk.length = seen; // an escaped key can't be matched raw: forget the cache from here
      obj.sn!.length = seen;
    }
  }
  let c = 0;
  while (i < n && isWs((c = text.charCodeAt(i)))) {
    if (ndjson && c === 10) return -1;
    i++;
  }
  if (codeAt(text, i) !== 58) return -1;
  missChild = child;
  return i + 1;
}

/**
 * The child for `key`, the `seen`-th key of the object being scanned, or null for a key this
 * object already had. While the node has exactly `seen` children (every key of the first object
 * at a path), each child is a key of this object already: one Map insert, and the key was
 * there before — a duplicate — if the Map did not grow. Otherwise a look-up; duplicates are
 * then caught by the caller's stamps.
 */
function newOrExisting(obj: ObjInfo, key: string, seen: number): Node | null {
  let props = obj.props;
  if (props === null) props = obj.props = new Map();
  if (props.size === seen) {
    const c = new Node();
    props.set(key, c);
    return props.size === seen ? null : c;
  }
  return childIn(obj, key);
}

/** A string value with escapes whose contents start at `start`, into `cur`; the index after it, or -1. */
function escapedValue(text: string, start: number, cur: Node, ctx: AddContext): number {
  const j = escapedEnd(text, start);
  if (j < 0) return -1;
  if ((cur.fm & ALL_STRING_FORMATS) !== 0 || !(cur.ev instanceof EnumOver) || ctx.maxExamples > 0) addString(cur, JSON.parse(text.slice(start - 1, j + 1)) as string, ctx);
  else if (cur.k !== K_STR) addKind(cur, K_STR);
  return j + 1;
}

/** `true`, `false` or `null` at i (first char `c`) into `cur`; the index after it, or -1. */
function scanLiteral(text: string, i: number, c: number, cur: Node, ctx: AddContext): number {
  if (c === 116) {
    if (codeAt(text, i + 1) !== 114 || codeAt(text, i + 2) !== 117 || codeAt(text, i + 3) !== 101) return -1;
    if (cur.k !== K_BOOL) addKind(cur, K_BOOL);
    if (ctx.maxExamples > 0) addExample(cur, true, ctx.maxExamples);
    return i + 4;
  }
  if (c === 102) {
    if (codeAt(text, i + 1) !== 97 || codeAt(text, i + 2) !== 108 || codeAt(text, i + 3) !== 115 || codeAt(text, i + 4) !== 101) return -1;
    if (cur.k !== K_BOOL) addKind(cur, K_BOOL);
    if (ctx.maxExamples > 0) addExample(cur, false, ctx.maxExamples);
    return i + 5;
  }
  if (c === 110) {
    if (codeAt(text, i + 1) !== 117 || codeAt(text, i + 2) !== 108 || codeAt(text, i + 3) !== 108) return -1;
    cur.nul++;
    return i + 4;
  }
  return -1;
}

/**
 * Index of the closing quote of the string whose contents start at `start` and contain a
 * backslash, or -1 when the string is not valid JSON (bad escape, raw control character, no end).
 */
function escapedEnd(text: string, start: number): number {
  const n = text.length;
  let j = start;
  for (;;) {
    if (j >= n) return -1;
    const d = text.charCodeAt(j);
    if (d === 34) return j;
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
  if (simple && digits <= 15 && cur.fm <= ALL_STRING_FORMATS && !wantEx) {
    if (cur.k !== K_INT) addKind(cur, K_INT);
  } else addNumber(cur, simple && digits <= 15 ? (text.charCodeAt(start) === 45 ? -v : v) : Number(text.slice(start, i)), ctx);
  return i;
}

/** A run of non-control characters, matched where it starts (sticky): no search, no match array. */
const NO_CONTROL = /[^\u0000-\u001f]*/y;

/** Index of the first control character at or after `from`, or length + 1. */
function nextControl(text: string, from: number): number {
  NO_CONTROL.lastIndex = from;
  NO_CONTROL.test(text);
  const j = NO_CONTROL.lastIndex;
  return j >= text.length ? text.length + 1 : j;
}

/** In concatenated JSON a top-level number or literal must end where the exact path's value splitter ends it. */
function endsScalar(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = codeAt(text, i);
  return isWs(c) || c === 123 || c === 91 || c === 34 || c === 125 || c === 93 || c === 44 || c === 58;
}

/**
 * Index of the quote closing the string whose contents start at `from` (escapes honoured, not
 * validated), or the text's length when there is none. Native searches, no char loop.
 */
function looseStringEnd(text: string, from: number): number {
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) return text.length;
    let b = q - 1;
    while (b >= from && text.charCodeAt(b) === 92) b--;
    if ((q - 1 - b) % 2 === 0) return q; // an even run of backslashes: the quote is not escaped
    from = q + 1;
  }
}

/** Bit k set: some key in the last `keys` set given to rootStrings has length k (k < 31; bit 31 = longer). */
let lenMaskFor: ReadonlySet<string> | null = null;
let lenMask = 0;
/** Next backslash at or after the last search start in `rsText` (rootStrings' own search state). */
let rsText: string | null = null;
let rsBs = -1;

const lengthBit = (len: number): number => (len < 31 ? 1 << len : 1 << 31);

/**
 * The root-level string values of `keys` in the object starting at `start` (a light scan that
 * only tracks strings and brackets). A key with a non-string value maps to null. Invalid text
 * gives a best guess; the main scan rejects it anyway.
 */
export function rootStrings(text: string, start: number, keys: ReadonlySet<string>): Map<string, string | null> {
  const out = new Map<string, string | null>();
  if (keys !== lenMaskFor) {
    lenMaskFor = keys;
    lenMask = 0;
    for (const k of keys) lenMask |= lengthBit(k.length);
  }
  const n = text.length;
  let i = start + 1;
  let depth = 1;
  let expectKey = true;
  while (i < n && depth > 0) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const s = i;
      const e = looseStringEnd(text, i + 1);
      i = e + 1;
      if (depth === 1 && expectKey) {
        expectKey = false;
        // Only keys of a tracked length are sliced and looked up; escaped ones are decoded first.
        if (rsText !== text || rsBs <= s) {
          rsText = text;
          rsBs = text.indexOf('\\', s + 1);
          if (rsBs < 0) rsBs = n + 1;
        }
        let key: string | null = null;
        if (rsBs < e) {
          try {
            key = JSON.parse(text.slice(s, i)) as string;
          } catch {
            return out;
          }
        } else if ((lenMask & lengthBit(e - s - 1)) !== 0) key = text.slice(s + 1, e);
        if (key !== null && keys.has(key) && !out.has(key)) {
          while (i < n) {
            const d = text.charCodeAt(i);
            if (d === 32 || d === 10 || d === 13 || d === 9 || d === 58) i++;
            else break;
          }
          if (codeAt(text, i) === 34) {
            const ve = looseStringEnd(text, i + 1);
            let v: string | null = text.slice(i + 1, ve);
            if (v.indexOf('\\') >= 0) {
              try {
                v = JSON.parse(text.slice(i, ve + 1)) as string;
              } catch {
                v = null;
              }
            }
            out.set(key, v);
            i = ve + 1;
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
