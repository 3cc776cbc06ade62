import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsToSchema, schemaToFields, schemaToFieldsWithRoot, listVariants } from './index.js';
import { rootSchemaArb } from './schema-arbitrary.test-util.js';
import { jsonEqual } from './schema-util.js';
import type { JSONSchemaObject } from '../types.js';
import { inferSchema } from '../infer/index.js';

describe('fields ↔ schema law', () => {
  it('fieldsToSchema(schemaToFields(s)) deep-equals s for random schemas in the supported subset', () => {
    fc.assert(
      fc.property(rootSchemaArb, (s) => {
        const r = schemaToFields(s);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const back = fieldsToSchema(r.value);
        expect(jsonEqual(back, s)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('holds for schemas the inferrer writes from random JSON (stats and examples on)', () => {
    const sample = fc.dictionary(fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('eventName', '__proto__', 'first name')), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 5 }), fc.boolean(), (samples, stats) => {
        const s = inferSchema(samples, { stats, discriminator: false });
        const r = schemaToFieldsWithRoot(s);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(jsonEqual(fieldsToSchema(r.value.fields, { root: r.value.root }), s)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('holds per variant for discriminated event streams the inferrer writes', () => {
    const events = [
      { eventName: 'emailOpen', email: 'a@b.co', createdAt: '2024-05-01 12:00:00 +00:00', campaignId: 1 },
      { eventName: 'emailClick', email: 'b@b.co', url: 'https://x.io/a', campaignId: 2 },
      { eventName: 'emailOpen', email: 'c@b.co', createdAt: '2024-05-02 12:00:00 +00:00', campaignId: 3 },
    ];
    const s = inferSchema(events, { discriminator: 'eventName', stats: true });
    const variants = listVariants(s);
    expect(variants.map((v) => v.value).sort()).toEqual(['emailClick', 'emailOpen']);
    for (const v of variants) {
      const r = schemaToFieldsWithRoot(v.schema);
      if (!r.ok) throw new Error('variant must convert');
      expect(fieldsToSchema(r.value.fields, { root: r.value.root })).toEqual(v.schema);
    }
    const d7 = inferSchema(events, { discriminator: 'eventName', draft: 'draft-07' });
    const v7 = listVariants(d7);
    expect(v7.length).toBe(2);
    for (const v of v7) {
      expect(v.schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      const r = schemaToFieldsWithRoot(v.schema);
      if (!r.ok) throw new Error('variant must convert');
      expect(fieldsToSchema(r.value.fields, { draft: 'draft-07', root: r.value.root })).toEqual(v.schema);
    }
  });

  it('keeps root keywords with schemaToFieldsWithRoot + fieldsToSchema({ root })', () => {
    const s: JSONSchemaObject = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Order',
      type: 'object',
      properties: { id: { type: 'string' } },
      required: [],
      additionalProperties: false,
      definitions: { X: { type: 'string' } },
    };
    const r = schemaToFieldsWithRoot(s);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(fieldsToSchema(r.value.fields, { draft: 'draft-07', root: r.value.root })).toEqual(s);
    const plain = schemaToFields(s);
    expect(plain.issues.map((i) => i.code)).toContain('fields/root-keyword');
    expect(plain.issues.find((i) => i.path[0] === 'additionalProperties')?.severity).toBe('warning');
  });

  it('reads an inferrer-shaped schema into the fields a person expects', () => {
    const s: JSONSchemaObject = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email', 'x-fieldkit-stats': { seen: 3, total: 3 }, examples: ['a@b.co'] },
        createdAt: { type: ['string', 'null'], format: 'date-time-space' },
        ts: { type: 'integer', format: 'unix-time' },
        dataFields: { type: 'object', properties: { plan: { type: 'string', enum: ['free', 'pro'] } }, required: ['plan'] },
        tags: { type: 'array', items: { type: 'string' } },
        counts: { type: 'object', additionalProperties: { type: 'integer' } },
      },
      required: ['email', 'dataFields'],
    };
    const r = schemaToFields(s);
    if (!r.ok) throw new Error('expected ok');
    const f = r.value;
    expect(f.map((x) => [x.name, x.type, x.optional, x.nullable])).toEqual([
      ['email', 'email', false, false],
      ['createdAt', 'date-time-space', true, true],
      ['ts', 'unix-time', true, false],
      ['dataFields', 'object', false, false],
      ['tags', 'array', true, false],
      ['counts', 'object', true, false],
    ]);
    expect(f[0]!.stats).toEqual({ seen: 3, total: 3 });
    expect(f[0]!.examples).toEqual(['a@b.co']);
    expect(f[3]!.properties![0]!.enum).toEqual(['free', 'pro']);
    expect(f[4]!.of!.type).toBe('string');
    expect(r.issues.map((i) => i.code)).toEqual(['fields/map']);
    expect(r.issues[0]!.params?.fieldId).toBe(f[5]!.id);
    expect(r.issues[0]!.path).toEqual(['properties', 'counts']);
    expect(fieldsToSchema(f)).toEqual(s);
  });

  it('inlines local $refs and merges simple allOf, reporting both', () => {
    const s: JSONSchemaObject = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: { Address: { type: 'object', properties: { city: { type: 'string', minLength: 1 } }, required: ['city'] } },
      properties: {
        home: { $ref: '#/$defs/Address' },
        both: { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { properties: { b: { type: 'integer' } }, required: ['b'] }] },
      },
    };
    const r = schemaToFields(s);
    if (!r.ok) throw new Error('expected ok');
    const [home, both] = r.value;
    expect(home!.type).toBe('object');
    expect(home!.properties![0]).toMatchObject({ name: 'city', type: 'string', optional: false, extra: { minLength: 1 } });
    expect(both!.properties!.map((p) => [p.name, p.type, p.optional])).toEqual([
      ['a', 'string', true],
      ['b', 'integer', false],
    ]);
    const codes = r.issues.map((i) => i.code);
    expect(codes).toContain('fields/ref-inlined');
    expect(codes).toContain('fields/allof-merged');
    expect(codes).toContain('fields/kept-keyword');
  });

  it('keeps a recursive $ref as is, with a warning, instead of looping', () => {
    const s: JSONSchemaObject = {
      type: 'object',
      $defs: { Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' } } } },
      properties: { head: { $ref: '#/$defs/Node' } },
    };
    const r = schemaToFields(s);
    if (!r.ok) throw new Error('expected ok');
    const next = r.value[0]!.properties![0]!;
    expect(next.extra).toEqual({ $ref: '#/$defs/Node' });
    expect(r.issues.some((i) => i.code === 'fields/ref' && i.severity === 'warning')).toBe(true);
  });

  it('refuses a root that is not an object, with a readable issue', () => {
    const r = schemaToFields({ type: 'array', items: { type: 'string' } });
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.code).toBe('fields/root');
    expect(r.issues[0]!.message).toContain('"array"');
    expect(schemaToFields(true).ok).toBe(false);
  });

  it('lists the variants of a discriminated schema as standalone schemas and merges them for the field view', () => {
    const s: JSONSchemaObject = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      'x-fieldkit-discriminator': 'eventName',
      oneOf: [{ $ref: '#/$defs/EmailOpen' }, { $ref: '#/$defs/EmailClick' }],
      $defs: {
        EmailOpen: { title: 'emailOpen', type: 'object', properties: { eventName: { const: 'emailOpen' }, email: { type: 'string' } }, required: ['eventName', 'email'] },
        EmailClick: {
          title: 'emailClick',
          type: 'object',
          properties: { eventName: { const: 'emailClick' }, email: { type: 'string' }, url: { type: 'string' } },
          required: ['eventName', 'email', 'url'],
        },
      },
    };
    const v = listVariants(s);
    expect(v.map((x) => [x.name, x.value])).toEqual([
      ['EmailOpen', 'emailOpen'],
      ['EmailClick', 'emailClick'],
    ]);
    expect(v[1]!.schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(v[1]!.schema.required).toEqual(['eventName', 'email', 'url']);
    const r = schemaToFields(v[0]!.schema);
    expect(r.ok && fieldsToSchema(r.value, { title: 'emailOpen' })).toEqual(v[0]!.schema);
    const merged = schemaToFields(s);
    if (!merged.ok) throw new Error('expected ok');
    expect(merged.issues[0]!.code).toBe('fields/discriminated');
    expect(merged.value.map((f) => [f.name, f.optional])).toEqual([
      ['eventName', false],
      ['email', false],
      ['url', true],
    ]);
    expect(merged.value[0]!.enum).toEqual(['emailOpen', 'emailClick']);
    expect(listVariants({ type: 'object' })).toEqual([]);
  });

  it('treats __proto__ and HTML keys as data', () => {
    const props = {};
    Object.defineProperty(props, '__proto__', { value: { type: 'string' }, enumerable: true });
    Object.defineProperty(props, '<img src=x>', { value: { type: 'integer' }, enumerable: true });
    const s: JSONSchemaObject = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: props, required: ['__proto__'] };
    const r = schemaToFields(s);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.map((f) => f.name)).toEqual(['__proto__', '<img src=x>']);
    const back = fieldsToSchema(r.value);
    expect(Object.keys(back.properties!)).toEqual(['__proto__', '<img src=x>']);
    expect(jsonEqual(back, s)).toBe(true);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });
});

describe('regressions found by qa', () => {
  // The merged field view of an event stream (no --variant) showed the discriminator as type "any" with an enum,
  // so `fieldkit fields schema.json` wrote eventName as { enum: [...] } without "string", and Workato got "string"
  // only by accident. Every variant's const is a string: the merged field is a string with an enum.
  it('types_the_merged_discriminator_field_from_its_values', () => {
    const variant = (v: unknown, name: string): JSONSchemaObject => ({ type: 'object', properties: { kind: { const: v }, n: { type: 'integer' } }, required: ['kind'], title: name });
    const schema = (values: unknown[]): JSONSchemaObject => ({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      'x-fieldkit-discriminator': 'kind',
      oneOf: values.map((_, i) => ({ $ref: `#/$defs/V${i}` })),
      $defs: Object.fromEntries(values.map((v, i) => [`V${i}`, variant(v, `V${i}`)])),
    });
    const field = (values: unknown[]) => {
      const r = schemaToFields(schema(values));
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.value[0]!;
    };
    expect([field(['emailOpen', 'emailClick']).type, field(['emailOpen', 'emailClick']).enum]).toEqual(['string', ['emailOpen', 'emailClick']]);
    expect(field([1, 2]).type).toBe('integer');
    expect(field(['a', 2]).type).toBe('any');
    const merged = schemaToFields(schema(['a', 'b']));
    expect(merged.issues[0]!.message).toContain('--variant');
  });

  // In an event type's schema (listVariants) `eventName: { const: "emailSend" }` became a field of type "any", and
  // the designer showed "any" for the one field whose type is most certain (reported by app).
  it('gives_a_const_only_field_the_type_of_its_value_and_writes_it_back_unchanged', () => {
    const s: JSONSchemaObject = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { eventName: { const: 'emailSend' }, version: { const: 2 }, ratio: { const: 0.5 }, live: { const: true }, gone: { const: null }, obj: { const: { a: 1 } } },
      required: ['eventName'],
    };
    const r = schemaToFields(s);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.map((f) => f.type)).toEqual(['string', 'integer', 'number', 'boolean', 'null', 'any']);
    expect(jsonEqual(fieldsToSchema(r.value), s)).toBe(true);
    // A nullable field or one retyped away from its const keeps an explicit type.
    const nullable = fieldsToSchema([{ ...r.value[0]!, nullable: true }]);
    expect(nullable.properties!.eventName).toEqual({ type: ['string', 'null'], const: 'emailSend' });
  });

  // `fieldkit fields payload.json` (a webhook sample, not a schema) said "The schema's root must describe an object
  // (type "object"), not an unconstrained value" — true, but it did not tell the person they passed a payload.
  it('says_a_payload_is_not_a_schema_and_how_to_get_one', () => {
    const r = schemaToFields({ email: 'a@b.co', eventName: 'emailOpen', dataFields: { x: 1 } } as unknown as JSONSchemaObject);
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.message).toMatch(/looks like a payload, not a JSON Schema.*"email", "eventName", "dataFields".*fieldkit infer/);
    // A real schema that merely isn't an object still gets the object message.
    expect(schemaToFields({ type: 'string' }).issues[0]!.message).toMatch(/root must describe an object/);
  });

  // A schema nested thousands of levels deep (`properties` inside `properties`…) overflowed the stack in
  // schemaToFields / listVariants: "RangeError: Maximum call stack size exceeded" instead of an issue.
  it('refuses_a_schema_nested_thousands_of_levels_with_an_issue', () => {
    let s: JSONSchemaObject = { type: 'string' };
    for (let i = 0; i < 3000; i++) s = { type: 'object', properties: { a: s } };
    const r = schemaToFields(s);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['fields/depth']);
    expect(r.issues[0]!.path.slice(0, 4)).toEqual(['properties', 'a', 'properties', 'a']);
    expect(listVariants(s)).toEqual([]);
    // 499 nested objects (998 levels) still convert and round-trip.
    let ok: JSONSchemaObject = { type: 'string' };
    for (let i = 0; i < 499; i++) ok = { type: 'object', properties: { a: ok }, required: ['a'] };
    const r2 = schemaToFields(ok);
    expect(r2.ok && jsonEqual(fieldsToSchema(r2.value), { $schema: 'https://json-schema.org/draft/2020-12/schema', ...ok })).toBe(true);
  });
});
