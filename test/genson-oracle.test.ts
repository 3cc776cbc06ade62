/**
 * genson-js (0.0.8) as a differential oracle: where both our schema and genson's describe a
 * path, they must agree on the JSON types there and on which keys are required. Style
 * differences are normalised away (helpers/shape.ts): integer vs number, formats, enums, maps,
 * discriminated unions. Keys genson itself mishandles (it builds plain `{}` counters, so
 * `constructor`/`__proto__` break it) are kept out of the random samples here; hostile keys
 * are tested in hostile.test.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCompoundSchema } from 'genson-js';
import { inferSchema } from '@fieldkit/core';
import { NUM_RUNS, webhookSamples } from './helpers/arbitraries.js';
import { listFixtureNames, loadFixture } from './helpers/fixtures.js';
import { shapeMap } from './helpers/shape.js';

/** Disagreements between our shape and genson's, one readable line each. */
function disagreements(ours: unknown, theirs: unknown): string[] {
  const a = shapeMap(ours);
  const b = shapeMap(theirs);
  const out: string[] = [];
  const fmt = (s: Set<string>) => JSON.stringify([...s].sort());
  for (const [path, o] of a) {
    const g = b.get(path);
    if (!g || o.any || o.types.size === 0 || g.types.size === 0) continue;
    if (fmt(o.types) !== fmt(g.types)) out.push(`${path}: types ours ${fmt(o.types)} vs genson ${fmt(g.types)}`);
    if (!o.map && o.required && g.required && fmt(o.required) !== fmt(g.required)) out.push(`${path}: required ours ${fmt(o.required)} vs genson ${fmt(g.required)}`);
  }
  return out;
}

describe('genson-js differential oracle', () => {
  for (const name of listFixtureNames()) {
    it(`agrees with genson on types and required keys: ${name}`, () => {
      const fx = loadFixture(name);
      const ours = inferSchema(fx.samples, fx.options);
      const theirs = createCompoundSchema(fx.samples);
      expect(disagreements(ours, theirs)).toEqual([]);
      // the comparison must have had something to compare
      expect([...shapeMap(ours).keys()].filter((p) => shapeMap(theirs).has(p)).length).toBeGreaterThan(3);
    });
  }

  for (const name of listFixtureNames()) {
    const fx = loadFixture(name);
    const schema = inferSchema(fx.samples, fx.options);
    const key = schema['x-fieldkit-discriminator'];
    if (typeof key !== 'string') continue;
    it(`agrees with genson variant by variant (required keys per event type): ${name}`, () => {
      const defs = (schema.$defs ?? schema.definitions) as Record<string, Record<string, unknown>>;
      const variants = Object.values(defs);
      expect(variants.length).toBeGreaterThan(1);
      for (const v of variants) {
        const value = v.title;
        const group = fx.samples.filter((x) => (x as Record<string, unknown>)[key] === value);
        expect(group.length, `samples for ${key}=${String(value)}`).toBeGreaterThan(0);
        expect(disagreements({ ...v, $defs: defs }, createCompoundSchema(group))).toEqual([]);
      }
    });
  }

  it('agrees with genson on random webhook-like samples', () => {
    fc.assert(
      fc.property(webhookSamples, (samples) => {
        expect(disagreements(inferSchema(samples), createCompoundSchema(samples))).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('the normalisation itself sees a disagreement when there is one', () => {
    // Guard against a comparison that can never fail: a wrong type and a wrong required set are caught.
    const theirs = createCompoundSchema([{ a: 1, b: 'x' }, { a: 2 }]);
    expect(disagreements({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a', 'b'] }, theirs)).toEqual([
      '$: required ours ["a","b"] vs genson ["a"]',
      '$."a": types ours ["string"] vs genson ["number"]',
    ]);
  });
});
