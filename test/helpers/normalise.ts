/**
 * Schema equality "as a validator sees it": arrays whose order carries no meaning in JSON Schema
 * (`required`, `enum`, `type`, `anyOf`, `oneOf`) are sorted, object key order is ignored (toEqual
 * does that already). The laws compare through this, so an inferrer that lists required keys in
 * first-seen order is not punished for it; everything else must be identical.
 */
const SET_LIKE = new Set(['required', 'enum', 'type', 'anyOf', 'oneOf']);

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return x;
    const o = x as Record<string, unknown>;
    const sorted: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(o).sort()) Object.defineProperty(sorted, k, { value: o[k], enumerable: true, writable: true, configurable: true });
    return sorted;
  });
}

export function normaliseSchema(v: unknown, key?: string): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => normaliseSchema(x));
    return key !== undefined && SET_LIKE.has(key) ? items.sort((a, b) => (stable(a) < stable(b) ? -1 : stable(a) > stable(b) ? 1 : 0)) : items;
  }
  if (typeof v === 'object' && v !== null) {
    // Build with defineProperty: schema property names come from payload keys (`__proto__` included).
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const inner = key === 'properties' || key === '$defs' || key === 'definitions' || key === 'patternProperties' ? normaliseSchema((v as Record<string, unknown>)[k]) : normaliseSchema((v as Record<string, unknown>)[k], k);
      Object.defineProperty(out, k, { value: inner, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}
