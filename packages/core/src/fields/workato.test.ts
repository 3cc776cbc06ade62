import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createField, fieldsFromWorkato, fieldsToSchema, fieldsToWorkato, schemaToFields, workatoExportLosses } from './index.js';
import type { WorkatoField } from './workato.js';

const nameArb = fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.constantFrom('__proto__', 'first name', 'constructor'));
const attrs = fc.record(
  {
    label: fc.string({ maxLength: 5 }),
    hint: fc.string({ maxLength: 5 }),
    sticky: fc.boolean(),
    control_type: fc.constantFrom('text', 'number', 'checkbox', 'date_time', 'text-area', 'email', 'url'),
    default: fc.string({ maxLength: 3 }),
    ngIf: fc.constant('input.kind == "x"'),
    toggle_hint: fc.string({ maxLength: 3 }),
    optional: fc.boolean(),
  },
  { requiredKeys: [] },
);
const prim = fc.constantFrom('string', 'integer', 'number', 'boolean', 'date', 'date_time', 'timestamp');

const workatoArb: fc.Arbitrary<WorkatoField[]> = fc.letrec<{ list: WorkatoField[]; field: WorkatoField }>((tie) => ({
  list: fc.uniqueArray(tie('field'), { maxLength: 4, selector: (f) => f.name }),
  field: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(nameArb, fc.option(prim), attrs).map(([name, type, a]) => ({ name, ...(type ? { type } : {}), ...a })),
    fc.tuple(nameArb, attrs, fc.constantFrom(['a', 'b'], [1, 2])).map(([name, a, vals]) => ({ name, type: 'string', ...a, control_type: 'select', pick_list: vals.map((v) => [`L${v}`, v]) })),
    fc.tuple(nameArb, attrs, tie('list')).map(([name, a, properties]) => ({ name, type: 'object', ...a, properties })),
    fc.tuple(nameArb, attrs, tie('list')).map(([name, a, properties]) => ({ name, type: 'array', of: 'object', ...a, properties })),
    fc.tuple(nameArb, attrs, prim).map(([name, a, of]) => ({ name, type: 'array', of, ...a })),
  ),
})).list;

describe('Workato schema import/export', () => {
  it('round-trips: fieldsToWorkato(fieldsFromWorkato(w)) equals w', () => {
    fc.assert(
      fc.property(workatoArb, (w) => {
        const json = JSON.parse(JSON.stringify(w));
        const r = fieldsFromWorkato(json);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(JSON.parse(JSON.stringify(fieldsToWorkato(r.value)))).toEqual(json);
        // …and through JSON Schema too: the Workato attributes ride along as x-workato. (A JS object
        // lists integer-like keys first, so field order survives a schema only without such names.)
        if (/"name":"(0|[1-9]\d*)"/.test(JSON.stringify(w))) return;
        const viaSchema = schemaToFields(JSON.parse(JSON.stringify(fieldsToSchema(r.value))));
        expect(viaSchema.ok && JSON.parse(JSON.stringify(fieldsToWorkato(viaSchema.value)))).toEqual(json);
      }),
      { numRuns: 200 },
    );
  });

  it('maps Workato types and arrays of objects to fields', () => {
    const r = fieldsFromWorkato([
      { name: 'email', type: 'string', control_type: 'email', optional: false, label: 'Email' },
      { name: 'signed_up', type: 'timestamp', optional: true },
      { name: 'birthday', type: 'date' },
      { name: 'items', type: 'array', of: 'object', properties: [{ name: 'sku', type: 'string' }, { name: 'qty', type: 'integer', optional: true }] },
      { name: 'tags', type: 'array', of: 'string' },
      { name: 'plan', type: 'string', control_type: 'select', pick_list: [['Free', 'free'], ['Pro', 'pro']] },
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.map((f) => [f.name, f.type, f.optional])).toEqual([
      ['email', 'email', false],
      ['signed_up', 'date-time', true],
      ['birthday', 'date', false],
      ['items', 'array', false],
      ['tags', 'array', false],
      ['plan', 'string', false],
    ]);
    expect(r.value[3]!.of!.properties!.map((p) => [p.name, p.type, p.optional])).toEqual([
      ['sku', 'string', false],
      ['qty', 'integer', true],
    ]);
    expect(r.value[4]!.of!.type).toBe('string');
    expect(r.value[5]!.enum).toEqual(['free', 'pro']);
  });

  it('exports fields designed in fieldkit with control types and pick lists', () => {
    const out = fieldsToWorkato([
      createField({ name: 'email', type: 'email', label: 'Email' }),
      createField({ name: 'age', type: 'integer', optional: true }),
      createField({ name: 'when', type: 'date-time-space' }),
      createField({ name: 'plan', enum: ['free', 'pro'] }),
      createField({ name: 'items', type: 'array', of: createField({ name: '', type: 'object', properties: [createField({ name: 'sku' })] }) }),
    ]);
    expect(out).toEqual([
      { name: 'email', label: 'Email', type: 'string', optional: false, control_type: 'email' },
      { name: 'age', type: 'integer', optional: true, control_type: 'number' },
      { name: 'when', type: 'date_time', optional: false, control_type: 'date_time' },
      { name: 'plan', type: 'string', optional: false, control_type: 'select', pick_list: [['free', 'free'], ['pro', 'pro']] },
      { name: 'items', type: 'array', optional: false, of: 'object', properties: [{ name: 'sku', type: 'string', optional: false, control_type: 'text' }] },
    ]);
  });

  // Regression (qa): schema -> Workato -> schema lost every email and URL check: an email field was exported as
  // { type: 'string', control_type: 'email' } but imported back as a plain string, so the schema made from the
  // Workato file no longer had format "email" (same for control_type 'url' and format "uri").
  it('keeps_email_and_url_fields_through_a_workato_round_trip', () => {
    const designed = [createField({ name: 'email', type: 'email' }), createField({ name: 'site', type: 'uri', optional: true }), createField({ name: 'note' })];
    const w = JSON.parse(JSON.stringify(fieldsToWorkato(designed)));
    const back = fieldsFromWorkato(w);
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    expect(back.value.map((f) => [f.name, f.type, f.optional])).toEqual([['email', 'email', false], ['site', 'uri', true], ['note', 'string', false]]);
    const schema = fieldsToSchema(back.value) as { properties: Record<string, { format?: string }> };
    expect([schema.properties.email!.format, schema.properties.site!.format, schema.properties.note!.format]).toEqual(['email', 'uri', undefined]);
    // …and the Workato file comes back unchanged, also when it left `type` out (Workato's default string).
    expect(JSON.parse(JSON.stringify(fieldsToWorkato(back.value)))).toEqual(w);
    const untyped = [{ name: 'contact', control_type: 'email' }];
    const r = fieldsFromWorkato(untyped);
    expect(r.ok && r.value[0]!.type).toBe('email');
    expect(r.ok && JSON.parse(JSON.stringify(fieldsToWorkato(r.value)))).toEqual(untyped);
  });

  // Regression (qa): a Workato schema nested thousands of levels deep overflowed the stack (RangeError).
  it('refuses_a_workato_schema_nested_thousands_of_levels', () => {
    let w: unknown = [{ name: 'leaf' }];
    for (let i = 0; i < 3000; i++) w = [{ name: 'a', type: 'object', properties: w }];
    const r = fieldsFromWorkato(w);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['fields/depth']);
    expect(r.issues[0]!.path.slice(0, 3)).toEqual([0, 'properties', 0]);
  });

  // Regression (qa): a Workato file with two fields of the same name failed with "Two fields are named "plan";
  // the second is skipped." — but nothing was skipped, the whole import failed; and a typo'd type ("strnig")
  // was only "unknown", with no hint at the type meant.
  it('names_both_duplicate_fields_and_suggests_the_workato_type_meant', () => {
    const dup = fieldsFromWorkato([{ name: 'plan' }, { name: 'seats', type: 'integer' }, { name: 'plan', type: 'integer' }]);
    expect(dup.ok).toBe(false);
    expect(dup.issues.map((i) => [i.message, i.path])).toEqual([['Fields 0 and 2 are both named "plan"; names must be unique among siblings.', [2, 'name']]]);
    const typo = fieldsFromWorkato([{ name: 'a', type: 'strnig' }]);
    expect(typo.ok).toBe(true);
    expect(typo.issues[0]!.suggestion).toBe('string');
    expect(typo.issues[0]!.message).toContain('(did you mean "string"?)');
  });

  // Regression (qa): `fieldkit fields --to workato` silently dropped what Workato can't express — a uuid
  // or unix-time format, pattern/minimum/const — so a person exporting an inferred schema lost checks without a word.
  it('says_what_a_workato_export_leaves_out', () => {
    const r = schemaToFields({
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid', pattern: '^[a-f0-9-]+$' },
        note: { type: ['string', 'null'] },
        email: { type: 'string', format: 'email' },
        kind: { const: 'a' },
        tags: { type: 'array', items: { type: 'integer', format: 'unix-time' } },
        items: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer', minimum: 1 } } } },
        grid: { type: 'array', items: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } } },
        anyRows: { type: 'array', items: { type: 'array' } },
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(workatoExportLosses(r.value).map((i) => [i.path, i.message])).toEqual([
      [['id'], 'Workato has no place for the format uuid (exported as string), the schema keyword "pattern" on "id"; left out.'],
      [['kind'], 'Workato has no place for the schema keyword "const" on "kind"; left out.'],
      [['tags', 0], 'Workato has no place for the format unix-time (exported as integer) on the items of "tags"; left out.'],
      [['items', 0, 'n'], 'Workato has no place for the schema keyword "minimum" on "n"; left out.'],
      // An array of arrays exports as "of": "array": what the inner arrays hold is lost (an inner array of anything is not).
      [['grid', 0], 'Workato describes one level of array: the items of "grid" are arrays, exported as arrays of anything; what they hold is left out.'],
    ]);
    // A Workato file read back loses nothing on its way out again.
    const w = fieldsFromWorkato([{ name: 'a', type: 'string', control_type: 'email', sticky: true }, { name: 'b', type: 'array', of: 'object', properties: [{ name: 'c', type: 'timestamp' }] }]);
    expect(w.ok && workatoExportLosses(w.value)).toEqual([]);
  });

  it('reports bad input with index paths', () => {
    const r = fieldsFromWorkato([{ type: 'string' }, 'x', { name: 'a', type: 'weird' }]);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.severity, i.path])).toEqual([
      ['fields/workato', 'error', [0, 'name']],
      ['fields/workato', 'error', [1]],
      ['fields/workato', 'warning', [2, 'type']],
    ]);
    expect(fieldsFromWorkato({}).ok).toBe(false);
  });
});
