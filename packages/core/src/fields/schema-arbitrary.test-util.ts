import fc from 'fast-check';
import type { JSONSchemaObject } from '../types.js';

/**
 * Random schemas inside the supported subset of the fields ↔ schema law, shaped like the
 * inferrer's output plus hand-written keywords (kept in `extra`). Test-only helper.
 */
const keyArb = fc.oneof(
  { weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'first name', '<b>x</b>', 'a.b', 'email\u200b') },
);

const scalar = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null));

const annotations = fc.record(
  {
    title: fc.string({ maxLength: 6 }),
    description: fc.string({ maxLength: 10 }),
    examples: fc.array(scalar, { maxLength: 3 }),
    'x-fieldkit-stats': fc.record({ seen: fc.nat(50), total: fc.nat(50) }),
    minLength: fc.nat(5),
    default: scalar,
    'x-custom': fc.string({ maxLength: 3 }),
  },
  { requiredKeys: [] },
);

const formatFor: Record<string, string[]> = {
  string: ['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'ipv4', 'ipv6', 'iso-date-time', 'date-time-space', 'hostname'],
  integer: ['unix-time', 'unix-time-ms'],
  number: ['unix-time'],
};

const leaf: fc.Arbitrary<JSONSchemaObject> = fc
  .tuple(
    fc.constantFrom('string', 'integer', 'number', 'boolean', 'null'),
    fc.boolean(),
    fc.option(fc.nat(20)),
    fc.option(fc.array(scalar, { minLength: 1, maxLength: 3 })),
    annotations,
    fc.array(fc.oneof(fc.string({ minLength: 5, maxLength: 6 }), fc.integer()), { minLength: 1, maxLength: 3 }),
  )
  .map(([t, nullable, fmtIdx, en, ann, typedEnum]) => {
    const s: JSONSchemaObject = { ...ann };
    s.type = (nullable && t !== 'null' ? [t, 'null'] : t) as JSONSchemaObject['type'];
    const fmts = formatFor[t];
    if (fmts && fmtIdx !== null) s.format = fmts[fmtIdx % fmts.length];
    if (en) {
      // Satisfiable enums (exampleBody needs one valid member): values of the type, no format clash.
      const fits = typedEnum.filter((v) => (t === 'string' ? typeof v === 'string' && !s.format : t === 'integer' || t === 'number' ? typeof v === 'number' && !s.format : false));
      s.enum = fits.length > 0 ? fits : t === 'boolean' ? [true] : t === 'null' ? [null] : nullable ? [null] : en;
      if (s.enum === en) delete s.enum;
    }
    return s;
  });

const anyLike: fc.Arbitrary<JSONSchemaObject> = fc.oneof(
  fc.constant({}),
  fc.constant({ type: ['string', 'integer'] } as JSONSchemaObject),
  fc.constant({ type: ['null', 'string'] } as JSONSchemaObject),
  fc.constant({ anyOf: [{ type: 'string' }, { type: 'object', properties: { a: { type: 'integer' } } }] } as JSONSchemaObject),
  fc.constant({ const: 'x' } as JSONSchemaObject),
);

/** `properties` (untrusted keys kept as data) and `required` in property order, as the inferrer writes them. */
function propertiesAndRequired(entries: readonly (readonly [string, JSONSchemaObject, boolean])[]): { properties: Record<string, JSONSchemaObject>; required: string[] } {
  const properties: Record<string, JSONSchemaObject> = {};
  const req = new Set<string>();
  for (const [k, v, r] of entries) {
    Object.defineProperty(properties, k, { value: v, enumerable: true, writable: true, configurable: true });
    if (r) req.add(k);
  }
  return { properties, required: Object.keys(properties).filter((k) => req.has(k)) };
}

function objectOf(child: fc.Arbitrary<JSONSchemaObject>): fc.Arbitrary<JSONSchemaObject> {
  return fc
    .tuple(fc.uniqueArray(fc.tuple(keyArb, child, fc.boolean()), { maxLength: 4, selector: (e) => e[0] }), fc.boolean(), fc.boolean(), annotations)
    .map(([entries, emptyRequired, nullable, ann]) => {
      const { properties, required } = propertiesAndRequired(entries);
      const s: JSONSchemaObject = { type: nullable ? ['object', 'null'] : 'object', properties };
      if (required.length > 0 || emptyRequired) s.required = required;
      if (ann.title !== undefined) s.title = ann.title;
      if (ann['x-fieldkit-stats'] !== undefined) s['x-fieldkit-stats'] = ann['x-fieldkit-stats'];
      return s;
    });
}

/** A random property schema (depth-limited). */
export const propertySchemaArb: fc.Arbitrary<JSONSchemaObject> = fc.letrec<{ node: JSONSchemaObject }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: anyLike },
    { weight: 2, arbitrary: objectOf(tie('node')) },
    { weight: 2, arbitrary: fc.tuple(fc.option(tie('node')), fc.boolean()).map(([items, n]) => (items ? { type: n ? ['array', 'null'] : 'array', items } : { type: 'array' }) as JSONSchemaObject) },
    { weight: 1, arbitrary: leaf.map((v) => ({ type: 'object', additionalProperties: v }) as JSONSchemaObject) },
  ),
})).node;

/** A random root schema: `$schema` + an object with properties. */
export const rootSchemaArb: fc.Arbitrary<JSONSchemaObject> = fc
  .tuple(fc.uniqueArray(fc.tuple(keyArb, propertySchemaArb, fc.boolean()), { maxLength: 5, selector: (e) => e[0] }))
  .map(([entries]) => {
    const { properties, required } = propertiesAndRequired(entries);
    const s: JSONSchemaObject = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties };
    if (required.length > 0) s.required = required;
    return s;
  });
