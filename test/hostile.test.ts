/**
 * Hostile input: payload keys and values that have broken schema tools before. Keys like
 * `__proto__`, `constructor` and `prototype` are ordinary data and must come out as ordinary
 * properties without polluting any prototype; very deep and very wide values must not overflow
 * the stack; HTML stays verbatim text; huge strings and lone surrogates are just strings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInferrer, inferrerFromState, inferSchema, inferSchemaFromText, type JSONSchemaObject } from '@fieldkit/core';
import { failingSamples } from './helpers/ajv.js';
import { createValidator } from '@fieldkit/core/validate';

type S = JSONSchemaObject;
const props = (s: unknown): Record<string, S> => (s as S).properties as Record<string, S>;
const own = (o: object, k: string) => Object.getOwnPropertyDescriptor(o, k)?.value as S | undefined;

/** Snapshot of everything a pollution attack could touch. */
function prototypes(): string {
  const names = (o: object) => Object.getOwnPropertyNames(o).sort().join(',');
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map(names).join('|');
}

const PROTO_TEXT = '{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":1},"toString":"x","hasOwnProperty":1,"valueOf":null}';

describe('hostile keys', () => {
  let before: string;
  beforeEach(() => {
    before = prototypes();
  });
  afterEach(() => {
    // nothing was polluted, whatever the test did
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(prototypes()).toBe(before);
  });

  function checkProtoSchema(schema: S) {
    const p = props(schema);
    expect(Object.keys(p).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'prototype', 'toString', 'valueOf']);
    const proto = own(p, '__proto__')!;
    expect(proto.type).toBe('object');
    expect(Object.keys(props(proto)).sort()).toEqual(['isAdmin', 'polluted']);
    expect(own(props(proto), 'isAdmin')!.type).toBe('boolean');
    const ctor = own(p, 'constructor')!;
    expect(own(props(ctor), 'prototype')!.type).toBe('object');
    expect(own(p, 'toString')!.type).toBe('string');
    expect([...((schema.required as string[]) ?? [])].sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'prototype', 'toString', 'valueOf']);
  }

  it('keeps __proto__ / constructor / prototype as ordinary properties through inferSchema', () => {
    const sample = JSON.parse(PROTO_TEXT) as unknown;
    const schema = inferSchema([sample, sample]);
    checkProtoSchema(schema);
    expect(failingSamples(schema, [sample])).toEqual([]);
    // a sample WITHOUT the key must fail: __proto__ really is a required property, not the prototype
    expect(failingSamples(schema, [{ constructor: {}, prototype: {}, toString: '', hasOwnProperty: 1, valueOf: null }])).toHaveLength(1);
  });

  it('keeps them through inferSchemaFromText (json and ndjson)', () => {
    checkProtoSchema(inferSchemaFromText(PROTO_TEXT, { format: 'json' }));
    checkProtoSchema(inferSchemaFromText(`${PROTO_TEXT}\n${PROTO_TEXT}\n`, { format: 'ndjson' }));
  });

  it('keeps them through merge and a JSON round trip of the state', () => {
    const a = createInferrer();
    a.add(JSON.parse(PROTO_TEXT));
    const b = createInferrer();
    b.add(JSON.parse(PROTO_TEXT));
    a.merge(b);
    checkProtoSchema(a.toSchema());
    const restored = inferrerFromState(JSON.parse(JSON.stringify(a.state)));
    expect(restored.ok).toBe(true);
    if (restored.ok) checkProtoSchema(restored.value.toSchema());
  });

  it('keeps them as maps and enum values, and accepts hints that name them', () => {
    const samples = [1, 2, 3, 4, 5, 6].map((i) => JSON.parse(`{"m":{"__proto__":${i},"constructor":${i}},"kind":"__proto__"}`) as unknown);
    const schema = inferSchema(samples, { hints: { '/m': 'map', '/kind': 'enum', '/__proto__': 'no-format' } });
    const m = own(props(schema), 'm')!;
    expect(m.properties).toBeUndefined();
    expect((m.additionalProperties as S).type).toBe('integer');
    expect(own(props(schema), 'kind')!.enum).toEqual(['__proto__']);
    expect(failingSamples(schema, samples)).toEqual([]);
  });

  it('uses __proto__ as a discriminator value without polluting $defs', () => {
    const samples = ['__proto__', 'constructor', 'emailSend'].flatMap((v) => [{ eventName: v, n: 1 }, { eventName: v, n: 2 }]);
    const schema = inferSchema(samples, { discriminator: 'eventName' });
    const defs = schema.$defs as Record<string, S>;
    const titles = Object.keys(defs).map((k) => own(defs, k)!.title).sort();
    expect(titles).toEqual(['__proto__', 'constructor', 'emailSend']);
    expect(failingSamples(schema, samples)).toEqual([]);
  });
});

describe('deep and wide values', () => {
  const DEPTH = 5000;
  const deepObject = () => {
    let v: unknown = 'leaf';
    for (let i = 0; i < DEPTH; i++) v = { a: v };
    return v;
  };
  const deepArray = () => {
    let v: unknown = 1;
    for (let i = 0; i < DEPTH; i++) v = [v];
    return v;
  };
  /** Follow `properties.a` (or `items`) down and return the leaf schema and the depth reached. */
  function descend(schema: S, step: (s: S) => S | undefined): { leaf: S; depth: number } {
    let s = schema;
    let depth = 0;
    for (let next = step(s); next; next = step(s)) {
      s = next;
      depth++;
    }
    return { leaf: s, depth };
  }

  it(`a ${DEPTH}-level object works through inferSchema, inferSchemaFromText and toSchema`, () => {
    const v = deepObject();
    // Built by hand: JSON.stringify itself overflows the stack at this depth in a vitest worker.
    const text = '{"a":'.repeat(DEPTH) + '"leaf"' + '}'.repeat(DEPTH);
    const inf = createInferrer();
    inf.add(v);
    for (const schema of [inferSchema([v]), inferSchemaFromText(text, { format: 'json' }), inf.toSchema()]) {
      const { leaf, depth } = descend(schema, (s) => (s.properties ? own(s.properties, 'a') : undefined));
      expect(depth).toBe(DEPTH);
      expect(leaf.type).toBe('string');
    }
    expect(() => JSON.stringify(inf.state)).not.toThrow();
  });

  it(`a ${DEPTH}-level array works through inferSchema, inferSchemaFromText and toSchema`, () => {
    const v = deepArray();
    const inf = createInferrer();
    inf.add(v);
    const text = '['.repeat(DEPTH) + '1' + ']'.repeat(DEPTH);
    for (const schema of [inferSchema([v]), inferSchemaFromText(text), inf.toSchema()]) {
      const { leaf, depth } = descend(schema, (s) => (s.items && !Array.isArray(s.items) && typeof s.items === 'object' ? s.items : undefined));
      expect(depth).toBe(DEPTH);
      expect(leaf.type).toBe('integer');
    }
  });

  it('a 50,000-key object works through inferSchema, inferSchemaFromText and toSchema', () => {
    const wide: Record<string, number> = {};
    for (let i = 0; i < 50_000; i++) wide[`key_${i}`] = i;
    const text = JSON.stringify(wide);
    const inf = createInferrer();
    inf.add(wide);
    for (const schema of [inferSchema([wide]), inferSchemaFromText(text), inf.toSchema()]) {
      // Either 50,000 listed properties or a map of integers: both describe the value, nothing is lost.
      if (schema.properties) {
        expect(Object.keys(schema.properties)).toHaveLength(50_000);
        expect(own(schema.properties, 'key_49999')!.type).toBe('integer');
      } else {
        expect((schema.additionalProperties as S).type).toBe('integer');
      }
    }
  });
});

describe('odd strings', () => {
  it('keeps HTML and script keys verbatim as data', () => {
    const key = '<script>alert("x")</script>';
    const samples = [{ [key]: '<img src=x onerror=alert(1)>', 'a"b': 1, 'a/b~c': true, '': 'empty key', ' ': 0 }];
    const schema = inferSchema(samples);
    expect(Object.keys(props(schema)).sort()).toEqual(['', ' ', '<script>alert("x")</script>', 'a"b', 'a/b~c'].sort());
    expect(own(props(schema), key)!.type).toBe('string');
    expect(JSON.stringify(schema)).toContain(JSON.stringify(key).slice(1, -1));
    expect(failingSamples(schema, samples)).toEqual([]);
  });

  it('infers a type for huge strings without keeping them in the schema', () => {
    const huge = 'x'.repeat(5_000_000);
    const samples = [{ body: huge }, { body: huge + 'y' }, { body: 'short' }];
    const schema = inferSchema(samples);
    expect(own(props(schema), 'body')!.type).toBe('string');
    expect(JSON.stringify(schema).length).toBeLessThan(100_000);
    expect(inferSchemaFromText(samples.map((s) => JSON.stringify(s)).join('\n'), { format: 'ndjson' })).toEqual(schema);
    // with statistics on, examples must not drag the huge values into the schema either
    expect(JSON.stringify(inferSchema(samples, { stats: true })).length).toBeLessThan(100_000);
  });

  it('treats lone surrogates in values and keys as ordinary strings', () => {
    const samples = [{ s: '\ud800', '\udfff': 'a\ud83d', t: 'ok' }, { s: 'x\udc00y', '\udfff': '', t: '😀' }];
    const schema = inferSchema(samples);
    expect(own(props(schema), 's')!.type).toBe('string');
    expect(own(props(schema), 's')!.format).toBeUndefined();
    expect(own(props(schema), '\udfff')!.type).toBe('string');
    expect(schema.required).toEqual(['s', '\udfff', 't']);
    // Raw ajv cannot compile a property NAME with a lone surrogate (encodeURIComponent throws
    // URIError), so the independent check covers the values; createValidator rewrites such names
    // (exact-name patterns), so through it the samples validate keys included.
    const values = samples.map(({ s, t }) => ({ s, t }));
    expect(failingSamples(inferSchema(values), values)).toEqual([]);
    const v = createValidator(schema);
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    for (const x of samples) expect(v.value(x).issues).toEqual([]);
    expect(v.value({ s: 'a', '\udfff': 1, t: 'b' }).issues.map((i) => i.path)).toEqual([['\udfff']]);
    // through text, escaped (as JSON.stringify writes them) and raw
    const escaped = samples.map((s) => JSON.stringify(s)).join('\n');
    expect(escaped).toContain('\\ud800');
    expect(inferSchemaFromText(escaped, { format: 'ndjson' })).toEqual(schema);
    const raw = '{"s":"\ud800","\udfff":"a\ud83d","t":"ok"}\n{"s":"x\udc00y","\udfff":"","t":"😀"}';
    expect(inferSchemaFromText(raw, { format: 'ndjson' })).toEqual(schema);
  });
});
