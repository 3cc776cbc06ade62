// The "all events, one type each" export must be the same discriminated shape the inferrer writes,
// so it validates every sample of every event and round-trips through listVariants.
import { describe, expect, it } from 'vitest';
import { inferSchema, listVariants, schemaToFields } from '@fieldkit/core';
import { createValidator } from '@fieldkit/core/validate';
import { ITERABLE_EXAMPLE_SAMPLES } from '../src/examples/iterable.js';
import { unionSchema, type UnionMember } from '../src/lib/union.js';

function members(): UnionMember[] {
  return listVariants(inferSchema(ITERABLE_EXAMPLE_SAMPLES)).map((v) => {
    const r = schemaToFields(v.schema);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return { name: v.name, value: v.value, fields: r.value };
  });
}

describe('unionSchema', () => {
  it('validates every example sample and rejects an unknown event type', () => {
    const schema = unionSchema(members(), { discriminator: 'eventName', draft: '2020-12', title: 'IterableEmail' });
    const v = createValidator(schema);
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    for (const s of ITERABLE_EXAMPLE_SAMPLES) expect(v.value(s).ok).toBe(true);
    expect(v.value({ ...(ITERABLE_EXAMPLE_SAMPLES[0] as object), eventName: 'emailBounce' }).ok).toBe(false);
  });

  it('round-trips through listVariants (draft-07 uses definitions)', () => {
    const m = members();
    const schema = unionSchema(m, { discriminator: 'eventName', draft: 'draft-07', title: 'IterableEmail' });
    expect(Object.keys(schema.definitions ?? {})).toEqual(m.map((x) => x.name));
    expect(schema.$defs).toBeUndefined();
    expect(listVariants(schema).map((x) => x.value)).toEqual(m.map((x) => x.value));
  });

  it('keeps a "__proto__" event name as data', () => {
    const m: UnionMember[] = [{ name: '__proto__', value: '__proto__', fields: members()[0]!.fields }];
    const schema = unionSchema(m, { discriminator: 'eventName', draft: '2020-12', title: 'T' });
    expect(Object.keys(schema.$defs ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(schema.$defs)).toBe(Object.prototype);
  });
});
