import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOM_FORMATS } from '../formats.js';
import { createField, fieldsToSchema } from '../fields/index.js';
import { inferSchema } from '../infer/index.js';
import type { JSONSchema } from '../types.js';
import { rootSchemaArb } from '../fields/schema-arbitrary.test-util.js';
import { buildPresetBody, buildRequestBody, exampleBody, PRESETS, presetFields, valuesFromPaths } from './index.js';

function makeAjv() {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv, { mode: 'full' });
  for (const [name, def] of Object.entries(CUSTOM_FORMATS)) {
    if (def.type === 'string') ajv.addFormat(name, { type: 'string', validate: (v: string) => def.validate(v) });
    else ajv.addFormat(name, { type: 'number', validate: (v: number) => def.validate(v) });
  }
  return ajv;
}
const ajv = makeAjv();
const validates = (schema: JSONSchema, data: unknown) => {
  const v = ajv.compile(schema as object);
  const okay = v(data);
  return okay ? 'valid' : JSON.stringify(v.errors);
};

const fields = [
  createField({ name: 'email', type: 'email' }),
  createField({ name: 'age', type: 'integer', optional: true }),
  createField({ name: 'score', type: 'number', optional: true }),
  createField({ name: 'vip', type: 'boolean', optional: true }),
  createField({ name: 'signedUpAt', type: 'date-time-space', optional: true }),
  createField({ name: 'plan', optional: true, enum: ['free', 'pro'] }),
  createField({ name: 'meta', type: 'any', optional: true }),
  createField({ name: 'nick', optional: true, nullable: true }),
  createField({ name: 'code', optional: true, extra: { minLength: 3, pattern: '^[A-Z]+$' } }),
  createField({
    name: 'items',
    type: 'array',
    optional: true,
    of: createField({ name: '', type: 'object', properties: [createField({ name: 'sku' }), createField({ name: 'qty', type: 'integer', optional: true })] }),
  }),
  createField({ name: 'a.b', optional: true }),
];

describe('buildRequestBody', () => {
  it('coerces form strings to the field types and omits empty optional values', () => {
    const r = buildRequestBody(fields, {
      email: 'a@b.co',
      age: ' 42 ',
      score: '4.5',
      vip: 'TRUE',
      signedUpAt: '2024-05-01 12:00:00 +00:00',
      plan: 'pro',
      meta: '{"x": [1, 2]}',
      nick: null,
      code: '',
      items: [{ sku: 'A1', qty: '2' }, { sku: '', qty: '' }],
      'a.b': 'dotted',
    });
    expect(r).toEqual({
      ok: true,
      issues: [],
      value: { email: 'a@b.co', age: 42, score: 4.5, vip: true, signedUpAt: '2024-05-01 12:00:00 +00:00', plan: 'pro', meta: { x: [1, 2] }, nick: null, items: [{ sku: 'A1', qty: 2 }], 'a.b': 'dotted' },
    });
    expect(validates(fieldsToSchema(fields), r.ok && r.value)).toBe('valid');
  });

  it('reports every problem on its field path, with messages people read', () => {
    const r = buildRequestBody(fields, { age: '4.5', vip: 'yes', signedUpAt: '05/01/2024', plan: 'gold', code: 'ab', items: [{ qty: 'x' }], emial: 'a@b.co' });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['body/unknown', ['emial'], '"emial" is not a field; did you mean "email"? (typo? 1 character different)'],
      ['body/missing', ['email'], '"email" is required.'],
      ['body/type', ['age'], '"age" must be a whole number (e.g. 42); got "4.5".'],
      ['body/type', ['vip'], '"vip" must be true or false; got "yes".'],
      ['body/format', ['signedUpAt'], '"signedUpAt" must be a date and time like 2024-05-01 12:00:00 +00:00 (e.g. 2024-05-01 12:00:00 +00:00); got "05/01/2024".'],
      ['body/enum', ['plan'], '"plan" must be one of "free", "pro"; got "gold".'],
      ['body/constraint', ['code'], '"code" must be at least 3 characters long.'],
      ['body/constraint', ['code'], '"code" must match the pattern ^[A-Z]+$.'],
      ['body/missing', ['items', 0, 'sku'], '"items[0].sku" is required.'],
      ['body/type', ['items', 0, 'qty'], '"items[0].qty" must be a whole number (e.g. 42); got "x".'],
    ]);
  });

  it('takes JSON text for objects and arrays, and null only where allowed', () => {
    const r = buildRequestBody(fields, { email: 'a@b.co', items: '[{"sku": "Z", "qty": 3}]' });
    expect(r.ok && r.value).toEqual({ email: 'a@b.co', items: [{ sku: 'Z', qty: 3 }] });
    const bad = buildRequestBody(fields, { email: null, items: '{oops' });
    expect(bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['body/null', ['email']],
      ['body/type', ['items']],
    ]);
  });

  it('an object field without properties (JSON Schema {type: object}) takes any key', () => {
    const f = [createField({ name: 'meta', type: 'object', properties: undefined, optional: true }), createField({ name: 'closed', type: 'object', optional: true })];
    delete f[0]!.properties;
    const r = buildRequestBody(f, { meta: { a: '1', b: 'x' }, closed: { z: '1' } });
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([['body/unknown', ['closed', 'z']]]);
    const ok = buildRequestBody(f, { meta: { a: '1', b: 'x' } });
    expect(ok.ok && ok.value).toEqual({ meta: { a: 1, b: 'x' } });
  });

  it('keeps __proto__ keys as data', () => {
    const f = [createField({ name: '__proto__', type: 'integer' })];
    const r = buildRequestBody(f, JSON.parse('{"__proto__": "7"}'));
    if (!r.ok) throw new Error('expected ok');
    expect(Object.keys(r.value as object)).toEqual(['__proto__']);
    expect(JSON.stringify(r.value)).toBe('{"__proto__":7}');
  });
});

describe('valuesFromPaths', () => {
  it('turns dotted paths into the nested values tree (digits are indices, \\. escapes a dot)', () => {
    const r = valuesFromPaths([
      ['email', 'a@b.co'],
      ['items.0.sku', 'A1'],
      ['items.1.sku', 'B2'],
      ['a\\.b', 'x'],
    ]);
    expect(r.ok && r.value).toEqual({ email: 'a@b.co', items: [{ sku: 'A1' }, { sku: 'B2' }], 'a.b': 'x' });
    const bad = valuesFromPaths([
      ['a', '1'],
      ['a.b', '2'],
      ['x..y', '3'],
    ]);
    expect(bad.issues.map((i) => i.code)).toEqual(['body/path', 'body/path']);
  });
});

describe('Iterable presets', () => {
  const dataFields = [createField({ name: 'plan', enum: ['free', 'pro'] }), createField({ name: 'seats', type: 'integer', optional: true })];

  it('users/update places the designed data fields under dataFields', () => {
    const p = PRESETS['iterable.users/update']!;
    expect(p.url).toBe('https://api.iterable.com/api/users/update');
    expect(p.method).toBe('POST');
    expect(p.headers).toEqual({ 'Api-Key': '$ITERABLE_API_KEY' });
    const r = buildPresetBody('iterable.users/update', dataFields, { email: 'a@b.co', dataFields: { plan: 'pro', seats: '5' }, mergeNestedObjects: 'true' });
    expect(r.ok && r.value).toEqual({ email: 'a@b.co', dataFields: { plan: 'pro', seats: 5 }, mergeNestedObjects: true });
    const near = buildPresetBody('iterable.users/update', dataFields, { email: 'a@b.co', dataFields: { Plan: 'pro' } });
    expect(near.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['body/unknown', ['dataFields', 'Plan'], '"dataFields.Plan" is not a field; did you mean "plan"? (different case)'],
      ['body/missing', ['dataFields', 'plan'], '"dataFields.plan" is required.'],
    ]);
    const noUser = buildPresetBody('iterable.users/update', dataFields, { dataFields: { plan: 'pro' } });
    expect(noUser.issues.map((i) => [i.code, i.message])).toEqual([['body/one-of', 'Give "email" or "userId": Iterable identifies the user by email or userId.']]);
  });

  it('users/update without designed fields accepts any data field (JSON or text)', () => {
    const r = buildPresetBody('iterable.users/update', undefined, { userId: 'u1', dataFields: { n: '3', s: 'hello', o: '{"a":1}' } });
    expect(r.ok && r.value).toEqual({ userId: 'u1', dataFields: { n: 3, s: 'hello', o: { a: 1 } } });
  });

  it('events/track needs eventName; createdAt is unix seconds', () => {
    const r = buildPresetBody('iterable.events/track', dataFields, { email: 'a@b.co', eventName: 'signup', createdAt: '1714564800', dataFields: { plan: 'free' }, campaignId: '12' });
    expect(r.ok && r.value).toEqual({ email: 'a@b.co', eventName: 'signup', createdAt: 1714564800, dataFields: { plan: 'free' }, campaignId: 12 });
    const bad = buildPresetBody('iterable.events/track', undefined, { userId: 'u', id: 'order 1', createdAt: '2024-05-01' });
    expect(bad.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['body/missing', ['eventName'], '"eventName" is required.'],
      ['body/constraint', ['id'], '"id" must match the pattern ^[A-Za-z0-9-]+$.'],
      ['body/type', ['createdAt'], '"createdAt" must be a unix time in seconds (e.g. 1714564800); got "2024-05-01".'],
    ]);
  });

  it('commerce/trackPurchase: user, items with required id/name/price/quantity, total', () => {
    const r = buildPresetBody('iterable.commerce/trackPurchase', dataFields, {
      user: { email: 'a@b.co', dataFields: { vip: 'true' } },
      items: [{ id: 'p1', name: 'Shoe', price: '59.9', quantity: '1', categories: '["shoes"]' }],
      total: '59.9',
      dataFields: { plan: 'pro' },
    });
    expect(r.ok && r.value).toEqual({
      user: { email: 'a@b.co', dataFields: { vip: true } },
      items: [{ id: 'p1', name: 'Shoe', price: 59.9, quantity: 1, categories: ['shoes'] }],
      total: 59.9,
      dataFields: { plan: 'pro' },
    });
    const bad = buildPresetBody('iterable.commerce/trackPurchase', undefined, { user: { dataFields: {} }, items: [{ sku: 'x' }] });
    expect(bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['body/missing', ['items', 0, 'id']],
      ['body/missing', ['items', 0, 'name']],
      ['body/missing', ['items', 0, 'price']],
      ['body/missing', ['items', 0, 'quantity']],
      ['body/missing', ['total']],
      ['body/one-of', ['user']],
    ]);
  });

  it('lists/subscribe puts data fields on every subscriber', () => {
    const fields = presetFields(PRESETS['iterable.lists/subscribe']!, dataFields);
    const subs = fields.find((f) => f.name === 'subscribers')!;
    expect(subs.of!.properties!.find((f) => f.name === 'dataFields')!.properties!.map((f) => f.name)).toEqual(['plan', 'seats']);
    const r = buildPresetBody('iterable.lists/subscribe', dataFields, { listId: '42', subscribers: [{ email: 'a@b.co', dataFields: { plan: 'free' } }, { dataFields: { plan: 'pro' } }] });
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([['body/one-of', ['subscribers', 1]]]);
    const good = buildPresetBody('iterable.lists/subscribe', dataFields, { listId: '42', subscribers: [{ userId: 'u1', dataFields: { plan: 'free' } }], updateExistingUsersOnly: 'false' });
    expect(good.ok && good.value).toEqual({ listId: 42, subscribers: [{ userId: 'u1', dataFields: { plan: 'free' } }], updateExistingUsersOnly: false });
  });

  it('an unknown preset id suggests the closest', () => {
    const r = buildPresetBody('iterable.user/update', undefined, {});
    expect(r.issues[0]).toMatchObject({ code: 'body/preset', suggestion: 'iterable.users/update' });
  });

  it('every preset schema compiles and its example body validates', () => {
    for (const p of Object.values(PRESETS)) expect([p.id, validates(p.schema, exampleBody(p.schema))]).toEqual([p.id, 'valid']);
  });
});

describe('exampleBody', () => {
  it('validates against random schemas in the field model subset (ajv + formats)', () => {
    fc.assert(
      fc.property(rootSchemaArb, (s) => {
        expect(validates(s, exampleBody(s))).toBe('valid');
      }),
      { numRuns: 200 },
    );
  });

  it('validates against schemas inferred from random JSON', () => {
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }), { minLength: 1, maxLength: 4 }), (samples) => {
        const s = inferSchema(samples, { stats: true });
        expect(validates(s, exampleBody(s))).toBe('valid');
      }),
      { numRuns: 150 },
    );
  });

  it('uses format-correct values, enums and constraints', () => {
    const s: JSONSchema = {
      type: 'object',
      $defs: { Id: { type: 'string', format: 'uuid' } },
      properties: {
        when: { type: 'string', format: 'date-time' },
        ts: { type: 'integer', format: 'unix-time' },
        kind: { enum: ['a', 'b'] },
        id: { $ref: '#/$defs/Id' },
        n: { type: 'integer', minimum: 10, multipleOf: 7 },
        s: { type: 'string', minLength: 6 },
        ex: { type: 'string', examples: ['hello'] },
      },
      required: ['when'],
    };
    expect(exampleBody(s)).toEqual({ when: '2024-05-01T12:00:00Z', ts: 1714564800, kind: 'a', id: '123e4567-e89b-12d3-a456-426614174000', n: 14, s: 'textxx', ex: 'hello' });
    expect(validates(s, exampleBody(s))).toBe('valid');
  });
});

describe('regressions found by qa', () => {
  // Form values nested thousands of levels deep (e.g. JSON pasted into an "any" field's row, or a generated
  // --values file) overflowed the stack in buildRequestBody's blank check instead of coming back as an issue.
  it('refuses_values_nested_thousands_of_levels_with_an_issue', () => {
    let v: unknown = 'x';
    for (let i = 0; i < 3000; i++) v = { a: v };
    const r = buildRequestBody([createField({ name: 'a', type: 'any', optional: true })], v as Record<string, unknown>);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['body/depth']);
    expect(r.issues[0]!.path.slice(0, 2)).toEqual(['a', 'a']);
  });

  // In a free-form object (Iterable's dataFields without designed fields) `dataFields.seats=5` gave 5 but
  // `dataFields.plan.seats=5` gave "5" and `dataFields.tags.0=7` gave ["7"]: only the first level of an "any"
  // value had its text read as JSON, so the type depended on how deep the path was.
  it('reads_text_as_json_at_every_level_of_a_free_form_value', () => {
    const tree = valuesFromPaths([['email', 'a@b.co'], ['dataFields.top', '5'], ['dataFields.plan.seats', '5'], ['dataFields.plan.name', 'pro'], ['dataFields.tags.0', '7'], ['dataFields.plan.on', 'true']]);
    if (!tree.ok) throw new Error(JSON.stringify(tree.issues));
    const r = buildPresetBody('iterable.users/update', undefined, tree.value);
    expect(r.ok && r.value).toEqual({ email: 'a@b.co', dataFields: { top: 5, plan: { seats: 5, name: 'pro', on: true }, tags: [7] } });
    // JSON text is taken as written: a string inside it stays a string.
    const j = buildRequestBody([createField({ name: 'x', type: 'any' })], { x: '{"zip":"01234","n":"5"}' });
    expect(j.ok && j.value).toEqual({ x: { zip: '01234', n: '5' } });
  });

  // trackPurchase without a user reported only "total is required" (the preset's "email or userId" rule ran only
  // once every field was right, so problems came one run at a time), and a purchase with no items or a list
  // subscription with no subscribers was built as items: [] / subscribers: [] and exit 0.
  it('reports_preset_rules_with_field_problems_and_refuses_empty_required_lists', () => {
    const purchase = buildPresetBody('iterable.commerce/trackPurchase', undefined, { items: { 0: { id: '1', name: 'Hat', price: '9.99', quantity: '2' } } });
    expect(purchase.ok).toBe(false);
    expect(purchase.issues.map((i) => [i.code, i.path])).toEqual([
      ['body/missing', ['total']],
      ['body/one-of', ['user']],
    ]);
    const noItems = buildPresetBody('iterable.commerce/trackPurchase', undefined, { user: { email: 'a@b.co' }, total: '5' });
    expect(noItems.issues.map((i) => [i.code, i.path, i.message])).toEqual([['body/missing', ['items'], '"items" is required: give at least 1 item.']]);
    const nobody = buildPresetBody('iterable.lists/subscribe', undefined, { listId: '1' });
    expect(nobody.issues.map((i) => [i.code, i.path])).toEqual([['body/missing', ['subscribers']]]);
    // Blank rows are skipped, as buildRequestBody skips them; a row with only data fields needs a user.
    const rows = buildPresetBody('iterable.lists/subscribe', undefined, { listId: '1', subscribers: [{ email: 'a@b.co' }, { email: '' }, { dataFields: { x: '1' } }] });
    expect(rows.issues.map((i) => [i.code, i.path])).toEqual([['body/one-of', ['subscribers', 2]]]);
    const fine = buildPresetBody('iterable.lists/subscribe', undefined, { listId: '1', subscribers: [{ email: 'a@b.co' }, { userId: 'u2' }] });
    expect(fine.ok && fine.value).toEqual({ listId: 1, subscribers: [{ email: 'a@b.co' }, { userId: 'u2' }] });
  });

  // A fuzz run (hostile.test.ts) ran the process out of memory: exampleBody built `minItems` items and padded
  // strings to `minLength` however large ({ minItems: 1e9 }, lists of lists of 1000), and buildRequestBody
  // counted up to a row number's value ({ items: { "4294967294": … } } meant four billion steps).
  it('stays_bounded_on_huge_minItems_minLength_and_row_numbers', () => {
    expect(exampleBody({ type: 'array', minItems: 1e9, items: { type: 'string' } })).toBeNull();
    const nested = exampleBody({ type: 'array', minItems: 1000, items: { type: 'array', minItems: 1000, items: { type: 'array', minItems: 1000 } } });
    expect(JSON.stringify(nested).length).toBeLessThan(2_000_000);
    expect(typeof exampleBody({ type: 'string', minLength: 1e12 })).toBe('string');
    // Real sizes are untouched: 3 items of at least 5 characters.
    expect(exampleBody({ type: 'array', minItems: 3, items: { type: 'string', minLength: 5 } })).toEqual(['textx', 'textx', 'textx']);
    const f = [createField({ name: 'items', type: 'array', of: createField({ name: '', type: 'integer' }) })];
    const r = buildRequestBody(f, { items: { '4294967294': '7', '2': '5' } });
    expect(r.ok && r.value).toEqual({ items: [5, 7] });
    const sparse: unknown[] = [];
    sparse[2 ** 31] = '1';
    const r2 = buildRequestBody(f, { items: sparse });
    expect(r2.ok && r2.value).toEqual({ items: [1] });
    expect(buildRequestBody(f, { items: { a: '1' } }).issues.map((i) => i.code)).toEqual(['body/type']);
  });

  // exampleBody followed required properties without bound: a 3,000-level schema overflowed the stack.
  it('gives_an_example_for_a_schema_nested_thousands_of_levels_without_overflowing', () => {
    let s: JSONSchema = { type: 'string' };
    for (let i = 0; i < 3000; i++) s = { type: 'object', properties: { a: s }, required: ['a'] };
    let ex = exampleBody(s);
    let levels = 0;
    while (typeof ex === 'object' && ex !== null) {
      ex = (ex as { a: unknown }).a;
      levels++;
    }
    expect(ex).toBeNull();
    expect(levels).toBe(1001);
  });
});
