/**
 * The Inferrer: samples grouped by the values of event-type keys (`eventName`, `type`,
 * `action`…) into partitions, each with its own node tree. A sample is added to exactly one
 * partition, so grouping costs a few key look-ups per sample; `toSchema` picks the
 * discriminator (or none) from the final groups and merges partitions as needed. Groups are
 * a pure function of the samples (keys with too many values, or too many groups, are given up
 * by fixed rules), so the state does not depend on sample order or merge order.
 */
import { fail, FieldkitError, ok, type Issue, type Result } from '../errors.js';
import type { JSONSchemaObject } from '../types.js';
import { DISCRIMINATOR_KEYS, DISCRIMINATOR_MAX_VALUES, MAX_PARTITIONS, isTagValue } from './heuristics.js';
import { addSample, detach, EnumOver, K_STR, MAX_RECURSION, mergeNode, Node, primeWalk } from './node.js';
import { checkHintsAgainst } from './hints.js';
import { DEFAULT_INFER_OPTIONS, DEFAULT_MAX_DEPTH, type Hint, type InferOptions, type TextReaderOptions } from './options.js';
import { flattenNode, readState, type InferenceState, type NodeState, type PartitionState } from './state.js';
import { rootStrings, scanSamples, type ScanLayout } from './scan.js';
import { createTextReader, type TextReader } from './text.js';
import { assembleSchema, compileHints, nodeToSchema, type Variant } from './to-schema.js';

/** Grows a schema sample by sample; see CONTRACTS.md §1. */
export interface Inferrer {
  /** Add one parsed sample (any JSON value). */
  add(sample: unknown): void;
  /** A streaming reader: write text chunks (split anywhere), each value becomes a sample. */
  createTextReader(opts?: TextReaderOptions): TextReader;
  /** Add everything another inferrer (or a saved state) saw. Associative and commutative. Throws FieldkitError on an invalid state. */
  merge(other: Inferrer | InferenceState): void;
  /** Plain JSON data (a fresh snapshot on each read); `inferrerFromState` reads it back. */
  readonly state: InferenceState;
  /** Samples added (including merged ones). */
  readonly count: number;
  /** The schema for everything added so far; options override those given at creation. */
  toSchema(opts?: Partial<InferOptions>): JSONSchemaObject;
  /**
   * Warnings for hints (default: the creation options' hints) that match no path in the
   * samples (`infer/hint-unused`, with a suggestion for a near-miss key) or name no known hint.
   */
  checkHints(hints?: Record<string, Hint | Hint[]>): Issue[];
}

interface Partition {
  tag: [string, string][];
  root: Node;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The one string value a node saw (the first sample's root children: see InferrerImpl.sampleDone), else null. */
function onlyString(c: Node): string | null {
  if (c.n !== 1 || c.k !== K_STR) return null;
  const ev = c.ev;
  return typeof ev === 'string' ? ev : ev instanceof EnumOver ? ev.ls : null;
}

function tagString(tag: [string, string][]): string {
  let s = '';
  for (const [k, v] of tag) s += k + '\u0000' + v + '\u0001';
  return s;
}

/** Root keys the options name as discriminators (option or `discriminator` hints on a root path). */
function namedKeys(opts: InferOptions): string[] {
  const out = new Set<string>();
  if (typeof opts.discriminator === 'string') out.add(opts.discriminator);
  for (const c of compileHints(opts.hints)) {
    if (c.segs.length === 1 && c.segs[0] !== '*' && c.hints.includes('discriminator')) out.add(c.segs[0]!);
  }
  return [...out];
}

/** Tracked keys in priority order: named ones (sorted), then the built-in list; none when splitting is off. */
function trackedKeys(named: string[], on: boolean): string[] {
  if (!on) return [];
  const extra = [...new Set(named)].sort();
  return [...extra, ...DISCRIMINATOR_KEYS.filter((k) => !extra.includes(k))];
}

class InferrerImpl implements Inferrer {
  readonly opts: InferOptions;
  readonly maxExamples: number;
  /** Tracked event-type keys in priority order: named keys (sorted), then the built-in list. */
  keys: string[];
  named: Set<string>;
  dropped = new Set<string>();
  /** `live` as a set, for the text scanner (cleared on regroup). */
  liveSet: Set<string> | null = null;
  /** Partition by value when exactly one key is tracked (cleared on regroup). */
  byValue = new Map<string, Partition>();
  /** Tracked keys not given up, in priority order. */
  live: string[] = [];
  values = new Map<string, Set<string>>();
  parts = new Map<string, Partition>();
  n = 0;
  /** Set when a scan into this inferrer stopped part-way ({@link scanLinesInto}): its counts are partial. */
  spent = false;
  /** While {@link scanLinesInto} runs: strings kept are copied out of the block (ScanTarget). */
  detachStrings = false;
  /** The first object being scanned, before it has its group (see rootFor). */
  pendingRoot: Node | null = null;

  constructor(opts: InferOptions, maxExamples: number, keys: string[]) {
    this.opts = opts;
    this.maxExamples = maxExamples;
    this.keys = keys;
    this.named = new Set(keys.filter((k) => !DISCRIMINATOR_KEYS.includes(k)));
    for (const k of namedKeys(opts)) this.named.add(k);
    this.live = this.keys.slice();
  }

  get count(): number {
    return this.n;
  }

  add(sample: unknown): void {
    if (this.spent) spentError();
    this.n++;
    let part: Partition | undefined;
    if (this.live.length === 0) part = this.parts.get('');
    else part = this.partitionFor(sample);
    if (part === undefined) {
      part = { tag: [], root: new Node() };
      this.parts.set('', part);
    }
    addSample(part.root, sample, this.maxExamples);
  }

  /**
   * The group of a sample. A tracked key that a sample lacks (or holds a non-tag value in) can
   * never discriminate, so it is given up at once: that keeps groups few when there is no
   * event-type key, and the outcome depends only on the set of samples, not their order.
   */
  partitionFor(sample: unknown): Partition | undefined {
    // Fast path: one tracked key left and a value seen before.
    if (this.live.length === 1 && typeof sample === 'object' && sample !== null) {
      const k = this.live[0]!;
      const v = hasOwn.call(sample, k) ? (sample as Record<string, unknown>)[k] : undefined;
      if (typeof v === 'string') {
        const p = this.byValue.get(v);
        if (p !== undefined) return p;
      }
    }
    let dead = false;
    if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) {
      for (const k of this.live) this.dropped.add(k);
      dead = true;
    } else {
      const o = sample as Record<string, unknown>;
      for (const k of this.live) {
        const v = hasOwn.call(o, k) ? o[k] : undefined;
        if (typeof v !== 'string' || !isTagValue(v, this.named.has(k))) {
          this.dropped.add(k);
          dead = true;
          continue;
        }
        let vs = this.values.get(k);
        if (vs === undefined) this.values.set(k, (vs = new Set()));
        if (!vs.has(v)) {
          vs.add(v);
          if (vs.size > DISCRIMINATOR_MAX_VALUES) {
            this.dropped.add(k);
            dead = true;
          }
        }
      }
    }
    if (dead) {
      this.regroup();
      this.enforceLimits();
    }
    let id = '';
    let tag: [string, string][] | null = null;
    if (this.live.length > 0) {
      const o = sample as Record<string, unknown>;
      tag = [];
      for (const k of this.live) {
        const v = o[k] as string;
        tag.push([k, v]);
        id += k + '\u0000' + v + '\u0001';
      }
    }
    let part = this.parts.get(id);
    if (part === undefined) {
      part = { tag: tag ?? [], root: new Node() };
      this.parts.set(id, part);
      if (this.parts.size > MAX_PARTITIONS && this.enforceLimits()) return this.partitionFor(sample);
    }
    if (tag !== null && tag.length === 1) this.byValue.set(tag[0]![1], part);
    return part;
  }

  /**
   * Give up keys with too many values, then (while there are too many groups) the
   * lowest-priority key still in use; regroup. Returns true when something was dropped.
   */
  enforceLimits(): boolean {
    let changed = false;
    for (const [k, vs] of this.values) {
      if (vs.size > DISCRIMINATOR_MAX_VALUES && !this.dropped.has(k)) {
        this.dropped.add(k);
        changed = true;
      }
    }
    if (changed) this.regroup();
    while (this.parts.size > MAX_PARTITIONS) {
      const inUse = new Set<string>();
      for (const p of this.parts.values()) for (const [k] of p.tag) inUse.add(k);
      const victim = [...this.keys].reverse().find((k) => inUse.has(k));
      if (victim === undefined) break;
      this.dropped.add(victim);
      this.regroup();
      changed = true;
    }
    return changed;
  }

  regroup(): void {
    this.byValue.clear();
    this.liveSet = null;
    this.live = this.keys.filter((k) => !this.dropped.has(k));
    for (const k of this.dropped) this.values.delete(k);
    const old = this.parts;
    this.parts = new Map();
    for (const p of old.values()) {
      const tag = p.tag.filter(([k]) => !this.dropped.has(k));
      const id = tagString(tag);
      const existing = this.parts.get(id);
      if (existing === undefined) this.parts.set(id, { tag, root: p.root });
      else mergeNode(existing.root, p.root, this.maxExamples, true); // the old partition is dropped
    }
  }

  /** Root node for a sample the text scanner found at `start` (see scan.ts); counts the sample. */
  rootFor(text: string, start: number): Node {
    this.n++;
    let part: Partition | undefined;
    if (this.parts.size === 0 && this.live.length > 0 && text.charCodeAt(start) === 123) {
      // The first object: its group is new whatever its event-type values, so it is scanned into
      // a root of its own and given its group afterwards (sampleDone), from the values it left at
      // its root's children, instead of being read twice (rootStrings: a whole extra pass over a
      // one-sample text; 6 % of the wide bench value).
      return (this.pendingRoot = new Node());
    }
    if (this.live.length === 0) part = this.parts.get('');
    else if (text.charCodeAt(start) !== 123) part = this.partitionFor(null);
    else {
      if (this.liveSet === null) this.liveSet = new Set(this.live);
      const found = rootStrings(text, start, this.liveSet);
      if (this.live.length === 1) {
        const v = found.get(this.live[0]!);
        if (typeof v === 'string') part = this.byValue.get(v);
      }
      if (part === undefined) {
        const o: Record<string, unknown> = {};
        const d = this.detachStrings;
        for (const [k, v] of found) Object.defineProperty(o, d ? detach(k) : k, { value: d && v !== null ? detach(v) : v, enumerable: true, writable: true, configurable: true });
        part = this.partitionFor(o);
      }
    }
    if (part === undefined) {
      part = { tag: [], root: new Node() };
      this.parts.set('', part);
    }
    return part.root;
  }

  /** After each scanned sample: gives the first object (rootFor) its group. */
  sampleDone(): void {
    const root = this.pendingRoot;
    if (root === null) return;
    this.pendingRoot = null;
    const o: Record<string, unknown> = {};
    const props = root.props;
    if (props !== null) {
      for (const k of this.live) {
        const c = props.get(k);
        if (c !== undefined) Object.defineProperty(o, k, { value: onlyString(c), enumerable: true, writable: true, configurable: true });
      }
    }
    let part = this.partitionFor(o);
    if (part === undefined) {
      part = { tag: [], root };
      this.parts.set('', part);
    }
    part.root = root; // the group is new (there were none), its root still empty
  }

  createTextReader(opts?: TextReaderOptions): TextReader {
    if (this.spent) spentError();
    return createTextReader((v) => this.add(v), opts);
  }

  merge(other: Inferrer | InferenceState): void {
    if (this.spent) spentError();
    let src: InferrerImpl;
    if (other instanceof InferrerImpl) {
      if (other.spent) spentError();
      src = other;
    } else {
      const r = inferrerFromState(other instanceof Object && 'state' in other && !('format' in other) ? (other as Inferrer).state : other);
      if (!r.ok) throw new FieldkitError(r.issues);
      src = r.value as InferrerImpl;
    }
    if (src === this) src = inferrerFromStateUnchecked(this.state);
    this.n += src.n;
    // A key only one side tracked says nothing about the other side's samples: give it up
    // (unless that side saw no samples).
    const mine = new Set(this.keys);
    const theirs = new Set(src.keys);
    if (src.n > 0) for (const k of this.keys) if (!theirs.has(k)) this.dropped.add(k);
    if (this.n - src.n > 0) for (const k of src.keys) if (!mine.has(k)) this.dropped.add(k);
    for (const k of src.named) this.named.add(k);
    this.keys = trackedKeys([...this.named], this.keys.length > 0 || src.keys.length > 0);
    for (const k of src.dropped) this.dropped.add(k);
    for (const [k, vs] of src.values) {
      let mine = this.values.get(k);
      if (mine === undefined) this.values.set(k, (mine = new Set()));
      for (const v of vs) mine.add(v);
    }
    for (const [id, p] of src.parts) {
      const mine = this.parts.get(id);
      if (mine === undefined) {
        const root = new Node();
        mergeNode(root, p.root, this.maxExamples);
        this.parts.set(id, { tag: p.tag.map(([k, v]) => [k, v] as [string, string]), root });
      } else mergeNode(mine.root, p.root, this.maxExamples);
    }
    this.regroup();
    this.enforceLimits();
  }

  get state(): InferenceState {
    if (this.spent) spentError();
    const nodes: NodeState[] = [];
    const partitions: PartitionState[] = [];
    for (const p of this.parts.values()) partitions.push({ tag: p.tag.map(([k, v]) => [k, v]), root: flattenNode(p.root, nodes) });
    return {
      format: 'fieldkit-inference-state',
      version: 1,
      count: this.n,
      maxExamples: this.maxExamples,
      keys: this.keys.slice(),
      dropped: [...this.dropped].sort(),
      values: [...this.values].map(([k, vs]) => [k, [...vs].sort()] as [string, string[]]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      partitions,
      nodes,
    };
  }

  /** Choose the discriminator key for these options, or null. */
  chooseDiscriminator(opts: InferOptions, hints: ReturnType<typeof compileHints>): { key: string; variants: Variant[] } | null {
    if (opts.discriminator === false || this.parts.size === 0) return null;
    const named = namedKeys(opts);
    const parts = [...this.parts.values()];
    const groupsBy = (key: string): Map<string, Node[]> | null => {
      if (this.dropped.has(key)) return null;
      const groups = new Map<string, Node[]>();
      for (const p of parts) {
        const t = p.tag.find(([k]) => k === key);
        if (t === undefined) return null;
        const g = groups.get(t[1]);
        if (g === undefined) groups.set(t[1], [p.root]);
        else g.push(p.root);
      }
      return groups;
    };
    const toVariants = (groups: Map<string, Node[]>): Variant[] =>
      [...groups].map(([value, roots]) => {
        if (roots.length === 1) return { value, root: roots[0]! };
        const root = new Node();
        for (const r of roots) mergeNode(root, r, this.maxExamples);
        return { value, root };
      });
    if (named.length > 0) {
      for (const key of named) {
        const groups = groupsBy(key);
        if (groups !== null) return { key, variants: toVariants(groups) };
      }
      return null;
    }
    for (const key of this.keys) {
      const groups = groupsBy(key);
      if (groups === null) continue;
      const d = groups.size;
      // Well-known event keys split as soon as two event types differ in shape (a handful of
      // samples of different events is the common case); other keys need each value twice on average.
      if (d < 2 || (!DISCRIMINATOR_KEYS.includes(key) && this.n < 2 * d)) continue;
      const variants = toVariants(groups);
      // Split only when the event types differ in shape (ignoring the discriminator itself).
      const shapes = new Set<string>();
      for (const v of variants) {
        const s = nodeToSchema(v.root, { stats: false, hints, maxExamples: 0 });
        const props = s.properties as Record<string, unknown> | undefined;
        if (props) delete props[key];
        shapes.add(JSON.stringify(s));
        if (shapes.size > 1) break;
      }
      if (shapes.size > 1) return { key, variants };
    }
    return null;
  }

  checkHints(hints?: Record<string, Hint | Hint[]>): Issue[] {
    if (this.spent) spentError();
    return checkHintsAgainst([...this.parts.values()].map((p) => p.root), hints ?? this.opts.hints);
  }

  toSchema(overrides?: Partial<InferOptions>): JSONSchemaObject {
    if (this.spent) spentError();
    const o: InferOptions = { ...this.opts, ...overrides };
    const draft = o.draft ?? DEFAULT_INFER_OPTIONS.draft;
    const stats = o.stats ?? false;
    const hints = compileHints(o.hints);
    const maxDepth = o.maxDepth !== undefined && o.maxDepth > 0 ? o.maxDepth : DEFAULT_MAX_DEPTH;
    const bopts = { draft, stats, hints, maxExamples: this.maxExamples, maxDepth };
    const disc = this.chooseDiscriminator(o, hints);
    if (disc !== null) return assembleSchema(null, disc, bopts);
    let root: Node | null = null;
    if (this.parts.size === 1) root = this.parts.values().next().value!.root;
    else if (this.parts.size > 1) {
      root = new Node();
      for (const p of this.parts.values()) mergeNode(root, p.root, this.maxExamples);
    }
    return assembleSchema(root, null, bopts);
  }
}

function spentError(): never {
  throw new Error('fieldkit: this inferrer is spent (a scanLinesInto call returned -1, so it holds part of a sample); start a new one');
}

/**
 * Scan NDJSON text straight into `inferrer`, without building the values (the scanner of
 * scan.ts): the fast path of streaming readers that can read their input again, such as the
 * CLI's `infer` on a file, which hands it blocks of whole lines. Blank lines are skipped, as a
 * {@link TextReader} in `ndjson` format skips them.
 *
 * Returns the number of samples added, or -1 when the text needs the exact path: a line that is
 * not exactly one JSON value, invalid JSON, a duplicate key (JSON.parse keeps the last one)…
 * After -1 the inferrer holds part of the text and is spent: every later use throws. Start a new
 * inferrer and read the input through {@link Inferrer.createTextReader}, which reports what is
 * wrong and where. The result after a successful scan is exactly that of the reader.
 *
 * `inputStart` (default true): `text` starts an input, so a byte-order mark there is skipped as
 * a reader skips one at its start; false for the later blocks of an input.
 */
export function scanLinesInto(inferrer: Inferrer, text: string, opts: { inputStart?: boolean } = {}): number {
  return scanValuesInto(inferrer, text, { layout: 'ndjson', ...opts });
}

/**
 * Like {@link scanLinesInto}, for any layout of values (scan.ts `ScanLayout`): `ndjson` (one per
 * line), `json` (whitespace-separated, concatenated JSON) or `elements` (comma-separated: a run of
 * whole elements of a JSON array, without its brackets and without a comma at either end). A
 * streaming reader hands it blocks that end where a value ends. Returns the samples added, or -1
 * (the inferrer is then spent; read the input again through the exact reader, which reports what
 * is wrong and where).
 */
export function scanValuesInto(inferrer: Inferrer, text: string, opts: { layout: ScanLayout; inputStart?: boolean }): number {
  if (!(inferrer instanceof InferrerImpl)) throw new TypeError('fieldkit: scanLinesInto and scanValuesInto need an inferrer made by createInferrer or inferrerFromState');
  if (inferrer.spent) spentError();
  const before = inferrer.n;
  inferrer.detachStrings = true;
  try {
    if (scanSamples(text, opts.layout, inferrer, opts.inputStart ?? true)) return inferrer.n - before;
  } finally {
    inferrer.detachStrings = false;
  }
  inferrer.spent = true;
  return -1;
}

/**
 * Scan a whole text straight into a fresh inferrer (scan.ts). Returns null when the text needs
 * the exact path (invalid JSON, duplicate keys…): the caller then starts over with a reader.
 */
export function inferFromTextFast(text: string, ndjson: boolean, opts: InferOptions): Inferrer | null {
  warmUp();
  const inf = new InferrerImpl(opts, examplesFor(opts), trackedKeys(namedKeys(opts), opts.discriminator !== false));
  return scanSamples(text, ndjson ? 'ndjson' : 'json', inf) ? inf : null;
}

function examplesFor(opts: InferOptions): number {
  if (!opts.stats) return 0;
  const m = opts.maxExamples ?? DEFAULT_INFER_OPTIONS.maxExamples;
  return Number.isInteger(m) && m > 0 ? m : 0;
}

/** Start an empty inferrer. With `stats: true` examples are collected as samples are added. */
export function createInferrer(opts: InferOptions = {}): Inferrer {
  warmUp();
  return new InferrerImpl(opts, examplesFor(opts), trackedKeys(namedKeys(opts), opts.discriminator !== false));
}

function inferrerFromStateUnchecked(state: InferenceState): InferrerImpl {
  const r = inferrerFromState(state);
  if (!r.ok) throw new FieldkitError(r.issues);
  return r.value as InferrerImpl;
}

/**
 * Rebuild an inferrer from a state (e.g. read from a file); every field is checked and a
 * malformed state gives `infer/state` issues instead of a throw.
 */
export function inferrerFromState(state: unknown, opts: InferOptions = {}): Result<Inferrer> {
  warmUp();
  const r = readState(state);
  if (!r.ok) return fail(r.issues);
  const s = r.state;
  const inf = new InferrerImpl(opts, s.maxExamples, s.keys.slice());
  inf.n = s.count;
  for (const k of s.dropped) inf.dropped.add(k);
  for (const [k, vs] of s.values) inf.values.set(k, new Set(vs));
  const issues: Issue[] = [];
  s.partitions.forEach((p, i) => {
    const tag = p.tag.map(([k, v]) => [k, v] as [string, string]);
    const id = tagString(tag);
    const existing = inf.parts.get(id);
    if (existing === undefined) inf.parts.set(id, { tag, root: r.roots[i]! });
    else mergeNode(existing.root, r.roots[i]!, inf.maxExamples, true);
  });
  inf.regroup();
  inf.enforceLimits();
  return ok(inf, issues);
}

/** A value nested `levels` deep, objects and arrays alternating (past MAX_RECURSION: the queued paths). */
function nested(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { d: i, c: v };
  return v;
}

/**
 * Small inferences kept alive for the life of the process (see KEEP_NODE_SHAPE_ALIVE in
 * node.ts): they anchor the hidden classes of partitions, contexts and schema objects, so a full
 * GC between two inferences does not discard the optimised code built for them, and they run
 * every branch of the walk and the schema builder (deep values through the queue included) before
 * V8 optimises them, so a branch first met later does not throw that code away. Made on the first
 * use of an inferrer (a few milliseconds, once), not at import.
 */
let SHAPE_ANCHOR: unknown[] | null = null;

function warmUp(): void {
  if (SHAPE_ANCHOR !== null) return;
  SHAPE_ANCHOR = [];
  primeWalk();
  const inf = createInferrer({ stats: true });
  const sample = {
    eventName: 'a', s: 'x', e: 'a@b.co', d: '2024-05-01T12:00:00Z', n: 1, f: 1.5, b: true, z: null,
    o: { k: 'v' }, a: [1, 'x', { k: 1 }], ea: [], eo: {}, m: { '1': 1, '2': 2 }, createdAt: 1714564800,
  };
  for (let i = 0; i < 12; i++) inf.add({ ...sample, eventName: i % 2 ? 'a' : 'b', s: i % 3 ? 'x' : 'y' });
  // Every other shape the schema builder writes (nullable and mixed kinds -> anyOf, formats,
  // enums, epoch integers, maps with propertyNames, empty-only arrays, the depth cut-off): a
  // schema object whose hidden class died in a GC deoptimises the builder on the next call.
  const shapes = createInferrer({ discriminator: false });
  for (let i = 0; i < 12; i++) {
    const odd = i % 2 === 1;
    shapes.add({
      mix: odd ? 'x' : { k: 1 }, mixa: odd ? 1 : [1], mixn: odd ? null : [{ k: 1 }], prim: odd ? 1 : 'x', nul: null, nn: odd ? null : 'x' + i,
      st: odd ? 'open' : 'closed', d: odd ? null : '2024-05-01T12:00:00Z', createdAt: 1714564800 + i, ea: [], no: odd ? null : { k: i },
      byId: { [`${i}`]: { a: i }, [`${i + 20}`]: { a: i } }, deep: { a: { b: { c: 1 } } },
    });
  }
  const deep = createInferrer({ discriminator: false });
  for (let i = 0; i < 2; i++) deep.add(nested(MAX_RECURSION + 50));
  SHAPE_ANCHOR.push(inf, inf.toSchema(), inf.toSchema({ discriminator: false }), shapes, shapes.toSchema(), shapes.toSchema({ maxDepth: 2 }), deep, deep.toSchema());
}

/** The anchor, made on first use (exported so bundlers and linters see it used). */
export function shapeAnchor(): readonly unknown[] {
  warmUp();
  return SHAPE_ANCHOR!;
}
