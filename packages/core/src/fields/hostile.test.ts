import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JSONSchema } from '../types.js';
import { buildPresetBody, buildRequestBody, exampleBody, valuesFromPaths } from '../body/index.js';
import { checkKeys, fieldsFromWorkato, fieldsToSchema, fieldsToWorkato, listVariants, schemaToFields, workatoExportLosses } from './index.js';

/**
 * Any JSON at all, from a user's file or paste box, goes into the field and body tools: they answer with
 * issues and never throw (DESIGN: only programmer errors throw). Keys include prototype names and
 * schema keywords so the walks meet `$ref`, `properties`, `items`, `oneOf`… in odd places.
 */
const key = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('__proto__', 'constructor', 'type', 'properties', 'items', 'required', '$ref', 'oneOf', 'allOf', 'enum', 'const', 'of', 'name', 'x-fieldkit-discriminator', '$defs', 'additionalProperties', 'format', 'minItems', 'pattern'),
);
const scalar = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, '', 'object', 'array', 'string', 'integer', '#', '#/$defs/a', '#/properties', 'date_time', '[', '(', 'email'),
  fc.string({ maxLength: 5 }),
  fc.integer(),
);
const json: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.uniqueArray(fc.tuple(key, tie('v')), { maxLength: 5, selector: (e) => e[0] }).map((entries) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      return o;
    }),
  ),
})).v;

describe('field and body tools on hostile JSON', () => {
  it('never throw, whatever JSON they get', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const s = schemaToFields(a as JSONSchema);
        listVariants(a as JSONSchema);
        exampleBody(a as JSONSchema);
        const w = fieldsFromWorkato(a);
        const fields = s.ok ? s.value : w.ok ? w.value : [];
        fieldsToSchema(fields);
        fieldsToWorkato(fields);
        workatoExportLosses(fields);
        checkKeys(fields, b);
        checkKeys(fields, b, { profile: 'iterable' });
        buildRequestBody(fields, b as Record<string, unknown>);
        buildPresetBody('iterable.lists/subscribe', fields, b as Record<string, unknown>);
        if (typeof b === 'object' && b !== null && !Array.isArray(b)) valuesFromPaths(b as Record<string, unknown>);
        expect(Array.isArray(s.issues)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});
