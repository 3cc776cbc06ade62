import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inferSchema } from '../infer/index.js';
import type { Issue } from '../errors.js';
import type { JSONSchemaObject } from '../types.js';
import { createValidator } from './index.js';

const S2020 = 'https://json-schema.org/draft/2020-12/schema';

function check(schema: JSONSchemaObject | boolean, data: unknown): Issue[] {
  const v = createValidator(schema);
  if (!v.ok) throw new Error('schema did not compile: ' + JSON.stringify(v.issues));
  const r = v.value(data);
  return r.issues;
}

function lines(issues: Issue[]): string[] {
  return issues.map((i) => `${JSON.stringify(i.path)} ${i.code}: ${i.message}`);
}

const user: JSONSchemaObject = {
  $schema: S2020,
  type: 'object',
  properties: {
    email: { type: 'string', format: 'email' },
    dataFields: {
      type: 'object',
      properties: {
        age: { type: 'integer' },
        colour: { enum: ['red', 'blue'] },
        signedUpAt: { type: 'string', format: 'date-time-space' },
        nickname: { type: ['string', 'null'] },
      },
    },
    items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } },
  },
  required: ['email'],
};

describe('createValidator: one message per ajv keyword, as people read them', () => {
  it('accepts a valid payload and returns it as the value', () => {
    const v = createValidator(user);
    expect(v.ok).toBe(true);
    const payload = { email: 'a@b.co', dataFields: { age: 3 } };
    const r = v.ok ? v.value(payload) : undefined;
    expect(r).toEqual({ ok: true, value: payload, issues: [] });
  });

  it('type: expected integer, got string "42"', () => {
    const issues = check(user, { email: 'a@b.co', dataFields: { age: '42' } });
    expect(lines(issues)).toEqual(['["dataFields","age"] validate/type: expected integer, got string "42"']);
    expect(issues[0]!.params).toMatchObject({ field: 'dataFields.age', expected: ['integer'] });
    expect(issues[0]!.severity).toBe('error');
  });

  it('type array: expected string or null, got number 5', () => {
    expect(lines(check(user, { email: 'a@b.co', dataFields: { nickname: 5 } }))).toEqual([
      '["dataFields","nickname"] validate/type: expected string or null, got number 5',
    ]);
  });

  it('required: names the missing field, path points at it', () => {
    const issues = check(user, {});
    expect(lines(issues)).toEqual(['["email"] validate/required: missing required field "email"']);
    expect(issues[0]!.params).toMatchObject({ field: 'email', missing: 'email' });
  });

  it('enum: lists the allowed values', () => {
    expect(lines(check(user, { email: 'a@b.co', dataFields: { colour: 'colour' } }))).toEqual([
      '["dataFields","colour"] validate/enum: "colour" is not an allowed value; allowed: "red", "blue"',
    ]);
  });

  it('format (fieldkit format): shows an example of the expected form', () => {
    expect(lines(check(user, { email: 'a@b.co', dataFields: { signedUpAt: '2024-05-01 12:00' } }))).toEqual([
      '["dataFields","signedUpAt"] validate/format: "2024-05-01 12:00" is not a date-time-space (e.g. 2024-05-01 12:00:00 +00:00)',
    ]);
  });

  it('format (standard): "an email"', () => {
    expect(lines(check(user, { email: 'nope' }))).toEqual(['["email"] validate/format: "nope" is not an email (e.g. name@example.com)']);
  });

  it('number formats: unix-time', () => {
    const s: JSONSchemaObject = { type: 'object', properties: { at: { type: 'integer', format: 'unix-time' } } };
    expect(lines(check(s, { at: 1714564800000 }))).toEqual(['["at"] validate/format: 1714564800000 is not a unix-time (e.g. 1714564800)']);
    expect(check(s, { at: 1714564800 })).toEqual([]);
  });

  it('formats: false turns format checks off', () => {
    const v = createValidator(user, { formats: false });
    expect(v.ok && v.value({ email: 'nope' }).ok).toBe(true);
  });

  it('array indexes are numbers in the path; params.field leaves them out', () => {
    const issues = check(user, { email: 'a@b.co', items: [{ sku: 'a' }, {}] });
    expect(lines(issues)).toEqual(['["items",1,"sku"] validate/required: missing required field "sku"']);
    expect(issues[0]!.params!.field).toBe('items.sku');
  });

  it('additionalProperties: names the extra key', () => {
    const s: JSONSchemaObject = { type: 'object', properties: { a: {} }, additionalProperties: false };
    const issues = check(s, { a: 1, colour: 2 });
    expect(lines(issues)).toEqual(['["colour"] validate/additionalProperties: unexpected field "colour"']);
    expect(issues[0]!.params!.field).toBe('colour');
  });

  it('const, pattern, lengths, limits, items, uniqueness, multipleOf', () => {
    const s: JSONSchemaObject = {
      type: 'object',
      properties: {
        kind: { const: 'a' },
        code: { type: 'string', pattern: '^[0-9]+$', maxLength: 3 },
        name: { type: 'string', minLength: 2 },
        n: { type: 'number', minimum: 0, multipleOf: 5 },
        max: { type: 'number', exclusiveMaximum: 10 },
        tags: { type: 'array', minItems: 1, uniqueItems: true },
        list: { type: 'array', maxItems: 1, uniqueItems: true },
      },
    };
    expect(lines(check(s, { kind: 'b', code: 'abcd', name: 'x', n: -3, max: 10, tags: [], list: [1, 1] }))).toEqual([
      '["kind"] validate/const: expected "a", got string "b"',
      '["code"] validate/maxLength: expected at most 3 characters, got 4',
      '["code"] validate/pattern: "abcd" does not match the pattern ^[0-9]+$',
      '["name"] validate/minLength: expected at least 2 characters, got 1',
      '["n"] validate/minimum: expected a number >= 0, got -3',
      '["n"] validate/multipleOf: expected a multiple of 5, got -3',
      '["max"] validate/exclusiveMaximum: expected a number < 10, got 10',
      '["tags"] validate/minItems: expected at least 1 item, got 0',
      '["list"] validate/maxItems: expected at most 1 item, got 2',
      '["list"] validate/uniqueItems: items 0 and 1 are identical; items must be unique',
    ]);
  });

  it('dependentRequired, contains, not, minProperties, tuple length', () => {
    const s: JSONSchemaObject = {
      type: 'object',
      properties: {
        card: { type: 'object', dependentRequired: { number: ['expiry'] }, minProperties: 2 },
        list: { type: 'array', contains: { type: 'string' } },
        status: { not: { const: 'deleted' } },
        pair: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false },
      },
    };
    expect(lines(check(s, { card: { number: '4242' }, list: [1, 2], status: 'deleted', pair: [1, 2, 3] }))).toEqual([
      '["card"] validate/minProperties: expected at least 2 fields, got 1',
      '["card"] validate/dependentRequired: field "number" requires field "expiry"',
      '["list"] validate/contains: no item matches the required item shape',
      '["status"] validate/not: matches a shape that is not allowed here',
      '["pair"] validate/items: expected at most 2 items',
    ]);
  });

  it('JSON-pointer escapes in instancePath are decoded; odd keys stay data', () => {
    const s: JSONSchemaObject = {
      type: 'object',
      properties: { 'a/b~c': { type: 'string' }, __proto__x: { type: 'string' }, '<b>': { type: 'string' } },
    };
    const data = JSON.parse('{"a/b~c": 1, "<b>": 2}');
    expect(lines(check(s, data))).toEqual([
      '["a/b~c"] validate/type: expected string, got number 1',
      '["<b>"] validate/type: expected string, got number 2',
    ]);
  });

  it('a __proto__ key is a field like any other', () => {
    const s = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}},"required":["__proto__"]}');
    expect(lines(check(s, JSON.parse('{"__proto__": 3}')))).toEqual(['["__proto__"] validate/type: expected string, got number 3']);
    expect(lines(check(s, {}))).toEqual(['["__proto__"] validate/required: missing required field "__proto__"']);
  });

  it('regression: a name with a lone surrogate (valid JSON) compiles and is checked like any other', () => {
    // ajv threw "URI malformed" compiling `properties["a\ud800b"]`: the schema inferred from a
    // valid payload could not validate that payload.
    const s = JSON.parse('{"type":"object","properties":{"a\\ud800.b":{"type":"string"},"\\udc00":{"type":"object","properties":{"x\\ud800":{"type":"integer"}},"required":["x\\ud800"]}},"required":["a\\ud800.b"]}');
    const v = createValidator(s);
    expect(v.ok && v.issues).toEqual([]);
    expect(lines(check(s, JSON.parse('{"a\\ud800.b": "s", "\\udc00": {"x\\ud800": 1}}')))).toEqual([]);
    expect(lines(check(s, JSON.parse('{"a\\ud800.b": 3, "\\udc00": {"x\\ud800": "no"}}')))).toEqual([
      '["a\\ud800.b"] validate/type: expected string, got number 3',
      '["\\udc00","x\\ud800"] validate/type: expected integer, got string "no"',
    ]);
    // Exact names, not patterns: "a\ud800xb" is another field ("." is no wildcard), so it is missing.
    expect(lines(check(s, JSON.parse('{"a\\ud800xb": "s", "\\udc00": {}}')))).toEqual([
      '["\\udc00","x\\ud800"] validate/required: missing required field "x\\ud800"',
      '["a\\ud800.b"] validate/required: missing required field "a\\ud800.b"',
    ]);
  });

  it('regression: inherited names (toString, constructor) are not fields the payload has', () => {
    // ajv read `data.toString` through the prototype: `{}` failed "expected string" for an
    // optional toString field, and a required `constructor` field counted as present.
    const s = JSON.parse('{"type":"object","properties":{"toString":{"type":"string"},"constructor":{"type":"string"}},"required":["constructor"]}') as JSONSchemaObject;
    expect(lines(check(s, {}))).toEqual(['["constructor"] validate/required: missing required field "constructor"']);
    expect(check(s, JSON.parse('{"constructor": "x", "toString": "y"}'))).toEqual([]);
  });

  it('regression: a field named "x- " (or x-id, format, $ref) is a name, not a keyword', () => {
    // inferSchema([{"x- ": 0}]) made createValidator fail: the x-… scan treated property names
    // as keywords and ajv rejected "x- " as a keyword name.
    const s = JSON.parse('{"type":"object","properties":{"x- ":{"type":"integer"},"x-id":{"type":"string"},"format":{"type":"string"},"$ref":{"type":"string"}},"required":["x- "]}') as JSONSchemaObject;
    const v = createValidator(s);
    expect(v).toMatchObject({ ok: true, issues: [] });
    expect(lines(check(s, { 'x- ': 'a', 'x-id': 1 }))).toEqual([
      '["x- "] validate/type: expected integer, got string "a"',
      '["x-id"] validate/type: expected string, got number 1',
    ]);
  });

  it('boolean false schema', () => {
    expect(lines(check(false, 1))).toEqual(['[] validate/false-schema: no value is allowed here']);
    expect(check(true, 1)).toEqual([]);
  });

  it('propertyNames: names the bad key', () => {
    const s: JSONSchemaObject = { type: 'object', propertyNames: { pattern: '^[a-z]+$' }, additionalProperties: { type: 'number' } };
    expect(lines(check(s, { ok: 1, Bad: 2 }))).toEqual(['["Bad"] validate/pattern: field name "Bad" is not allowed: does not match the pattern ^[a-z]+$']);
  });
});

describe('createValidator: collapsing combinator noise', () => {
  const events: JSONSchemaObject = {
    $schema: S2020,
    'x-fieldkit-discriminator': 'eventName',
    oneOf: [{ $ref: '#/$defs/EmailSend' }, { $ref: '#/$defs/EmailOpen' }],
    $defs: {
      EmailSend: {
        title: 'emailSend',
        type: 'object',
        properties: { eventName: { const: 'emailSend' }, campaignId: { type: 'integer' }, email: { type: 'string' } },
        required: ['eventName', 'campaignId', 'email'],
      },
      EmailOpen: {
        title: 'emailOpen',
        type: 'object',
        properties: { eventName: { const: 'emailOpen' }, userAgent: { type: 'string' } },
        required: ['eventName'],
      },
    },
  };

  it('discriminated oneOf: reports only the branch the event type names', () => {
    expect(lines(check(events, { eventName: 'emailSend', campaignId: 'x' }))).toEqual([
      '["email"] validate/required: missing required field "email"',
      '["campaignId"] validate/type: expected integer, got string "x"',
    ]);
  });

  it('discriminated oneOf: unknown event type lists the known ones', () => {
    const issues = check(events, { eventName: 'emailClick' });
    expect(lines(issues)).toEqual(['["eventName"] validate/discriminator: "emailClick" is not a known eventName; known: "emailSend", "emailOpen"']);
    expect(issues[0]!.params).toMatchObject({ field: 'eventName', known: ['emailSend', 'emailOpen'] });
  });

  it('discriminated oneOf: missing discriminator, or not an object', () => {
    expect(lines(check(events, {}))).toEqual(['["eventName"] validate/required: missing required field "eventName"']);
    expect(lines(check(events, [1]))).toEqual(['[] validate/type: expected object, got array (1 item)']);
  });

  it('discriminated oneOf nested in an array, draft-07 definitions', () => {
    const s: JSONSchemaObject = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'array',
      items: { 'x-fieldkit-discriminator': 'type', oneOf: [{ $ref: '#/definitions/A' }, { $ref: '#/definitions/B' }] },
      definitions: {
        A: { type: 'object', properties: { type: { const: 'a' }, n: { type: 'number' } }, required: ['type'] },
        B: { type: 'object', properties: { type: { const: 'b' }, s: { type: 'string' } }, required: ['type'] },
      },
    };
    expect(lines(check(s, [{ type: 'a', n: 1 }, { type: 'b', s: 2 }, { type: 'c' }]))).toEqual([
      '[1,"s"] validate/type: expected string, got number 2',
      '[2,"type"] validate/discriminator: "c" is not a known type; known: "a", "b"',
    ]);
  });

  it('discriminator found without the annotation (every branch pins the same property)', () => {
    const { ['x-fieldkit-discriminator']: _, ...plain } = events;
    expect(lines(check(plain, { eventName: 'emailOpen', userAgent: 1 }))).toEqual(['["userAgent"] validate/type: expected string, got number 1']);
  });

  it('event schemas compile per event type, lazily: a broken $ref is still reported up front', () => {
    const broken = JSON.parse(JSON.stringify(events)) as JSONSchemaObject;
    ((broken.$defs!.EmailOpen as JSONSchemaObject).properties!.userAgent as JSONSchemaObject).$ref = '#/$defs/Nope';
    const r = createValidator(broken);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.message)).toEqual(["the schema cannot be used for validation: can't resolve reference #/$defs/Nope"]);
    const badPattern = JSON.parse(JSON.stringify(events)) as JSONSchemaObject;
    ((badPattern.$defs!.EmailOpen as JSONSchemaObject).properties!.userAgent as JSONSchemaObject).pattern = '([a-z';
    expect(createValidator(badPattern).ok).toBe(false);
  });

  it('law: dispatching on the event type gives the same verdict and messages as plain oneOf', () => {
    // `type: object` at the root turns dispatch off, so the same schema runs through ajv's oneOf.
    const plain = { ...events, type: 'object' as const };
    const a = createValidator(events);
    const b = createValidator(plain);
    if (!a.ok || !b.ok) throw new Error('compile');
    const payload = fc.record(
      {
        eventName: fc.constantFrom('emailSend', 'emailOpen', 'other'),
        campaignId: fc.oneof(fc.integer(), fc.string()),
        email: fc.oneof(fc.string(), fc.constant(null)),
        userAgent: fc.oneof(fc.string(), fc.integer()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(payload, (p) => {
        const x = a.value(p);
        const y = b.value(p);
        expect(x.ok).toBe(y.ok);
        expect(lines(x.issues).sort()).toEqual(lines(y.issues).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('anyOf of types: one message instead of one per branch', () => {
    const s: JSONSchemaObject = {
      type: 'object',
      properties: { v: { anyOf: [{ type: 'string' }, { type: 'null' }, { type: 'array', items: { type: 'number' } }] } },
    };
    expect(lines(check(s, { v: 5 }))).toEqual(['["v"] validate/type: expected string, null or array, got number 5']);
  });

  it('anyOf of an object shape or null: reports inside the object that got furthest', () => {
    const s: JSONSchemaObject = {
      type: 'object',
      properties: { v: { anyOf: [{ type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] }, { type: 'null' }] } },
    };
    expect(lines(check(s, { v: { id: 'x' } }))).toEqual(['["v","id"] validate/type: expected integer, got string "x"']);
    expect(check(s, { v: null })).toEqual([]);
  });

  it('oneOf matching two branches says so', () => {
    const s: JSONSchemaObject = { oneOf: [{ type: 'number' }, { type: 'integer' }] };
    expect(lines(check(s, 3))).toEqual(['[] validate/oneOf: matches more than one of the allowed shapes (options 1 and 2); it must match exactly one']);
  });

  it('sibling errors next to a combinator are kept', () => {
    const s: JSONSchemaObject = {
      type: 'object',
      properties: { a: { type: 'string' }, v: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      required: ['a'],
    };
    expect(lines(check(s, { a: 1, v: 2 }))).toEqual([
      '["a"] validate/type: expected string, got number 1',
      '["v"] validate/type: expected string or null, got number 2',
    ]);
  });
});

describe('createValidator: schemas it cannot use are issues, never throws', () => {
  it('bad $ref', () => {
    const r = createValidator({ type: 'object', properties: { a: { $ref: '#/$defs/Missing' } } });
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.code).toBe('validate/schema');
    expect(r.issues[0]!.message).toMatch(/^the schema cannot be used for validation: .*Missing/);
  });

  it('invalid keyword value', () => {
    const r = createValidator({ type: 'object', required: 'email' } as unknown as JSONSchemaObject);
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.code).toBe('validate/schema');
  });

  it('unsupported $schema and non-object schemas', () => {
    expect(createValidator({ $schema: 'http://json-schema.org/draft-04/schema#' }).issues[0]!.message).toBe(
      'unsupported $schema "http://json-schema.org/draft-04/schema#"; use draft 2020-12, 2019-09 or draft-07',
    );
    expect(createValidator([] as unknown as JSONSchemaObject).issues[0]!.message).toBe('the schema must be a JSON object or a boolean, got array');
  });

  it('fieldkit annotations compile silently; other unknown keywords are warnings', () => {
    const quiet = createValidator({ type: 'object', properties: { a: { type: 'string', 'x-fieldkit-stats': { seen: 1, total: 1 } } }, 'x-fieldkit-discriminator': 'a' });
    expect(quiet).toMatchObject({ ok: true, issues: [] });
    expect(createValidator({ type: 'object', properties: { a: { 'x-workato': { hint: 1 } } }, 'x-custom': true })).toMatchObject({ ok: true, issues: [] });
    const noisy = createValidator({ type: 'object', colour: 'x' });
    expect(noisy.ok).toBe(true);
    expect(noisy.issues.map((i) => [i.severity, i.message])).toEqual([['warning', 'unknown keyword: "colour"']]);
  });

  it('invalid regular expressions and unknown formats', () => {
    const r = createValidator({ type: 'string', pattern: '([a-z' });
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.code).toBe('validate/schema');
    const f = createValidator({ type: 'string', format: 'colour' });
    expect(f.ok).toBe(true);
    expect(f.issues.map((i) => i.severity)).toEqual(['warning']);
    expect(f.issues[0]!.message).toMatch(/colour/);
  });

  it('arbitrary JSON as a schema, and arbitrary data against it, never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (schema, data) => {
        const v = createValidator(schema as JSONSchemaObject);
        if (!v.ok) {
          expect(v.issues.length).toBeGreaterThan(0);
          return;
        }
        const r = v.value(data);
        for (const i of r.issues) expect(typeof i.message).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('caches the compiled validator per schema object', () => {
    const s: JSONSchemaObject = { type: 'string' };
    expect(createValidator(s)).toBe(createValidator(s));
    expect(createValidator(s)).not.toBe(createValidator({ type: 'string' }));
    expect(createValidator(s, { formats: false })).not.toBe(createValidator(s));
  });

  it('schemas with their own $id validate, and combinator branches still collapse', () => {
    const s: JSONSchemaObject = {
      $id: 'https://example.com/s.json',
      type: 'object',
      properties: { v: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
    };
    expect(lines(check(s, { v: 1 }))).toEqual(['["v"] validate/type: expected string or null, got number 1']);
  });
});

describe('law: every sample validates against inferSchema(samples)', () => {
  it('holds for random JSON batches', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 4 }), { minLength: 1, maxLength: 6 }), (samples) => {
        const v = createValidator(inferSchema(samples));
        expect(v.ok).toBe(true);
        if (!v.ok) return;
        for (const s of samples) expect(v.value(s).issues).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('holds for payloads whose keys hold lone surrogates and regex characters', () => {
    const key = fc.constantFrom('a', '\ud800', 'x\udc00y', '\ud83d\ude00', '\ud800.*', '^$', '(b)', '__proto__', 'a-b');
    const obj = fc.letrec((tie) => ({ v: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string(), fc.dictionary(key, tie('v'), { maxKeys: 4 })) })).v;
    fc.assert(
      fc.property(fc.array(obj, { minLength: 1, maxLength: 5 }), (samples) => {
        const v = createValidator(inferSchema(samples));
        if (!v.ok) throw new Error(JSON.stringify(v.issues));
        for (const s of samples) expect(v.value(s).issues).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a failed result always carries at least one error (random payloads vs inferred schemas)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 5 }), fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 4 }), (samples, others) => {
        const v = createValidator(inferSchema(samples));
        if (!v.ok) throw new Error(JSON.stringify(v.issues));
        for (const s of others) {
          const r = v.value(s);
          if (!r.ok) expect(r.issues.filter((i) => i.severity === 'error').length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('holds for webhook-like event batches (discriminated schemas, formats, odd keys)', () => {
    const event = fc.record({
      eventName: fc.constantFrom('emailSend', 'emailOpen', 'emailClick'),
      email: fc.constantFrom('a@b.co', 'x.y@example.com'),
      createdAt: fc.constantFrom('2024-05-01 12:00:00 +00:00', '2023-01-31 23:59:59 +00:00'),
      ts: fc.integer({ min: 1_000_000_000, max: 2_000_000_000 }),
      dataFields: fc.dictionary(fc.constantFrom('plan', '__proto__', '<b>', 'a/b~c', 'x'), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 4 }),
    });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 12 }), (batch) => {
        const samples = JSON.parse(JSON.stringify(batch)) as unknown[];
        const schema = inferSchema(samples);
        const v = createValidator(schema);
        expect(v.ok).toBe(true);
        if (!v.ok) return;
        for (const s of samples) expect(v.value(s).issues).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

function nested(levels: number, kind: 'properties' | 'items', leaf: JSONSchemaObject = { type: 'string' }): JSONSchemaObject {
  let s = leaf;
  for (let i = 0; i < levels; i++) s = kind === 'properties' ? { type: 'object', properties: { a: s } } : { type: 'array', items: s };
  return s;
}

describe('regressions (qa reports)', () => {
  it('a schema nested thousands of levels deep gives a validate/schema issue instead of a stack overflow', () => {
    // Bug: createValidator threw "RangeError: Maximum call stack size exceeded" (from ajv) on a
    // schema with 2,500 nested properties or items, and the CLI died with exit 70 and a stack trace.
    for (const kind of ['properties', 'items'] as const) {
      for (const levels of [500, 2500, 5000]) {
        const v = createValidator(nested(levels, kind));
        expect(v.ok).toBe(false);
        expect(v.issues[0]!.code).toBe('validate/schema');
        expect(v.issues[0]!.message).toMatch(/nested deeper than \d+ levels|deeper than \d+ levels/);
        expect(v.issues[0]!.path.length).toBeGreaterThan(0);
      }
    }
    // A deep enum value (JSON depth, not subschema depth) is refused too.
    let deepValue: unknown = 1;
    for (let i = 0; i < 5000; i++) deepValue = [deepValue];
    const e = createValidator({ enum: [deepValue] });
    expect(e.ok).toBe(false);
    expect(e.issues[0]!.code).toBe('validate/schema');
    // Schemas of ordinary depth still compile and validate.
    const ok200 = createValidator(nested(200, 'properties'));
    expect(ok200.ok).toBe(true);
  });

  it('a payload nested thousands of levels deep under a recursive schema gives a validate/depth issue instead of a stack overflow', () => {
    // Bug: ajv recursed once per level through `$ref: "#"` and threw RangeError out of the validator.
    const v = createValidator({ $schema: S2020, type: 'array', items: { $ref: '#' } });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    let data: unknown = [];
    for (let i = 0; i < 20000; i++) data = [data];
    const r = v.value(data);
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.code).toBe('validate/depth');
    expect(r.issues[0]!.path).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // A deep payload against an ordinary schema is just a type error.
    const s = createValidator({ type: 'string' });
    if (!s.ok) throw new Error('did not compile');
    expect(s.value(data).issues.map((i) => i.code)).toEqual(['validate/type']);
  });

  it('a payload given as the schema is refused with a "looks like a payload" issue instead of allowing everything', () => {
    // Bug: an Iterable event passed as the schema compiled (unknown keywords were only warnings)
    // and every payload passed.
    const event = { email: 'a@b.co', eventName: 'emailOpen', dataFields: { campaignId: 1 } };
    const v = createValidator(event as unknown as JSONSchemaObject);
    expect(v.ok).toBe(false);
    expect(v.issues).toHaveLength(1);
    expect(v.issues[0]!.code).toBe('validate/schema');
    expect(v.issues[0]!.message).toContain('looks like a payload, not a JSON Schema');
    expect(v.issues[0]!.message).toContain('"eventName"');
    expect(v.issues[0]!.message).toContain('fieldkit infer');
    // Schemas with any keyword (even only an annotation or an x- extension), and {}, are schemas.
    for (const s of [{}, { title: 'x' }, { 'x-note': 1 }, { type: 'object', colour: 'red' }]) expect(createValidator(s as JSONSchemaObject).ok).toBe(true);
  });

  it('a bad type name is one issue with a did-you-mean, not three meta-schema lines', () => {
    // Bug: `"type": "strin"` gave ajv's anyOf noise: "must be equal to one of the allowed values",
    // "must be array", "must match a schema in anyOf", each repeating the place.
    const v = createValidator({ type: 'object', properties: { name: { type: 'strin' as 'string' } } });
    expect(v.ok).toBe(false);
    expect(v.issues.map((i) => [i.path, i.message])).toEqual([
      [['properties', 'name', 'type'], '"strin" is not a JSON type (string, number, integer, boolean, object, array, null); did you mean "string"?'],
    ]);
    const list = createValidator({ type: ['string', 'objekt'] as unknown as 'string' });
    expect(list.issues.map((i) => i.message)).toEqual(['"objekt" is not a JSON type (string, number, integer, boolean, object, array, null); did you mean "object"?']);
    const far = createValidator({ type: 'zzzzzz' as 'string' });
    expect(far.issues.map((i) => i.message)).toEqual(['"zzzzzz" is not a JSON type (string, number, integer, boolean, object, array, null)']);
    // Other meta-schema errors still name the problem once, without repeating the place in the message.
    const min = createValidator({ minLength: -1 });
    expect(min.issues).toHaveLength(1);
    expect(min.issues[0]!.path).toEqual(['minLength']);
    expect(min.issues[0]!.message).not.toContain('/minLength');
  });
});

describe('regressions (qa reports), continued', () => {
  it('a property named "type" whose schema is wrong is not mistaken for a bad type keyword', () => {
    // Bug guard for the collapsed type message: `properties.type` is a name, not the type keyword.
    const v = createValidator({ type: 'object', properties: { type: 5 as unknown as JSONSchemaObject } });
    expect(v.ok).toBe(false);
    expect(v.issues.every((i) => !i.message.includes('is not a JSON type'))).toBe(true);
    const t = createValidator({ type: 'object', properties: { type: { type: 'numbr' as 'number' } } });
    expect(t.issues.map((i) => i.message)).toEqual(['"numbr" is not a JSON type (string, number, integer, boolean, object, array, null); did you mean "number"?']);
  });
});

describe('regressions (qa reports), $ref chains', () => {
  it('a $ref chain through 5,000 definitions is a worded validate/schema issue, not a bare "Maximum call stack size exceeded"', () => {
    // Bug: each definition is shallow, so only ajv's compiler saw the depth and its RangeError text was the whole message.
    const defs: Record<string, JSONSchemaObject> = {};
    for (let i = 0; i < 5000; i++) defs[`d${i}`] = i < 4999 ? { type: 'object', properties: { a: { $ref: `#/$defs/d${i + 1}` } } } : { type: 'string' };
    const v = createValidator({ $ref: '#/$defs/d0', $defs: defs });
    expect(v.ok).toBe(false);
    expect(v.issues[0]!.code).toBe('validate/schema');
    expect(v.issues[0]!.message).toContain('nests too deep to compile');
    expect(v.issues[0]!.message).not.toContain('call stack');
  });
});

describe('regressions (qa reports), payloads with keyword-named fields', () => {
  it('a Stripe-like event or a product with title/description given as the schema is still refused as a payload', () => {
    // Bug: payload fields named like keywords (`type`, `id`, `title`, `description`) made a payload pass as a schema.
    const stripe = { id: 'evt_1', object: 'event', type: 'charge.succeeded', data: { object: { amount: 100 } }, livemode: false };
    const product = { name: 'Mug', title: 'Blue mug', description: 'A mug', price: 9.5 };
    for (const p of [stripe, product]) {
      const v = createValidator(p as unknown as JSONSchemaObject);
      expect(v.ok).toBe(false);
      expect(v.issues.map((i) => i.message)).toEqual([expect.stringContaining('looks like a payload, not a JSON Schema') as unknown as string]);
    }
    // Keyword-only objects stay schemas, and one shaping keyword is enough.
    for (const s of [{ title: 'T', description: 'D' }, { type: 'object', title: 'T', colour: 'red' }, { description: 'x', properties: {} }]) {
      expect(createValidator(s as JSONSchemaObject).ok).toBe(true);
    }
  });
});
