/**
 * Bug (found by the hostile-key laws, in the tests' own ajv setup): ajv by default reads
 * inherited members, so a payload WITHOUT an optional `constructor` or `toString` key was checked
 * as if it had one (`{}.constructor` is the Object function) and failed "must be boolean".
 * Validators must look at own properties only; this pins it for createValidator and our helper.
 */
import { describe, expect, it } from 'vitest';
import { inferSchema } from '@fieldkit/core';
import { createValidator } from '@fieldkit/core/validate';
import { failingSamples } from '../helpers/ajv.js';

const samples = [JSON.parse('{"constructor":false,"toString":"x","valueOf":1,"__proto__":{"a":1}}') as unknown, {}];

describe('optional keys named like Object.prototype members', () => {
  const schema = inferSchema(samples);

  it('are optional in the inferred schema', () => {
    expect(schema.required ?? []).toEqual([]);
  });

  it('a payload without them is valid (createValidator)', () => {
    const v = createValidator(schema);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    for (const s of samples) expect(v.value(s).issues).toEqual([]);
    // and a wrong type in an own property is still caught
    expect(v.value({ constructor: 'not a boolean' }).ok).toBe(false);
  });

  it('a payload without them is valid (test helper)', () => {
    expect(failingSamples(schema, samples)).toEqual([]);
    expect(failingSamples(schema, [{ toString: 1 }])).toHaveLength(1);
  });
});
