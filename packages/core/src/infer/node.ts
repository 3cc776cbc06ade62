/**
 * The in-memory inference tree: one {@link Node} per data path (property children in a Map,
 * array elements of all arrays at a path share one `items` node). Counters only, plus small
 * bounded sets (enum candidates, examples), so adding is O(size of the sample), merging is
 * O(size of the tree) and both are associative and commutative.
 *
 * Depth: `addValue`, `mergeNode` recurse up to {@link MAX_RECURSION} levels and hand deeper
 * work to an explicit queue, so a 5,000-level sample runs with the default stack.
 */
import { isDate, isDateTime, isEmail, isIpv4, isIpv6, isLocalDateTime, isSpaceDateTime, isTime, isUri, isUuid } from '../formats.js';

/** Recursion depth after which work is queued instead of recursed. */
export const MAX_RECURSION = 400;
/** Distinct strings remembered per path for enum detection; more = not an enum. */
export const ENUM_TRACK = 16;
/** Strings longer than this are never enum values (free text). */
export const ENUM_MAX_LENGTH = 40;
/** Samples nested deeper than this are rejected as circular or absurd. */
export const MAX_DEPTH = 1_000_000;

// String format bits, in the order they are preferred when several still hold.
export const F_DATE_TIME = 1;
export const F_DATE_TIME_SPACE = 2;
export const F_ISO_DATE_TIME = 4;
export const F_DATE = 8;
export const F_TIME = 16;
export const F_UUID = 32;
export const F_EMAIL = 64;
export const F_IPV4 = 128;
export const F_IPV6 = 256;
export const F_URI = 512;
export const ALL_STRING_FORMATS = 1023;
/** Where the integer format bits start in {@link Node.fm} (above the string format bits). */
export const NF_SHIFT = 10;
export const STRING_FORMAT_NAMES: readonly [number, string][] = [
  [F_DATE_TIME, 'date-time'],
  [F_DATE_TIME_SPACE, 'date-time-space'],
  [F_ISO_DATE_TIME, 'iso-date-time'],
  [F_DATE, 'date'],
  [F_TIME, 'time'],
  [F_UUID, 'uuid'],
  [F_EMAIL, 'email'],
  [F_IPV4, 'ipv4'],
  [F_IPV6, 'ipv6'],
  [F_URI, 'uri'],
];

// Integer format bits: epoch seconds / milliseconds in 2000..2100 (formats.ts bounds).
export const N_UNIX = 1;
export const N_UNIX_MS = 2;
export const ALL_NUMBER_FORMATS = 3;
const UNIX_MIN = 946_684_800;
const UNIX_MAX = 4_102_444_800;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/**
 * The formats of `mask` that `s` still satisfies. Cheap guards (first char, length, a
 * separator at a fixed place) run before any regex, so a non-format string costs a few
 * comparisons and clears the mask for good.
 */
export function stringFormats(s: string, mask: number): number {
  const len = s.length;
  if (len === 0) return 0;
  const c0 = s.charCodeAt(0);
  let out = 0;
  if (mask & (F_DATE_TIME | F_DATE_TIME_SPACE | F_ISO_DATE_TIME | F_DATE)) {
    if (len >= 10 && isDigit(c0) && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
      if (len === 10) out |= mask & F_DATE && isDate(s) ? F_DATE : 0;
      else {
        const sep = s.charCodeAt(10);
        if (sep === 84 || sep === 116) {
          if (mask & F_DATE_TIME && isDateTime(s)) out |= F_DATE_TIME;
          else if (mask & F_ISO_DATE_TIME && isLocalDateTime(s)) out |= F_ISO_DATE_TIME;
        } else if (sep === 32 && mask & F_DATE_TIME_SPACE && isSpaceDateTime(s)) out |= F_DATE_TIME_SPACE;
      }
    }
  }
  if (mask & F_TIME && len >= 9 && isDigit(c0) && s.charCodeAt(2) === 58 && isTime(s)) out |= F_TIME;
  if (mask & F_UUID && len === 36 && isHex(c0) && s.charCodeAt(8) === 45 && isUuid(s)) out |= F_UUID;
  if (mask & F_EMAIL && len >= 3 && len <= 254 && s.indexOf('@') > 0 && isEmail(s)) out |= F_EMAIL;
  if (mask & F_IPV4 && len >= 7 && len <= 15 && isDigit(c0) && isIpv4(s)) out |= F_IPV4;
  if (mask & F_IPV6 && len >= 2 && len <= 45 && (isHex(c0) || c0 === 58) && isIpv6(s)) out |= F_IPV6;
  if (mask & F_URI && len >= 4 && ((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90)) && s.indexOf(':') > 0 && isUri(s)) out |= F_URI;
  return out;
}

/** Number formats of `mask` that the integer `v` still satisfies. */
function numberFormats(v: number, mask: number): number {
  let out = 0;
  if (mask & N_UNIX && v >= UNIX_MIN && v < UNIX_MAX) out |= N_UNIX;
  if (mask & N_UNIX_MS && v >= UNIX_MIN * 1000 && v < UNIX_MAX * 1000) out |= N_UNIX_MS;
  return out;
}

/** An example value: primitives only. */
export type Example = string | number | boolean;

/** Total order on examples (kind, then value) so the kept examples do not depend on sample order. */
export function compareExamples(a: Example, b: Example): number {
  const ta = typeof a, tb = typeof b;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// Kind codes of non-null values (Node.k): the index of each kind's counter in Rare.kc.
export const K_BOOL = 0;
export const K_INT = 1;
export const K_FLT = 2;
export const K_STR = 3;
export const K_OBJ = 4;
export const K_ARR = 5;
/** Number of (non-null) kinds. */
export const KINDS = 6;
/** Node.k of a node that saw no non-null value yet. */
export const K_NONE = 6;
/** Node.k of a node that saw values of several kinds (counts in Rare.kc). */
export const K_MIXED = 7;

/**
 * Count one non-null value of `kind` at `node`, whose `n` already counts it. Callers test
 * `node.k !== kind` first (the usual case: the same kind as before), so this runs for the
 * first value, a new kind, and paths with several kinds (2% of the values on webhook streams:
 * nulls are counted apart, so a nullable field keeps one kind).
 */
export function addKind(node: Node, kind: number): void {
  const k = node.k;
  if (k === K_MIXED) node.x!.kc![kind]!++;
  else if (k === K_NONE && node.n - node.nul === 1) node.k = kind;
  else if (k !== kind) toMixed(node, node.n - node.nul - 1)[kind]!++;
}

/** Bit `1 << kind` set for each kind of non-null value seen at `node` (one read instead of six counts). */
export function kindMask(node: Node): number {
  const k = node.k;
  if (k < KINDS) return node.n - node.nul > 0 ? 1 << k : 0;
  if (k === K_NONE) return 0;
  const kc = node.x!.kc!;
  let m = 0;
  for (let i = 0; i < KINDS; i++) if (kc[i]! > 0) m |= 1 << i;
  return m;
}

/** Switch `node` to per-kind counts, `before` being its non-null value count so far; returns them. */
function toMixed(node: Node, before: number): number[] {
  const kc = [0, 0, 0, 0, 0, 0];
  const k = node.k;
  if (k < KINDS) kc[k] = before;
  node.k = K_MIXED;
  node.rare().kc = kc;
  return kc;
}

/** Add `src`'s value counts (n, nul and per kind) into `dst`. */
function mergeCounts(dst: Node, src: Node): void {
  const sk = src.k;
  if (sk !== K_NONE) {
    const dk = dst.k;
    if (sk !== K_MIXED && (sk === dk || dk === K_NONE)) dst.k = sk;
    else {
      const kc = dk === K_MIXED ? dst.x!.kc! : toMixed(dst, dst.n - dst.nul);
      if (sk === K_MIXED) {
        const skc = src.x!.kc!;
        for (let i = 0; i < KINDS; i++) kc[i]! += skc[i]!;
      } else kc[sk]! += src.n - src.nul;
    }
  }
  dst.n += src.n;
  dst.nul += src.nul;
}

/**
 * Enum tracking given up at a path (more than {@link ENUM_TRACK} distinct strings, or a long
 * one): the value of {@link Node.ev} then. Keeps the last string whose formats were checked, so
 * the same string again (a repository's URL in every event) is not checked again.
 */
export class EnumOver {
  ls: string | null = null;
}

/**
 * What only object paths need, out of line: created with the first object seen at the path
 * (most paths never hold an object, and each field inline costs 8 bytes in every node).
 */
export class ObjInfo {
  /** Property children in first-appearance order (null until the first key). */
  props: Map<string, Node> | null = null;
  /** Objects with no keys. */
  eo = 0;
  /** Key cache: the keys (and their nodes) of the last object seen here, by position. */
  ck: string[] | null = null;
  cn: Node[] | null = null;
  /** The text scanner's key cache (only keys whose raw JSON text equals the key: no `\\`, `"`, controls). */
  sk: string[] | null = null;
  sn: Node[] | null = null;
}

/** Rarely set per-path data, out of line: examples (only with stats), the empty-array count, per-kind counts of mixed paths. */
export class Rare {
  /** Up to `maxExamples` smallest distinct primitive values (only when examples are collected). */
  ex: Example[] | null = null;
  /** Arrays with no elements. */
  ea = 0;
  /** Counts per kind (index = kind code) when the node's `k` is {@link K_MIXED}, else null. */
  kc: number[] | null = null;
}

/**
 * Statistics for one data path. Every field is a sum or a set union, hence mergeable.
 *
 * Size matters more than anything else here: a wide sample has one node per key, and every
 * node is copied twice by the young-generation GC. So only what most paths use is inline;
 * object-only fields live in {@link ObjInfo} (`o`), rare ones in {@link Rare} (`x`).
 */
export class Node {
  /** Values seen at this path (for a property: objects at the parent path that had the key). */
  n = 0;
  /** Nulls (and values JSON writes as null). */
  nul = 0;
  /**
   * The kind of every non-null value here ({@link K_BOOL}…{@link K_ARR}: its count is
   * `n - nul`), {@link K_NONE} (none), or {@link K_MIXED} (counts per kind in `x.kc`). One kind is
   * the usual case, and six counters inline would cost 40 bytes more in every node.
   */
  k = K_NONE;
  /**
   * Formats, in one field: the string formats every string so far satisfies (`sf`, the low
   * {@link NF_SHIFT} bits) and the integer formats every number so far satisfies (`nf`, above;
   * 0 once a non-integer is seen). Both only lose bits, so merging is one `&`.
   */
  fm = ALL_STRING_FORMATS | (ALL_NUMBER_FORMATS << NF_SHIFT);
  /**
   * Distinct strings for enum detection: null = none yet; a string = the only one so far (its
   * count in `c1`; saves a Map per path); a Map = 2..{@link ENUM_TRACK} with counts;
   * an {@link EnumOver} = too many or a long one.
   */
  ev: string | Map<string, number> | EnumOver | null = null;
  c1 = 0;
  /** Element node shared by all arrays at this path. */
  items: Node | null = null;
  /** Object-only data (null until an object is seen here, or a child is added). */
  o: ObjInfo | null = null;
  /** Rare data (null until needed). */
  x: Rare | null = null;
  /** Serial of the last object (in the text scanner) that had this key: detects duplicate keys. */
  stamp = 0;

  /** String formats every string so far satisfies. */
  get sf(): number {
    return this.fm & ALL_STRING_FORMATS;
  }

  /** Integer formats every number so far satisfies. */
  get nf(): number {
    return this.fm >> NF_SHIFT;
  }

  /** Set both format sets (reading a state). */
  setFormats(sf: number, nf: number): void {
    this.fm = sf | (nf << NF_SHIFT);
  }

  /** Non-null values of one kind (a kind code). */
  count(kind: number): number {
    const k = this.k;
    return k === kind ? this.n - this.nul : k === K_MIXED ? this.x!.kc![kind]! : 0;
  }

  get bool(): number {
    return this.count(K_BOOL);
  }

  /** Integral numbers. */
  get int(): number {
    return this.count(K_INT);
  }

  /** Non-integral numbers. */
  get flt(): number {
    return this.count(K_FLT);
  }

  get str(): number {
    return this.count(K_STR);
  }

  get obj(): number {
    return this.count(K_OBJ);
  }

  get arr(): number {
    return this.count(K_ARR);
  }

  /** Set all counters (reading a state): `counts` by kind code. */
  setCounts(n: number, nul: number, counts: readonly number[]): void {
    this.n = n;
    this.nul = nul;
    if (this.x !== null) this.x.kc = null;
    let nonZero = 0;
    let kind = K_NONE;
    for (let i = 0; i < KINDS; i++) {
      if (counts[i] !== 0) {
        nonZero++;
        kind = i;
      }
    }
    if (nonZero === 0 && n === nul) this.k = K_NONE;
    else if (nonZero === 1 && counts[kind] === n - nul) this.k = kind;
    else {
      this.k = K_MIXED;
      this.rare().kc = counts.slice(0, KINDS);
    }
  }

  /** Property children in first-appearance order, or null. */
  get props(): Map<string, Node> | null {
    const o = this.o;
    return o === null ? null : o.props;
  }

  /** Objects with no keys. */
  get eo(): number {
    const o = this.o;
    return o === null ? 0 : o.eo;
  }

  /** Arrays with no elements. */
  get ea(): number {
    const x = this.x;
    return x === null ? 0 : x.ea;
  }

  /** Kept examples, or null. */
  get ex(): Example[] | null {
    const x = this.x;
    return x === null ? null : x.ex;
  }

  /** True once enum tracking gave up here. */
  get svOver(): boolean {
    return this.ev instanceof EnumOver;
  }

  /** The tracked distinct strings when there are 2..ENUM_TRACK of them, else null. */
  get sv(): Map<string, number> | null {
    const ev = this.ev;
    return ev === null || ev instanceof EnumOver || typeof ev === 'string' ? null : ev;
  }

  /** The object-only data, created when missing. */
  objInfo(): ObjInfo {
    let o = this.o;
    if (o === null) o = this.o = new ObjInfo();
    return o;
  }

  /** The rare data, created when missing. */
  rare(): Rare {
    let x = this.x;
    if (x === null) x = this.x = new Rare();
    return x;
  }

  /** Distinct strings with counts (a fresh Map when only one was seen), or null when none / overflowed. */
  values(): Map<string, number> | null {
    const ev = this.ev;
    if (ev === null || ev instanceof EnumOver) return null;
    if (typeof ev === 'string') return new Map([[ev, this.c1]]);
    return ev;
  }

  /** Replace the distinct strings (null = overflowed). */
  setValues(m: Map<string, number> | null): void {
    this.c1 = 0;
    if (m === null || m.size > ENUM_TRACK) this.ev = new EnumOver();
    else if (m.size === 0) this.ev = null;
    else if (m.size === 1) {
      const [k, c] = m.entries().next().value!;
      this.ev = k;
      this.c1 = c;
    } else this.ev = m;
  }

  /** Get or create the child for `key`. */
  child(key: string): Node {
    return childIn(this.objInfo(), key);
  }
}

/** Get or create the child for `key` in an object node's data. */
export function childIn(o: ObjInfo, key: string): Node {
  let props = o.props;
  if (props === null) props = o.props = new Map();
  let c = props.get(key);
  if (c === undefined) {
    c = new Node();
    props.set(key, c);
  }
  return c;
}

/**
 * The child for `key`, the `seen`-th key (from 0) of an object being counted. When the node has
 * exactly `seen` children, every one of them was a key of this object already (the object's
 * keys so far were all counted, and there are as many of them), so `key`, which no object repeats, is
 * new: one Map insert, no look-up — the case of every key of the first object at a path (one
 * wide sample: 50,000 look-ups saved).
 */
export function childAt(o: ObjInfo, key: string, seen: number): Node {
  let props = o.props;
  if (props === null) props = o.props = new Map();
  if (props.size === seen) {
    const c = new Node();
    props.set(key, c);
    return c;
  }
  let c = props.get(key);
  if (c === undefined) {
    c = new Node();
    props.set(key, c);
  }
  return c;
}

/**
 * Nodes kept alive for the life of the module. V8 holds the chain of hidden classes that
 * `new Node()` goes through only weakly: when a full GC runs while no Node is alive (between
 * two inferences), those classes die and every function optimised for them is thrown away —
 * a 3–10× slowdown on the next few inferences. Live instances keep the classes alive.
 */
const KEEP_NODE_SHAPE_ALIVE: unknown[] = (() => {
  const n = new Node();
  n.child('k');
  n.objInfo().ck = ['k'];
  n.rare().ex = ['x'];
  n.x!.kc = [0, 0, 0, 0, 0, 0];
  n.ev = new EnumOver();
  return [n, new Node(), new ObjInfo(), new Rare()];
})();
export function nodeShapeAnchor(): readonly unknown[] {
  return KEEP_NODE_SHAPE_ALIVE;
}

/** Key-cache positions kept per object node; keys beyond (very wide objects) go through the Map. */
export const KEY_CACHE_MAX = 1024;

/** What `addValue` needs besides the value. */
export interface AddContext {
  /** Examples kept per path; 0 = don't collect. */
  maxExamples: number;
  /** Deferred (node, value, depth) triples for values nested deeper than the recursion limit. */
  queue: unknown[];
  /** Object.prototype has no enumerable keys (checked once per sample). */
  protoClean: boolean;
  /** Depth at which the current recursion started (work is deferred {@link MAX_RECURSION} below it). */
  base: number;
  /** Strings kept at nodes are {@link detach}ed first (they are slices of a text that must not be kept alive). */
  detach?: boolean;
}

/**
 * `s` as a string of its own. V8 makes a slice of 13 characters or more a view of the whole
 * text it was cut from, which then lives as long as the slice: a stream scanned block by block
 * (`scanLinesInto`) would keep every block that left a key, an enum value or an example at some
 * node, so memory would grow with the input. Concatenation and a slice make V8 copy the
 * characters into a new flat string.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/** `s` as a node keeps it: {@link detach}ed when the context says so. */
const kept = (s: string, ctx: AddContext): string => (ctx.detach ? detach(s) : s);

export function addExample(node: Node, v: Example, max: number): void {
  // JSON has no -0 (it is written "0"), and -0 ties with 0 in compareExamples: keep +0 so the
  // state round-trips through JSON and the kept example does not depend on sample order.
  if (v === 0) v = 0;
  const x = node.rare();
  let ex = x.ex;
  if (ex === null) ex = x.ex = [];
  if (ex.length >= max && compareExamples(v, ex[ex.length - 1]!) >= 0) return;
  let i = ex.length;
  while (i > 0 && compareExamples(v, ex[i - 1]!) < 0) i--;
  if (i > 0 && compareExamples(v, ex[i - 1]!) === 0) return;
  ex.splice(i, 0, v);
  if (ex.length > max) ex.length = max;
}

/**
 * Count `c` more of the distinct string `s` (at most {@link ENUM_MAX_LENGTH} long) at `node`,
 * keeping the representation addString keeps: one value in `s1`, 2..ENUM_TRACK in `sv`, more = over.
 */
function countValue(node: Node, s: string, c: number): void {
  const ev = node.ev;
  if (ev instanceof EnumOver) return;
  if (ev === null) {
    node.ev = s;
    node.c1 = c;
  } else if (typeof ev === 'string') {
    if (ev === s) node.c1 += c;
    else {
      node.ev = new Map([[ev, node.c1], [s, c]]);
      node.c1 = 0;
    }
  } else {
    const x = ev.get(s);
    if (x !== undefined) ev.set(s, x + c);
    else if (ev.size >= ENUM_TRACK) node.ev = new EnumOver();
    else ev.set(s, c);
  }
}

/** Count a string at `node` (the caller counts `n`). */
export function addString(node: Node, s: string, ctx: AddContext): void {
  if (node.k !== K_STR) addKind(node, K_STR);
  // Enum tracking first: it tells whether `s` was seen here before, and then its formats are
  // already in `sf` (same string as before at this path: common, a repository's URLs in every event).
  const ev = node.ev;
  let known = false;
  if (ev === null) {
    if (s.length > ENUM_MAX_LENGTH) node.ev = overWith(kept(s, ctx));
    else {
      node.ev = kept(s, ctx);
      node.c1 = 1;
    }
  } else if (typeof ev === 'string') {
    if (ev === s) {
      node.c1++;
      known = true;
    } else if (s.length > ENUM_MAX_LENGTH) node.ev = overWith(kept(s, ctx));
    else node.ev = new Map([[ev, node.c1], [kept(s, ctx), 1]]);
  } else if (ev instanceof EnumOver) {
    if ((node.fm & ALL_STRING_FORMATS) !== 0) {
      // (ls is null after a merge: compared only once known to be a string, or V8's string
      // compare deoptimises on the null — seen in the 2nd github run.)
      const ls = ev.ls;
      if (ls !== null && ls === s) known = true;
      else ev.ls = kept(s, ctx);
    }
  } else {
    const c = ev.get(s);
    if (c !== undefined) {
      ev.set(s, c + 1);
      known = true;
    } else if (s.length > ENUM_MAX_LENGTH || ev.size >= ENUM_TRACK) node.ev = overWith(kept(s, ctx));
    else ev.set(kept(s, ctx), 1);
  }
  const fm = node.fm;
  if (!known && (fm & ALL_STRING_FORMATS) !== 0) node.fm = (fm & ~ALL_STRING_FORMATS) | stringFormats(s, fm & ALL_STRING_FORMATS);
  if (ctx.maxExamples > 0 && s.length <= 200) addExample(node, kept(s, ctx), ctx.maxExamples);
}

function overWith(s: string): EnumOver {
  const o = new EnumOver();
  o.ls = s;
  return o;
}

/** Count a number at `node` (the caller counts `n`). */
export function addNumber(node: Node, v: number, ctx: AddContext): void {
  if (!Number.isFinite(v)) {
    node.nul++; // JSON has no NaN/Infinity: JSON.stringify writes null
    return;
  }
  if (Number.isInteger(v)) {
    if (node.k !== K_INT) addKind(node, K_INT);
    const fm = node.fm;
    if (fm > ALL_STRING_FORMATS) node.fm = (fm & ALL_STRING_FORMATS) | (numberFormats(v, fm >> NF_SHIFT) << NF_SHIFT);
  } else {
    if (node.k !== K_FLT) addKind(node, K_FLT);
    node.fm &= ALL_STRING_FORMATS;
  }
  if (ctx.maxExamples > 0) addExample(node, v, ctx.maxExamples);
}

/**
 * Count `v` at `node`. Recurses into objects and arrays; below {@link MAX_RECURSION} levels the
 * work is pushed onto `ctx.queue` (drained by {@link addSample}).
 */
export function addValue(node: Node, v: unknown, depth: number, ctx: AddContext): void {
  switch (typeof v) {
    case 'string':
      node.n++;
      addString(node, v, ctx);
      return;
    case 'number':
      node.n++;
      addNumber(node, v, ctx);
      return;
    case 'boolean':
      node.n++;
      if (node.k !== K_BOOL) addKind(node, K_BOOL);
      if (ctx.maxExamples > 0) addExample(node, v, ctx.maxExamples);
      return;
    case 'bigint':
      node.n++;
      if (node.k !== K_INT) addKind(node, K_INT);
      node.fm &= ALL_STRING_FORMATS;
      return;
    case 'object':
      break;
    default:
      // undefined, functions, symbols: JSON.stringify writes null in arrays (handled by the caller for keys)
      node.n++;
      node.nul++;
      return;
  }
  node.n++;
  if (v === null) {
    node.nul++;
    return;
  }
  if (depth - ctx.base >= MAX_RECURSION) {
    // Undo the count: the queued visit counts again.
    node.n--;
    ctx.queue.push(node, v, depth);
    return;
  }
  if (Array.isArray(v)) {
    if (node.k !== K_ARR) addKind(node, K_ARR);
    const len = v.length;
    if (len === 0) {
      node.rare().ea++;
      return;
    }
    let items = node.items;
    if (items === null) items = node.items = new Node();
    for (let i = 0; i < len; i++) addValue(items, v[i], depth + 1, ctx);
    return;
  }
  if (node.k !== K_OBJ) addKind(node, K_OBJ);
  const o = v as Record<string, unknown>;
  let oi = node.o;
  if (oi === null) oi = node.o = new ObjInfo();
  let ck = oi.ck;
  let cn = oi.cn;
  // Positions the key cache may fill: none on the first object at a path (often the only one:
  // one big sample), so a wide or one-off object costs no cache arrays, only its Map entries.
  let limit = KEY_CACHE_MAX;
  if (ck === null) {
    if (node.obj === 1) {
      ck = NO_KEYS;
      cn = NO_NODES;
      limit = 0;
    } else {
      ck = oi.ck = [];
      cn = oi.cn = [];
    }
  }
  let seen = 0;
  // for-in allocates nothing (V8's enum cache) and, for plain objects when Object.prototype
  // has no enumerable keys, yields exactly the own enumerable keys; anything else takes Object.keys.
  // Key cache: a key equal to the one at the same position last time reuses its node (no Map look-up).
  if (ctx.protoClean && Object.getPrototypeOf(o) === Object.prototype) {
    // The body stays inside the for-in so V8 can read `o[k]` through the enum cache.
    for (const k in o) {
      const cv = o[k];
      if (cv === undefined || typeof cv === 'function' || typeof cv === 'symbol') continue; // JSON.stringify drops these keys
      let c: Node;
      if (seen < ck.length && ck[seen] === k) c = cn![seen]!;
      else {
        c = childAt(oi, k, seen);
        if (seen < limit) {
          ck[seen] = k;
          cn![seen] = c;
        }
      }
      seen++;
      // Strings inline (the most common value; measured ~4% of the walk on GitHub payloads).
      if (typeof cv === 'string') {
        c.n++;
        addString(c, cv, ctx);
      } else addValue(c, cv, depth + 1, ctx);
    }
  } else {
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length; i++) seen = visitKey(oi, o, keys[i]!, seen, ck, cn!, limit, depth, ctx);
  }
  if (seen === 0) oi.eo++;
}

const EMPTY = Object.freeze({});
/** The key cache of a path's first object: empty and never written (see addValue). */
const NO_KEYS: string[] = [];
const NO_NODES: Node[] = [];

function visitKey(oi: ObjInfo, o: Record<string, unknown>, k: string, seen: number, ck: string[], cn: Node[], limit: number, depth: number, ctx: AddContext): number {
  const cv = o[k];
  if (cv === undefined || typeof cv === 'function' || typeof cv === 'symbol') return seen; // JSON.stringify drops these keys
  let c: Node;
  if (seen < ck.length && ck[seen] === k) c = cn[seen]!;
  else {
    c = childAt(oi, k, seen);
    if (seen < limit) {
      ck[seen] = k;
      cn[seen] = c;
    }
  }
  addValue(c, cv, depth + 1, ctx);
  return seen + 1;
}

/** True when Object.prototype has no enumerable keys (so for-in over a plain object sees own keys only). */
export function prototypeIsClean(): boolean {
  for (const k in EMPTY) {
    void k;
    return false;
  }
  return true;
}

/** Count one whole sample at `root`, draining deferred deep work iteratively. */
export function addSample(root: Node, sample: unknown, maxExamples: number): void {
  const ctx: AddContext = { maxExamples, queue: [], base: 0, protoClean: prototypeIsClean() };
  addValue(root, sample, 0, ctx);
  const q = ctx.queue;
  while (q.length > 0) {
    const depth = q.pop() as number;
    const v = q.pop();
    const node = q.pop() as Node;
    if (depth > MAX_DEPTH) throw new RangeError('fieldkit: sample nested deeper than 1,000,000 levels (circular?)');
    ctx.base = depth;
    addValue(node, v, depth, ctx);
  }
}

function mergeExamples(a: Example[] | null, b: Example[] | null, max: number): Example[] | null {
  if (b === null || b.length === 0) return a;
  if (a === null || a.length === 0) return b.slice();
  const all = a.concat(b).sort(compareExamples);
  const out: Example[] = [];
  for (const v of all) if (out.length === 0 || compareExamples(out[out.length - 1]!, v) !== 0) out.push(v);
  if (out.length > max) out.length = max;
  return out;
}

/**
 * Add `src`'s counts into `dst`. Iterative below {@link MAX_RECURSION}. With `consume`, `src` is
 * given up: subtrees `dst` lacks are moved over instead of copied (regrouping partitions, where
 * most of each event type's tree is its own, costs O(shared part) instead of O(everything)).
 */
export function mergeNode(dst: Node, src: Node, maxExamples: number, consume = false): void {
  const queue: Node[] = [];
  mergeRec(dst, src, 0, maxExamples, queue, consume);
  while (queue.length > 0) {
    const s = queue.pop()!;
    const d = queue.pop()!;
    mergeRec(d, s, 0, maxExamples, queue, consume);
  }
}

function mergeRec(dst: Node, src: Node, depth: number, maxExamples: number, queue: Node[], consume: boolean): void {
  if (depth >= MAX_RECURSION) {
    queue.push(dst, src);
    return;
  }
  mergeCounts(dst, src);
  dst.fm &= src.fm;
  const so = src.o;
  if (so !== null && so.eo !== 0) dst.objInfo().eo += so.eo;
  const sx = src.x;
  if (sx !== null && sx.ea !== 0) dst.rare().ea += sx.ea;
  const sev = src.ev;
  if (sev instanceof EnumOver) {
    if (!(dst.ev instanceof EnumOver)) {
      dst.ev = new EnumOver();
      dst.c1 = 0;
    }
  } else if (typeof sev === 'string') countValue(dst, sev, src.c1);
  else if (sev !== null) {
    if (consume && dst.ev === null) dst.ev = sev;
    else for (const [k, c] of sev) countValue(dst, k, c);
  }
  if (maxExamples > 0 && sx !== null) {
    const ex = dst.ex;
    const merged = mergeExamples(ex, sx.ex, maxExamples);
    if (merged !== ex) dst.rare().ex = merged;
  }
  const sp = so === null ? null : so.props;
  if (sp !== null) {
    for (const [k, sc] of sp) {
      if (consume) {
        let dp = dst.props;
        const dc = dp === null ? undefined : dp.get(k);
        if (dc === undefined) {
          if (dp === null) dp = dst.objInfo().props = new Map();
          dp.set(k, sc);
          continue;
        }
        mergeRec(dc, sc, depth + 1, maxExamples, queue, consume);
      } else mergeRec(dst.child(k), sc, depth + 1, maxExamples, queue, consume);
    }
  }
  if (src.items !== null) {
    if (dst.items === null) {
      if (consume) {
        dst.items = src.items;
        return;
      }
      dst.items = new Node();
    }
    mergeRec(dst.items, src.items, depth + 1, maxExamples, queue, consume);
  }
}

let walkPrimed = false;

/**
 * Run the walk over values of every kind at shared paths before the first real sample (once per
 * process, well under a millisecond; called by the inferrer's first use, not at import). V8
 * optimises addValue and its helpers for the calls it has seen run; a kind-counting call first met
 * after that (the first float at a path, a path that turns mixed) threw the optimised code away, a
 * 10-20 ms recompile in the second inference of a process (github: trace-deopt "Insufficient type
 * feedback for call"). Several rounds on fresh roots, so that the first-value calls also run after
 * V8 starts recording feedback. Returns true once done.
 */
export function primeWalk(): boolean {
  if (walkPrimed) return true;
  walkPrimed = true;
  const kinds: unknown[] = [1, 1.5, 'x', true, null, { a: 1, b: 'z' }, [1, 'y', undefined], 'long text '.repeat(5), 2 ** 60, -3, false, [], {}, 'x@y.co'];
  for (let round = 0; round < 6; round++) {
    const root = new Node();
    for (let i = 0; i < kinds.length; i++) {
      const sample: Record<string, unknown> = {};
      for (let j = 0; j < kinds.length; j++) sample['k' + j] = kinds[(i + j) % kinds.length];
      addSample(root, sample, round % 2);
      addSample(root, [sample.k0, sample.k1], round % 2);
    }
    // Merged trees (enum tracking given up by a merge, mixed kinds) take more samples.
    const merged = new Node();
    mergeNode(merged, root, round % 2);
    for (let i = 0; i < kinds.length; i++) addSample(merged, { k0: kinds[i], k1: 'long text '.repeat(5) + i, k2: 'x' + i }, round % 2);
  }
  return true;
}
