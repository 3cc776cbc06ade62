/**
 * The laws of inference, checked with fast-check (≥ 1000 runs when CI is set):
 * soundness (every sample validates against the schema inferred from all of them, formats on),
 * order independence, merge associativity/commutativity, state round trip, text chunking.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOM_FORMATS } from '../formats.js';
import type { JSONSchemaObject } from '../types.js';
import { createInferrer, inferrerFromState, inferSchema, inferSchemaFromText, type InferOptions } from './index.js';
import { locateJsonError } from './text.js';
import { canonical } from './canonical.test-util.js';
import { addSample, mergeNode, Node } from './node.js';
import { flattenNode, type NodeState } from './state.js';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const RUNS = env.CI ? 1000 : 100;

function makeAjv(draft07: boolean) {
  const opts = { strict: false, allErrors: false, validateSchema: true };
  const ajv = draft07 ? new Ajv(opts) : new Ajv2020(opts);
  for (const [name, f] of Object.entries(fullFormats)) ajv.addFormat(name, f);
  for (const [name, def] of Object.entries(CUSTOM_FORMATS)) {
    if (def.type === 'number') ajv.addFormat(name, { type: 'number', validate: (v: number) => def.validate(v) });
    else ajv.addFormat(name, { type: 'string', validate: (v: string) => def.validate(v) });
  }
  return ajv;
}
const ajv2020 = makeAjv(false);
const ajv07 = makeAjv(true);


const key = fc.constantFrom('id', 'type', 'createdAt', 'email', 'url', 'name', 'status', 'tags', 'items', 'data', 'count', 'amount', 'ip', 'ts', 'a', 'b', '101', '102', 'x y');
const str = fc.oneof(
  fc.constantFrom(
    '2024-05-01T12:00:00Z', '2024-05-01T12:00:00.5+02:00', '2024-05-01 12:00:00 +00:00', '2024-05-01T12:00:00', '2024-05-01', '2024-02-30',
    '12:00:00Z', 'a@b.co', 'https://x.io/a?b=1', 'mailto:a@b.co', '123e4567-e89b-12d3-a456-426614174000', '10.0.0.1', '::1', 'open', 'paid',
    'void', '123', '', 'invoice.paid',
  ),
  fc.string({ maxLength: 8 }),
);
const num = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1714564800, 1714564800123, 0.5));
const leaf = fc.oneof(str, num, fc.boolean(), fc.constant(null));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, leaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 5 })),
}));
const event = fc.record({ type: fc.constantFrom('a.created', 'a.deleted', 'b'), data: fc.dictionary(key, value, { maxKeys: 4 }) }, { requiredKeys: ['type'] });
const sample = fc.oneof({ weight: 4, arbitrary: fc.dictionary(key, value, { maxKeys: 6 }) }, { weight: 1, arbitrary: value }, { weight: 2, arbitrary: event });
const samples = fc.array(sample, { minLength: 1, maxLength: 12 });
const eventsOnly = fc.array(event, { minLength: 1, maxLength: 20 });
const options = fc.record({ stats: fc.boolean(), draft: fc.constantFrom<'2020-12' | 'draft-07'>('2020-12', 'draft-07') });

function allValid(schema: JSONSchemaObject, xs: unknown[], draft07: boolean): string | null {
  const validate = (draft07 ? ajv07 : ajv2020).compile(schema);
  for (const x of xs) if (!validate(x)) return `${JSON.stringify(x)}: ${JSON.stringify(validate.errors)}`;
  return null;
}

describe('laws', { timeout: 300_000 }, () => {
  it('every sample validates against the schema inferred from all of them (formats on)', () => {
    fc.assert(
      fc.property(samples, options, (xs, o) => {
        expect(allValid(inferSchema(xs, o), xs, o.draft === 'draft-07')).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('is sound on event streams (discriminated schemas)', () => {
    fc.assert(
      fc.property(eventsOnly, options, (xs, o) => {
        expect(allValid(inferSchema(xs, o), xs, o.draft === 'draft-07')).toBeNull();
        expect(allValid(inferSchema(xs, { ...o, discriminator: 'type' }), xs, o.draft === 'draft-07')).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('does not depend on sample order', () => {
    fc.assert(
      fc.property(fc.oneof(samples, eventsOnly), fc.boolean(), fc.integer(), (xs, stats, seed) => {
        const shuffled = xs
          .map((x, i) => ({ x, k: Math.imul(i + 1, seed | 1) ^ (seed >>> 3) }))
          .sort((p, q) => p.k - q.k)
          .map((p) => p.x);
        expect(canonical(inferSchema(shuffled, { stats }))).toBe(canonical(inferSchema(xs, { stats })));
      }),
      { numRuns: RUNS },
    );
  });

  it('merge is associative and commutative, and equals one pass', () => {
    fc.assert(
      fc.property(fc.oneof(samples, eventsOnly), fc.oneof(samples, eventsOnly), fc.oneof(samples, eventsOnly), fc.boolean(), (a, b, c, stats) => {
        const opts: InferOptions = { stats };
        const mk = (xs: unknown[]) => {
          const inf = createInferrer(opts);
          for (const x of xs) inf.add(x);
          return inf;
        };
        const left = mk(a);
        const ab = mk(a);
        ab.merge(mk(b));
        left.merge(mk(b).state);
        left.merge(mk(c));
        const bc = mk(b);
        bc.merge(mk(c));
        const right = mk(a);
        right.merge(bc);
        const ba = mk(b);
        ba.merge(mk(a));
        const once = canonical(inferSchema([...a, ...b, ...c], opts));
        expect(canonical(left.toSchema())).toBe(once);
        expect(canonical(right.toSchema())).toBe(once);
        expect(canonical(ba.toSchema())).toBe(canonical(ab.toSchema()));
        expect(left.count).toBe(a.length + b.length + c.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('a consuming merge (regrouping) gives the same tree as a copying one', () => {
    fc.assert(
      fc.property(samples, samples, fc.constantFrom(0, 3), (xs, ys, maxExamples) => {
        const tree = (vs: unknown[]) => {
          const root = new Node();
          for (const v of vs) addSample(root, v, maxExamples);
          return root;
        };
        const flat = (root: Node) => {
          const nodes: NodeState[] = [];
          flattenNode(root, nodes);
          return nodes;
        };
        const copied = tree(xs);
        const src = tree(ys);
        mergeNode(copied, src, maxExamples);
        const moved = tree(xs);
        mergeNode(moved, tree(ys), maxExamples, true);
        expect(flat(moved)).toEqual(flat(copied));
        // the copying merge left its source alone
        expect(flat(src)).toEqual(flat(tree(ys)));
      }),
      { numRuns: RUNS },
    );
  });

  it('state survives a JSON round trip', () => {
    fc.assert(
      fc.property(samples, fc.boolean(), (xs, stats) => {
        const inf = createInferrer({ stats });
        for (const x of xs) inf.add(x);
        const back = inferrerFromState(JSON.parse(JSON.stringify(inf.state)), { stats });
        expect(back.ok).toBe(true);
        if (!back.ok) return;
        expect(back.value.state).toEqual(inf.state);
        expect(canonical(back.value.toSchema())).toBe(canonical(inf.toSchema()));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads text to the same schema as the parsed samples, for any chunking', () => {
    fc.assert(
      fc.property(samples, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }), fc.boolean(), (xs0, cuts, pretty) => {
        const xs = JSON.parse(JSON.stringify(xs0)) as unknown[]; // what text can carry (-0 -> 0 …)
        const expected = canonical(inferSchema(xs));
        const ndjson = xs.map((x) => JSON.stringify(x)).join('\n') + '\n';
        const concatenated = xs.map((x) => JSON.stringify(x, null, pretty ? 2 : undefined)).join(pretty ? '\n' : ' ');
        for (const [text, format] of [[ndjson, 'ndjson'], [ndjson, 'auto'], [concatenated, 'json'], [concatenated, 'auto']] as const) {
          const inf = createInferrer();
          const reader = inf.createTextReader({ format });
          const issues = [];
          let i = 0;
          let c = 0;
          while (i < text.length) {
            const n = cuts[c++ % cuts.length]!;
            issues.push(...reader.write(text.slice(i, i + n)));
            i += n;
          }
          issues.push(...reader.end());
          expect(issues).toEqual([]);
          expect(reader.samples).toBe(xs.length);
          expect(canonical(inf.toSchema())).toBe(expected);
        }
        expect(canonical(inferSchemaFromText(ndjson, { format: 'ndjson' }))).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('locates an error exactly when JSON.parse rejects the text', () => {
    const mutated = fc
      .tuple(value, fc.integer({ min: 0, max: 200 }), fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', 'x', ' ', '\u0001', 'tru', '-', '.', 'e', '0'))
      .map(([v, at, ins]) => {
        const t = JSON.stringify(v) ?? 'null';
        const p = at % (t.length + 1);
        return t.slice(0, p) + ins + t.slice(p + (ins === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ maxLength: 12 })), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const loc = locateJsonError(text);
        expect(loc === null).toBe(parses);
        if (loc) expect(loc.pos).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
