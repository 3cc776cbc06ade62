/**
 * InferenceState: the plain-data form of an inferrer (what `Inferrer.state` returns and
 * `inferrerFromState` reads). Nodes are stored FLAT (an array; children by index), so the
 * JSON of a 5,000-level sample's state is shallow and JSON.stringify/parse never recurse deeply.
 */
import { issue, type Issue } from '../errors.js';
import { ALL_NUMBER_FORMATS, ALL_STRING_FORMATS, ENUM_TRACK, Node, type Example } from './node.js';

/** One node of the flat state. Counters as in the in-memory tree; children are indices into `nodes`. */
export interface NodeState {
  /** values seen / null / boolean / integer / non-integer number / string / object / array / empty object / empty array */
  n: number;
  nul: number;
  bool: number;
  int: number;
  flt: number;
  str: number;
  obj: number;
  arr: number;
  eo: number;
  ea: number;
  /** Bit set of string formats every string satisfied. */
  sf: number;
  /** Bit set of integer formats (epoch seconds / millis) every number satisfied. */
  nf: number;
  /** Distinct strings with counts, or null when there were too many (or long ones) to be an enum. */
  sv: [string, number][] | null;
  /** Kept examples (only when the inferrer collects them). */
  ex?: Example[];
  /** Property children, first-appearance order: [key, node index]. */
  props?: [string, number][];
  /** Array element node index. */
  items?: number;
}

/** A group of root samples sharing the values of the tracked event-type keys. */
export interface PartitionState {
  /** [key, value] pairs, in key priority order. */
  tag: [string, string][];
  /** Index of the group's root node. */
  root: number;
}

/** Plain, JSON-serialisable inference state (see {@link NodeState}). */
export interface InferenceState {
  format: 'fieldkit-inference-state';
  version: 1;
  /** Samples added. */
  count: number;
  /** Examples kept per path (0 = none collected). */
  maxExamples: number;
  /** Extra event-type keys tracked besides the built-in list (from options/hints), sorted. */
  keys: string[];
  /** Tracked keys given up on (too many distinct values). */
  dropped: string[];
  /** Distinct values seen per tracked key. */
  values: [string, string[]][];
  partitions: PartitionState[];
  nodes: NodeState[];
}

/** Serialise a node tree into `nodes`, returning the root index. Iterative (any depth). */
export function flattenNode(root: Node, nodes: NodeState[]): number {
  const rootIndex = nodes.length;
  const work: [Node, number][] = [[root, rootIndex]];
  nodes.push(undefined as unknown as NodeState);
  while (work.length > 0) {
    const [node, index] = work.pop()!;
    const s: NodeState = {
      n: node.n, nul: node.nul, bool: node.bool, int: node.int, flt: node.flt, str: node.str,
      obj: node.obj, arr: node.arr, eo: node.eo, ea: node.ea, sf: node.sf, nf: node.nf,
      sv: node.svOver ? null : [...(node.values() ?? [])],
    };
    if (node.ex !== null && node.ex.length > 0) s.ex = node.ex.slice();
    if (node.props !== null && node.props.size > 0) {
      const props: [string, number][] = [];
      for (const [k, c] of node.props) {
        const ci = nodes.length;
        nodes.push(undefined as unknown as NodeState);
        props.push([k, ci]);
        work.push([c, ci]);
      }
      s.props = props;
    }
    if (node.items !== null) {
      const ci = nodes.length;
      nodes.push(undefined as unknown as NodeState);
      s.items = ci;
      work.push([node.items, ci]);
    }
    nodes[index] = s;
  }
  return rootIndex;
}

const COUNTERS = ['n', 'nul', 'bool', 'int', 'flt', 'str', 'obj', 'arr', 'eo', 'ea'] as const;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Rebuild node trees from a state read from anywhere (a file, another worker). Checks every
 * field; each node may be referenced once (no sharing, no cycles). Returns the partition roots.
 */
export function readState(raw: unknown): { ok: true; state: InferenceState; roots: Node[] } | { ok: false; issues: Issue[] } {
  const bad = (message: string, path: (string | number)[] = []) => ({ ok: false as const, issues: [issue('infer/state', message, { path })] });
  if (!isObj(raw)) return bad('An inference state must be an object');
  if (raw.format !== 'fieldkit-inference-state') return bad('Not a fieldkit inference state (format is not "fieldkit-inference-state")', ['format']);
  if (raw.version !== 1) return bad(`Unsupported inference state version ${JSON.stringify(raw.version)} (expected 1)`, ['version']);
  if (!isCount(raw.count)) return bad('count must be a non-negative integer', ['count']);
  if (!isCount(raw.maxExamples)) return bad('maxExamples must be a non-negative integer', ['maxExamples']);
  const strList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!strList(raw.keys)) return bad('keys must be a list of strings', ['keys']);
  if (!strList(raw.dropped)) return bad('dropped must be a list of strings', ['dropped']);
  if (!Array.isArray(raw.values) || !raw.values.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && strList(e[1])))
    return bad('values must be a list of [key, [values…]] pairs', ['values']);
  if (!Array.isArray(raw.nodes)) return bad('nodes must be a list', ['nodes']);
  if (!Array.isArray(raw.partitions)) return bad('partitions must be a list', ['partitions']);
  const nodesRaw = raw.nodes as unknown[];
  const built: (Node | undefined)[] = new Array(nodesRaw.length);
  const used = new Uint8Array(nodesRaw.length);
  const take = (i: unknown): Node | string => {
    if (!isCount(i) || i >= nodesRaw.length) return `node index ${JSON.stringify(i)} is out of range`;
    if (used[i]) return `node ${i} is referenced twice`;
    used[i] = 1;
    const node = new Node();
    built[i] = node;
    return node;
  };
  const roots: Node[] = [];
  const work: number[] = [];
  const parts = raw.partitions as unknown[];
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (!isObj(part) || !Array.isArray(part.tag) || !part.tag.every((t) => Array.isArray(t) && t.length === 2 && typeof t[0] === 'string' && typeof t[1] === 'string'))
      return bad('a partition must be { tag: [[key, value]…], root }', ['partitions', p]);
    const r = take(part.root);
    if (typeof r === 'string') return bad(r, ['partitions', p, 'root']);
    roots.push(r);
    work.push(part.root as number);
  }
  while (work.length > 0) {
    const i = work.pop()!;
    const s = nodesRaw[i];
    const node = built[i]!;
    if (!isObj(s)) return bad('a node must be an object', ['nodes', i]);
    for (const c of COUNTERS) if (!isCount(s[c])) return bad(`${c} must be a non-negative integer`, ['nodes', i, c]);
    // By kind code (K_BOOL…K_ARR in node.ts).
    node.setCounts(s.n as number, s.nul as number, [s.bool as number, s.int as number, s.flt as number, s.str as number, s.obj as number, s.arr as number]);
    if (s.eo !== 0) node.objInfo().eo = s.eo as number;
    if (s.ea !== 0) node.rare().ea = s.ea as number;
    if (!isCount(s.sf) || s.sf > ALL_STRING_FORMATS) return bad('sf must be a format bit set', ['nodes', i, 'sf']);
    if (!isCount(s.nf) || s.nf > ALL_NUMBER_FORMATS) return bad('nf must be a format bit set', ['nodes', i, 'nf']);
    node.setFormats(s.sf, s.nf);
    if (s.sv === null) node.setValues(null);
    else if (Array.isArray(s.sv) && s.sv.length <= ENUM_TRACK && s.sv.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && isCount(e[1]) && e[1] > 0)) {
      if (s.sv.length > 0) node.setValues(new Map(s.sv as [string, number][]));
    } else return bad(`sv must be null or at most ${ENUM_TRACK} [string, count] pairs`, ['nodes', i, 'sv']);
    if (s.ex !== undefined) {
      if (!Array.isArray(s.ex) || !s.ex.every((e) => typeof e === 'string' || typeof e === 'boolean' || (typeof e === 'number' && Number.isFinite(e))))
        return bad('ex must be a list of primitive values', ['nodes', i, 'ex']);
      node.rare().ex = s.ex.slice() as Example[];
    }
    if (s.props !== undefined) {
      if (!Array.isArray(s.props)) return bad('props must be a list of [key, index] pairs', ['nodes', i, 'props']);
      const map = new Map<string, Node>();
      for (let j = 0; j < s.props.length; j++) {
        const e = s.props[j];
        if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string') return bad('props must be a list of [key, index] pairs', ['nodes', i, 'props', j]);
        if (map.has(e[0])) return bad(`duplicate property ${JSON.stringify(e[0])}`, ['nodes', i, 'props', j]);
        const c = take(e[1]);
        if (typeof c === 'string') return bad(c, ['nodes', i, 'props', j]);
        map.set(e[0], c);
        work.push(e[1] as number);
      }
      node.objInfo().props = map;
    }
    if (s.items !== undefined) {
      const c = take(s.items);
      if (typeof c === 'string') return bad(c, ['nodes', i, 'items']);
      node.items = c;
      work.push(s.items as number);
    }
  }
  return { ok: true, state: raw as unknown as InferenceState, roots };
}
