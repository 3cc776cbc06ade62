import { describe, expect, it } from 'vitest';
import { FieldkitError } from '../errors.js';
import type { JSONSchemaObject } from '../types.js';
import { createInferrer, inferrerFromState, inferSchema, inferSchemaFromText, SCAN_MIN_LENGTH, tryInferSchemaFromText } from './index.js';

/** JSON with sorted keys, built iteratively (vitest's toEqual and JSON.stringify recurse). */
function canonical(v: unknown): string {
  const out: string[] = [];
  const work: unknown[] = [v];
  while (work.length > 0) {
    const x = work.pop();
    if (typeof x === 'string' && x.startsWith('\u0000')) out.push(x.slice(1));
    else if (Array.isArray(x)) {
      out.push('[');
      work.push('\u0000]');
      for (let i = x.length - 1; i >= 0; i--) work.push(x[i], '\u0000,');
    } else if (typeof x === 'object' && x !== null) {
      out.push('{');
      work.push('\u0000}');
      const keys = Object.keys(x).sort().reverse();
      for (const k of keys) work.push((x as Record<string, unknown>)[k], '\u0000' + JSON.stringify(k) + ':');
    } else out.push(JSON.stringify(x));
  }
  return out.join('');
}

const props = (s: JSONSchemaObject) => s.properties as Record<string, JSONSchemaObject>;

describe('inferSchema basics', () => {
  it('writes $schema for the chosen draft', () => {
    expect(inferSchema([{ a: 1 }]).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(inferSchema([{ a: 1 }], { draft: 'draft-07' }).$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('marks required only the keys present in every object', () => {
    const s = inferSchema([{ a: 1, b: 'x' }, { a: 2 }]);
    expect(s.required).toEqual(['a']);
    expect(Object.keys(props(s))).toEqual(['a', 'b']);
    expect(s.additionalProperties).toBeUndefined();
  });

  it('uses integer only when every number was integral', () => {
    expect(props(inferSchema([{ n: 1 }, { n: 2 }])).n!.type).toBe('integer');
    expect(props(inferSchema([{ n: 1 }, { n: 2.5 }])).n!.type).toBe('number');
  });

  it('writes nullable primitives and objects as type arrays', () => {
    const s = inferSchema([{ a: 'x', o: { k: 1 } }, { a: null, o: null }]);
    expect(props(s).a!.type).toEqual(['string', 'null']);
    expect(props(s).o!.type).toEqual(['object', 'null']);
  });

  it('writes anyOf when objects or arrays mix with other kinds', () => {
    const s = inferSchema([{ a: { k: 1 } }, { a: 'x' }, { a: [1] }, { a: null }]);
    const a = props(s).a!;
    expect(a.anyOf).toHaveLength(3);
    expect((a.anyOf as JSONSchemaObject[])[2]!.type).toEqual(['string', 'null']);
  });

  it('describes an array only ever seen empty without inventing items', () => {
    const s = inferSchema([{ tags: [] }, { tags: [] }]);
    // Regression (fixtures F1): maxItems 0 made the first payload with a label invalid.
    expect(props(s).tags).toEqual({ type: 'array' });
  });

  it('merges items across all elements of all samples', () => {
    const s = inferSchema([{ xs: [{ a: 1 }, { a: 2, b: 'x' }] }, { xs: [{ a: 3 }] }]);
    const items = props(s).xs!.items as JSONSchemaObject;
    expect(items.required).toEqual(['a']);
    expect(Object.keys(props(items))).toEqual(['a', 'b']);
  });

  it('lists required keys in the order of properties, integer-like keys first, for text and parsed samples alike', () => {
    const lines = Array.from({ length: Math.ceil(SCAN_MIN_LENGTH / 30) + 1 }, (_, i) => `{"b":${i},"10":2,"a":"x","2":null}`);
    const text = lines.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(SCAN_MIN_LENGTH); // the scanner reads keys in text order
    const fromText = inferSchemaFromText(text, { format: 'ndjson' });
    const fromSamples = inferSchema(lines.map((l) => JSON.parse(l) as unknown));
    expect(fromText.required).toEqual(['2', '10', 'b', 'a']);
    expect(JSON.stringify(fromText)).toBe(JSON.stringify(fromSamples));
  });

  it('describes an empty object as an object with no properties', () => {
    expect(props(inferSchema([{ o: {} }])).o).toEqual({ type: 'object', properties: {} });
  });

  it('returns a schema that accepts anything for no samples', () => {
    expect(inferSchema([])).toEqual({ $schema: 'https://json-schema.org/draft/2020-12/schema' });
  });
});

describe('formats', () => {
  it('finds standard formats only when every value matches', () => {
    const s = inferSchema([
      { d: '2024-05-01T12:00:00Z', e: 'a@b.co', u: 'https://x.io/a', id: '123e4567-e89b-12d3-a456-426614174000', ip: '10.0.0.1', day: '2024-05-01' },
      { d: '2024-05-02T12:00:00+02:00', e: 'c@d.co', u: 'not a uri', id: '123e4567-e89b-12d3-a456-426614174001', ip: '::1', day: '2024-02-29' },
    ]);
    const p = props(s);
    expect(p.d!.format).toBe('date-time');
    expect(p.e!.format).toBe('email');
    expect(p.u!.format).toBeUndefined();
    expect(p.id!.format).toBe('uuid');
    expect(p.ip!.format).toBeUndefined();
    expect(p.day!.format).toBe('date');
  });

  it('never labels non-RFC timestamps date-time', () => {
    const s = inferSchema([{ a: '2024-05-01 12:00:00 +00:00', b: '2024-05-01T12:00:00' }]);
    expect(props(s).a!.format).toBe('date-time-space');
    expect(props(s).b!.format).toBe('iso-date-time');
  });

  it('labels epoch integers only under a timestamp-like key', () => {
    const s = inferSchema([{ createdAt: 1714564800, updated_at: 1714564800123, userId: 1714564800, count: 1714564800 }]);
    expect(props(s).createdAt!.format).toBe('unix-time');
    expect(props(s).updated_at!.format).toBe('unix-time-ms');
    expect(props(s).userId!.format).toBeUndefined();
    expect(props(s).count!.format).toBeUndefined();
  });

  it('drops the epoch format when any value is out of range', () => {
    expect(props(inferSchema([{ ts: 1714564800 }, { ts: 5 }])).ts!.format).toBeUndefined();
  });
});

describe('enums', () => {
  const many = (vals: string[], times: number) => Array.from({ length: times }, (_, i) => ({ status: vals[i % vals.length] }));

  it('writes a sorted enum on strong evidence', () => {
    expect(props(inferSchema(many(['paid', 'open', 'void'], 12))).status!.enum).toEqual(['open', 'paid', 'void']);
  });

  it('needs repetition', () => {
    expect(props(inferSchema(many(['paid', 'open', 'void'], 6))).status!.enum).toBeUndefined();
  });

  it('never makes enums of ids, numbers as strings or formats', () => {
    const ids = Array.from({ length: 12 }, (_, i) => ({ userId: ['a', 'b'][i % 2], n: ['1', '2'][i % 2], d: ['2024-01-01', '2024-01-02'][i % 2] }));
    const p = props(inferSchema(ids));
    expect(p.userId!.enum).toBeUndefined();
    expect(p.n!.enum).toBeUndefined();
    expect(p.d!.enum).toBeUndefined();
  });

  it('adds null to the enum of a nullable path', () => {
    const s = inferSchema([...many(['a', 'b'], 12), { status: null }]);
    expect(props(s).status!.enum).toEqual(['a', 'b', null]);
  });

  it('obeys enum and no-enum hints', () => {
    expect(props(inferSchema([{ plan: 'x' }], { hints: { '/plan': 'enum' } })).plan!.enum).toEqual(['x']);
    expect(props(inferSchema(many(['a', 'b'], 20), { hints: { '/status': 'no-enum' } })).status!.enum).toBeUndefined();
  });
});

describe('real-payload heuristics (fixtures feedback)', () => {
  it('treats Stripe metadata (optional string values) as a map', () => {
    const s = inferSchema([{ metadata: { order_id: '1' } }, { metadata: { cart_id: 'c', campaign: 'x' } }, { metadata: {} }]);
    expect(props(s).metadata).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
  });

  it('labels *_start/*_end/*_anchor epoch seconds unix-time', () => {
    const p = props(inferSchema([{ current_period_end: 1714564800, trial_start: 1714564800, billing_cycle_anchor: 1714564800, period: { start: 1714564800 } }]));
    expect(p.current_period_end!.format).toBe('unix-time');
    expect(p.trial_start!.format).toBe('unix-time');
    expect(p.billing_cycle_anchor!.format).toBe('unix-time');
    expect(props(p.period!).start!.format).toBe('unix-time');
  });

  it('splits on event names with inner spaces (Segment)', () => {
    const xs = ['Order Completed', 'Signed Up'].flatMap((event, i) => Array.from({ length: 3 }, () => ({ event, properties: i ? { plan: 'x' } : { order_id: 'o' } })));
    const s = inferSchema(xs);
    expect(s['x-fieldkit-discriminator']).toBe('event');
    expect(Object.keys(s.$defs as object)).toEqual(['OrderCompleted', 'SignedUp']);
  });

  it('never makes enums of names, logins, colours or tags', () => {
    const xs = Array.from({ length: 12 }, (_, i) => ({ repository: { name: ['a', 'b'][i % 2], full_name: ['o/a', 'o/b'][i % 2] }, login: ['x', 'y'][i % 2], color: ['fff', '000'][i % 2], tags: [['p', 'q'][i % 2]], eventName: ['open', 'click'][i % 2] }));
    const p = props(inferSchema(xs, { discriminator: false }));
    expect(props(p.repository!).name!.enum).toBeUndefined();
    expect(props(p.repository!).full_name!.enum).toBeUndefined();
    expect(p.login!.enum).toBeUndefined();
    expect(p.color!.enum).toBeUndefined();
    expect((p.tags!.items as JSONSchemaObject).enum).toBeUndefined();
    expect(p.eventName!.enum).toEqual(['click', 'open']);
  });

  it('never makes enums of id-like values (Stripe products, Slack users)', () => {
    const xs = Array.from({ length: 12 }, (_, i) => ({ product: ['prod_PqB7mXzL2kV9aC', 'prod_QwE4rT6yU8iO1p'][i % 2], user: ['U02AB3CD4EF', 'U03GH5IJ6KL'][i % 2], status: ['past_due', 'active'][i % 2] }));
    const p = props(inferSchema(xs));
    expect(p.product!.enum).toBeUndefined();
    expect(p.user!.enum).toBeUndefined();
    expect(p.status!.enum).toEqual(['active', 'past_due']);
  });

  it('describes a key only ever null as anything (F10)', () => {
    expect(props(inferSchema([{ experimentId: null }, { experimentId: null }])).experimentId).toEqual({});
  });

  it('makes no enum of ISO code lists (F11)', () => {
    const xs = Array.from({ length: 12 }, (_, i) => ({ currency: ['eur', 'usd'][i % 2], country_code: ['DE', 'US'][i % 2], locale: ['en', 'de'][i % 2] }));
    const p = props(inferSchema(xs));
    expect(p.currency!.enum).toBeUndefined();
    expect(p.country_code!.enum).toBeUndefined();
    expect(p.locale!.enum).toBeUndefined();
  });

  it('applies an enum hint on an array path to its elements (Q6)', () => {
    const s = inferSchema([{ labels: ['a', 'b'] }], { hints: { '/labels': 'enum' } });
    expect((props(s).labels!.items as JSONSchemaObject).enum).toEqual(['a', 'b']);
  });

  it('warns when text holds no samples (Q6)', () => {
    const r = tryInferSchemaFromText('  \n');
    expect(r.ok).toBe(true);
    expect(r.issues).toMatchObject([{ code: 'infer/empty', severity: 'warning' }]);
  });

  it('writes no date format for version ids', () => {
    expect(props(inferSchema([{ api_version: '2024-04-10' }])).api_version!.format).toBeUndefined();
  });
});

describe('hints', () => {
  it('match JSON pointers with * for any key or index', () => {
    const xs = Array.from({ length: 2 }, (_, i) => ({ items: [{ sku: `s${i}`, at: '2024-05-01' }], byCode: { x: { sku: 'a' } } }));
    const s = inferSchema(xs, { hints: { '/items/*/sku': 'enum', '/items/0/at': 'no-format', '/byCode': 'map', '/byCode/*/sku': 'enum' } });
    const item = props(s).items!.items as JSONSchemaObject;
    expect(props(item).sku!.enum).toEqual(['s0', 's1']);
    expect(props(item).at!.format).toBeUndefined();
    expect(((props(s).byCode!.additionalProperties as JSONSchemaObject).properties as Record<string, JSONSchemaObject>).sku!.enum).toEqual(['a']);
  });

  it('warn about hints that match nothing, with the near-miss key (Q5)', () => {
    const inf = createInferrer({ hints: { '/dataFeilds/plan': 'enum', '/dataFields/plan': 'enum', '/tags/*': 'no-enum' } });
    inf.add({ dataFields: { plan: 'x' }, tags: ['a'] });
    const issues = inf.checkHints();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'infer/hint-unused', severity: 'warning', suggestion: '/dataFields/plan' });
    expect(inf.checkHints({ '/x': 'bogus' as never })[0]!.code).toBe('infer/hint-unknown');
  });

  it('name the discriminator with a hint on a root path', () => {
    const xs = [{ kind2: 'a', x: 1 }, { kind2: 'b', y: 'z' }];
    expect(inferSchema(xs, { hints: { '/kind2': 'discriminator' } })['x-fieldkit-discriminator']).toBe('kind2');
    expect(inferSchema(xs).oneOf).toBeUndefined();
  });
});

describe('maps', () => {
  it('describes objects keyed by ids as additionalProperties', () => {
    const s = inferSchema([{ byId: { '101': { n: 1 }, '102': { n: 2 }, '103': { n: 3, x: true } } }]);
    const m = props(s).byId!;
    expect(m.properties).toBeUndefined();
    expect(m.propertyNames).toEqual({ pattern: '^-?[0-9]+$' });
    expect((m.additionalProperties as JSONSchemaObject).required).toEqual(['n']);
  });

  it('obeys map and no-map hints', () => {
    const s = inferSchema([{ m: { a: 1, b: 2 } }], { hints: { '/m': 'map' } });
    expect(props(s).m!.additionalProperties).toEqual({ type: 'integer' });
    const t = inferSchema([{ m: { '1': 1, '2': 2 } }], { hints: { '/m': ['no-map'] } });
    expect(Object.keys(props(props(t).m!))).toEqual(['1', '2']);
  });

  it('keeps a wide object with heterogeneous values as properties', () => {
    const wide: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) wide['k' + i] = [1, 'x', true, null, 1.5, { a: 1 }, [1]][i % 7];
    expect(Object.keys(props(inferSchema([wide]))).length).toBe(5000);
  });
});

describe('discriminated event streams', () => {
  const events = [
    ...Array.from({ length: 4 }, (_, i) => ({ type: 'invoice.paid', object: 'event', data: { amount: i } })),
    ...Array.from({ length: 4 }, (_, i) => ({ type: 'customer.created', object: 'event', data: { email: `u${i}@x.io` } })),
  ];

  it('writes one sub-schema per event type', () => {
    const s = inferSchema(events);
    expect(s['x-fieldkit-discriminator']).toBe('type');
    expect(s.oneOf).toEqual([{ $ref: '#/$defs/CustomerCreated' }, { $ref: '#/$defs/InvoicePaid' }]);
    const paid = (s.$defs as Record<string, JSONSchemaObject>).InvoicePaid!;
    expect(paid.title).toBe('invoice.paid');
    expect(props(paid).type).toEqual({ const: 'invoice.paid' });
  });

  it('uses definitions for draft-07', () => {
    const s = inferSchema(events, { draft: 'draft-07' });
    expect(s.definitions).toBeDefined();
    expect(s.oneOf![0]).toEqual({ $ref: '#/definitions/CustomerCreated' });
  });

  it('can be turned off or named', () => {
    expect(inferSchema(events, { discriminator: false }).oneOf).toBeUndefined();
    const named = inferSchema(events, { discriminator: 'object' });
    expect(named['x-fieldkit-discriminator']).toBe('object');
  });

  it('does not split when the key is missing from some samples', () => {
    expect(inferSchema([...events, { data: {} }]).oneOf).toBeUndefined();
  });
});

describe('stats', () => {
  it('adds seen/total and examples only when asked', () => {
    const samples = [{ a: 'x', b: 1 }, { a: 'y' }];
    expect(props(inferSchema(samples)).a!['x-fieldkit-stats']).toBeUndefined();
    const s = inferSchema(samples, { stats: true });
    expect(props(s).b!['x-fieldkit-stats']).toEqual({ seen: 1, total: 2 });
    expect(props(s).a!.examples).toEqual(['x', 'y']);
  });
});

describe('inferrer, state and merge', () => {
  it('round-trips its state through JSON', () => {
    const inf = createInferrer();
    inf.add({ a: 1, b: ['x'], c: { '__proto__': 1 } });
    inf.add({ a: 2.5 });
    const r = inferrerFromState(JSON.parse(JSON.stringify(inf.state)));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.toSchema()).toEqual(inf.toSchema());
      expect(r.value.count).toBe(2);
    }
  });

  it('reads back every counter exactly, also counts no inference would produce', () => {
    // Node keeps one kind code instead of six counters where it can (node.ts): a state whose
    // counts do not add up, or with several kinds, must still come back field for field.
    const node = (o: Record<string, unknown>) => ({ n: 0, nul: 0, bool: 0, int: 0, flt: 0, str: 0, obj: 0, arr: 0, eo: 0, ea: 0, sf: 1023, nf: 3, sv: [], ...o });
    const state = {
      format: 'fieldkit-inference-state', version: 1, count: 3, maxExamples: 2, keys: [], dropped: [], values: [],
      partitions: [{ tag: [], root: 0 }],
      nodes: [
        node({ n: 3, obj: 3, eo: 1, props: [['a', 1], ['b', 2], ['c', 3], ['d', 4], ['e', 5]] }),
        node({ n: 5, nul: 1, str: 2, sf: 0, sv: [['x', 2]], ex: ['x'] }), // counts short of n
        node({ n: 4, nul: 1, int: 1, flt: 1, str: 1, nf: 0, sv: null }), // mixed, enum given up
        node({ n: 2, nul: 2 }), // only nulls
        node({ n: 0, arr: 1, ea: 1, items: 6 }), // a kind count without n
        node({ n: 2, int: 2, sv: [['p', 1], ['q', 3]] }), // enum values without strings
        node({ n: 1, bool: 1, ex: [true] }),
      ],
    };
    const r = inferrerFromState(JSON.parse(JSON.stringify(state)));
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.parse(JSON.stringify(r.value.state))).toEqual(state);
  });

  it('rejects malformed states with issues', () => {
    const r = inferrerFromState({ format: 'fieldkit-inference-state', version: 1, count: 1, maxExamples: 0, keys: [], dropped: [], values: [], partitions: [{ tag: [], root: 5 }], nodes: [] });
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.code).toBe('infer/state');
    expect(inferrerFromState('nope').ok).toBe(false);
  });

  it('merges shards into the same schema as one pass', () => {
    const a = createInferrer();
    const b = createInferrer();
    a.add({ x: 1 });
    b.add({ x: 'y', z: true });
    a.merge(b);
    expect(a.count).toBe(2);
    expect(a.toSchema()).toEqual(inferSchema([{ x: 1 }, { x: 'y', z: true }]));
    const c = createInferrer();
    c.merge(a.state);
    expect(c.toSchema()).toEqual(a.toSchema());
  });
});

describe('text', () => {
  it('reads NDJSON, concatenated JSON and auto', () => {
    const expected = inferSchema([{ a: 1 }, { a: 'x' }]);
    expect(inferSchemaFromText('{"a":1}\n{"a":"x"}\n', { format: 'ndjson' })).toEqual(expected);
    expect(inferSchemaFromText('{"a":1} {"a":"x"}', { format: 'json' })).toEqual(expected);
    expect(inferSchemaFromText('{"a":1}\n{"a":"x"}')).toEqual(expected);
    expect(inferSchemaFromText('{\n "a": 1\n}\n{"a":"x"}')).toEqual(expected);
  });

  it('reports parse errors with line, column, sample and source', () => {
    const r = tryInferSchemaFromText('{"a":1}\n\n{"a":tru}\n', { format: 'ndjson', source: 'in.ndjson' });
    expect(r.ok).toBe(false);
    // The misspelt literal is named where it starts (column 6), with what was expected.
    expect(r.issues[0]).toMatchObject({ code: 'infer/parse', line: 3, column: 6, sample: 2, source: 'in.ndjson' });
    expect(r.issues[0]!.message).toMatch(/Unexpected 'tru' in JSON: expected true/);
    expect(() => inferSchemaFromText('{"a":', { format: 'json' })).toThrow(FieldkitError);
  });

  it('adds line and sample offsets to issues and counts lines', () => {
    const inf = createInferrer();
    const reader = inf.createTextReader({ format: 'ndjson', lineOffset: 10, sampleOffset: 5, source: 'part-2' });
    const issues = [...reader.write('{"a":1}\n{"a":'), ...reader.end()];
    expect(issues[0]).toMatchObject({ line: 12, sample: 7, source: 'part-2' });
    expect(reader.samples).toBe(1);
    expect(reader.line).toBe(12);
  });

  it('gives the same schema for any chunking', () => {
    const text = '{"a":1,"s":"x\\"y"}\n{"a":[1,2],"b":null}\n"str"\n12\n';
    const whole = inferSchemaFromText(text, { format: 'json' });
    for (const format of ['json', 'ndjson', 'auto'] as const) {
      for (let size = 1; size < 8; size++) {
        const inf = createInferrer();
        const reader = inf.createTextReader({ format });
        const issues = [];
        for (let i = 0; i < text.length; i += size) issues.push(...reader.write(text.slice(i, i + size)));
        issues.push(...reader.end());
        expect(issues).toEqual([]);
        expect(reader.samples).toBe(4);
        expect(inf.toSchema()).toEqual(whole);
      }
    }
  });
});

describe('text input details (QA feedback)', () => {
  it('skips byte-order marks where files were concatenated', () => {
    const bom = '\ufeff';
    const want = inferSchema([{ a: 1 }, { a: 2 }]);
    expect(inferSchemaFromText(`${bom}{"a":1}\n${bom}{"a":2}\n`, { format: 'ndjson' })).toEqual(want);
    expect(inferSchemaFromText(`${bom}{"a":1}${bom}{"a":2}`, { format: 'json' })).toEqual(want);
    const reader = createInferrer().createTextReader({ format: 'ndjson' });
    expect([...reader.write(`{"a":1}\n${bom}{"a":2}\n`), ...reader.end()]).toEqual([]);
  });

  it('says when auto read the text as concatenated JSON', () => {
    const r = tryInferSchemaFromText('{"a":1}\n{"a":2}\n{"a":\n{"a":4}\n');
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.message).toContain('from line 3');
  });

  it('splits a handful of samples of different events on a well-known key (help example)', () => {
    const xs = [
      { eventName: 'emailSend', dataFields: { campaignId: 1 } },
      { eventName: 'emailOpen', dataFields: { ip: '1.2.3.4' } },
      { eventName: 'emailClick', dataFields: { url: 'https://x.io/' } },
    ];
    expect(inferSchema(xs)['x-fieldkit-discriminator']).toBe('eventName');
  });

  it('describes objects keyed by Airtable-style ids (no digits) and *ById objects as maps', () => {
    const rec = (id: string) => [id, { cellValuesByFieldId: { fldQ5f5OrNULXjTOb: 'x' } }] as const;
    const s = inferSchema([{ changedRecords: Object.fromEntries([rec('recUBWSTiSPulhxjR'), rec('recAbcdEfghIjklMn'), rec('recZyxwVutsRqpOnM')]) }]);
    const m = props(s).changedRecords!;
    expect(m.properties).toBeUndefined();
    const v = m.additionalProperties as JSONSchemaObject;
    expect(props(v).cellValuesByFieldId!.additionalProperties).toEqual({ type: 'string' });
  });
});

describe('hostile input', () => {
  it('treats __proto__ and constructor as ordinary keys and pollutes nothing', () => {
    const sample = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}');
    const s = inferSchema([sample, sample], { stats: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(s.properties, '__proto__')).toBe(true);
    expect(Object.keys(props(s))).toEqual(['__proto__', 'constructor']);
    expect(s.required).toEqual(['__proto__', 'constructor']);
  });

  it('handles 5,000 levels of nesting with the default stack', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 5000; i++) deep = i % 2 ? [deep] : { d: i, c: deep };
    const s = inferSchema([deep, deep], { maxDepth: 10_000 });
    let depth = 0;
    let cur: JSONSchemaObject | undefined = s;
    while (cur) {
      depth++;
      cur = (cur.items as JSONSchemaObject | undefined) ?? (cur.properties as Record<string, JSONSchemaObject> | undefined)?.c;
    }
    expect(depth).toBe(5001);
    const inf = createInferrer();
    inf.add(deep);
    const back = inferrerFromState(JSON.parse(JSON.stringify(inf.state)));
    expect(back.ok).toBe(true);
    // Built by hand: JSON.stringify itself recurses.
    let text = '0';
    for (let i = 0; i < 5000; i++) text = i % 2 ? `[${text}]` : `{"d":${i},"c":${text}}`;
    expect(canonical(inferSchemaFromText(text + text, { format: 'json', maxDepth: 10_000 }))).toBe(canonical(s));
    expect(canonical(inferSchemaFromText(text + '\n' + text, { format: 'ndjson', maxDepth: 10_000 }))).toBe(canonical(s));
    // With maxDepth the schema stops early so JSON.stringify, ajv and TypeScript generators cope.
    const capped = inferSchema([deep], { maxDepth: 256 });
    expect(() => JSON.stringify(capped)).not.toThrow();
    expect(JSON.stringify(capped)).toContain('Nested deeper than 256 levels');
    expect(canonical(s)).toContain('"d":{"type":"integer"}');
  });
});
