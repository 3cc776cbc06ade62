/**
 * Reduce a schema (ours or genson-js's) to what both can say about a path: the set of JSON
 * types there and, where objects are seen, the required keys. Normalised so the differential
 * test compares meaning, not style:
 * - `integer` counts as `number` (genson widens integer+number to number; we may keep integer);
 * - `format`, `enum`, `const`, annotations are dropped (a `const`/`enum` without `type` gives
 *   the types of its values);
 * - `anyOf`/`oneOf` branches (and `$ref`s into `$defs`/`definitions`) are unioned: types are
 *   the union, required keys the intersection over object branches, properties the union;
 * - a map (`additionalProperties` schema, no `properties`) stops the walk: genson lists each key;
 * - a branch allowing anything (`{}`: a key only ever seen as null) makes the path's types unknown.
 * Paths look like `$."dataFields"."campaignId"` and `$."items"[]`.
 */
export interface PathShape {
  types: Set<string>;
  /** Required keys when objects are described at this path; undefined when not an object path. */
  required?: Set<string>;
  /** True when our schema describes this object path as a map (genson cannot). */
  map?: boolean;
  /** True when some branch allows any value (`{}`, `true`): the type set says nothing then. */
  any?: boolean;
}

type S = Record<string, unknown>;
const isObj = (v: unknown): v is S => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return 'number';
  return typeof v;
}

function resolve(root: S, s: S): S {
  const ref = s.$ref;
  if (typeof ref !== 'string') return s;
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (!m) return s;
  const defs = root[m[1]!];
  const name = m[2]!.replace(/~1/g, '/').replace(/~0/g, '~');
  return isObj(defs) && isObj(defs[name]) ? (defs[name] as S) : s;
}

/** Flatten anyOf/oneOf/$ref into the plain branches that describe a value. */
function branches(root: S, s: unknown): S[] {
  if (s === true || (isObj(s) && Object.keys(s).length === 0)) return [{}];
  if (!isObj(s)) return [];
  const r = resolve(root, s);
  const alts = (r.anyOf ?? r.oneOf) as unknown[] | undefined;
  if (Array.isArray(alts)) return alts.flatMap((a) => branches(root, a));
  return [r];
}

function typesOf(b: S): string[] {
  const t = b.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t as string[];
  if ('const' in b) return [jsonType(b.const)];
  if (Array.isArray(b.enum)) return b.enum.map(jsonType);
  if (isObj(b.properties) || isObj(b.additionalProperties)) return ['object'];
  if ('items' in b) return ['array'];
  return [];
}

export function shapeMap(schema: unknown): Map<string, PathShape> {
  const out = new Map<string, PathShape>();
  const root = isObj(schema) ? schema : {};
  const walk = (s: unknown, path: string, depth: number) => {
    if (depth > 200) return;
    const bs = branches(root, s);
    const types = new Set<string>();
    const shape: PathShape = { types };
    out.set(path, shape);
    const objectBranches: S[] = [];
    const itemSchemas: unknown[] = [];
    for (const b of bs) {
      if (typesOf(b).length === 0) shape.any = true;
      for (const t of typesOf(b)) types.add(t === 'integer' ? 'number' : t);
      if (typesOf(b).includes('object')) objectBranches.push(b);
      if (typesOf(b).includes('array') && b.items !== undefined) itemSchemas.push(b.items);
    }
    if (objectBranches.length) {
      const isMap = objectBranches.some((b) => b.properties === undefined && isObj(b.additionalProperties));
      if (isMap) shape.map = true;
      else {
        let req: Set<string> | undefined;
        const props = new Map<string, unknown[]>();
        for (const b of objectBranches) {
          const r = new Set(Array.isArray(b.required) ? (b.required as string[]) : []);
          req = req ? new Set([...req].filter((k) => r.has(k))) : r;
          if (isObj(b.properties)) for (const k of Object.keys(b.properties)) props.set(k, [...(props.get(k) ?? []), b.properties[k]]);
        }
        shape.required = req ?? new Set();
        for (const [k, subs] of props) walk({ anyOf: subs }, `${path}.${JSON.stringify(k)}`, depth + 1);
      }
    }
    if (itemSchemas.length) walk({ anyOf: itemSchemas }, `${path}[]`, depth + 1);
  };
  walk(schema, '$', 0);
  return out;
}
