/**
 * The inferrer's laws as property tests over webhook-like samples (see helpers/arbitraries.ts):
 * samples validate against what is inferred from them; sample order does not matter; merge is
 * associative and commutative and equals one inferrer over everything; the state survives a JSON
 * round trip; the NDJSON text path equals the samples path. Schemas are compared through
 * normaliseSchema (order of `required`/`enum`/`type`/`anyOf`/`oneOf` ignored, nothing else).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createInferrer, inferrerFromState, inferSchema, inferSchemaFromText, type Inferrer } from '@fieldkit/core';
import { hostileWebhookSamples, NUM_RUNS, webhookSamples } from './helpers/arbitraries.js';
import { failingSamples } from './helpers/ajv.js';
import { normaliseSchema } from './helpers/normalise.js';

const params = { numRuns: NUM_RUNS };
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

function inferrerOver(samples: readonly unknown[]): Inferrer {
  const inf = createInferrer();
  for (const s of samples) inf.add(s);
  return inf;
}

/** Split into three chunks at two generated cut points (chunks may be empty). */
const threeChunks = webhookSamples.chain((all) =>
  fc.tuple(fc.integer({ min: 0, max: all.length }), fc.integer({ min: 0, max: all.length })).map(([i, j]) => {
    const [a, b] = i <= j ? [i, j] : [j, i];
    return { all, chunks: [all.slice(0, a), all.slice(a, b), all.slice(b)] as const };
  }),
);

describe('inference laws', () => {
  it('every sample validates against inferSchema(samples), formats on', () => {
    fc.assert(
      fc.property(webhookSamples, (samples) => {
        expect(failingSamples(inferSchema(samples), samples)).toEqual([]);
      }),
      params,
    );
  }, 600_000); // ajv compiles a new schema every run: slow with 1000 runs on CI

  it('every sample validates against the draft-07 schema too', () => {
    fc.assert(
      fc.property(webhookSamples, (samples) => {
        expect(failingSamples(inferSchema(samples, { draft: 'draft-07' }), samples)).toEqual([]);
      }),
      params,
    );
  }, 600_000);

  it('sample order does not change the schema', () => {
    fc.assert(
      fc.property(
        webhookSamples.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }))),
        ([samples, shuffled]) => {
          expect(normaliseSchema(inferSchema(shuffled))).toEqual(normaliseSchema(inferSchema(samples)));
        },
      ),
      params,
    );
  });

  it('statistics do not depend on sample order or on how samples were sharded (examples aside)', () => {
    // `examples` are the first values seen, so they may differ; `x-fieldkit-stats` counts may not.
    const withoutExamples = (s: unknown) => JSON.parse(JSON.stringify(s), (k, v: unknown) => (k === 'examples' ? undefined : v)) as unknown;
    fc.assert(
      fc.property(threeChunks, ({ all, chunks: [x, y, z] }) => {
        const whole = normaliseSchema(withoutExamples(inferSchema(all, { stats: true })));
        const reversed = inferSchema([...all].reverse(), { stats: true });
        expect(normaliseSchema(withoutExamples(reversed))).toEqual(whole);
        const sharded = createInferrer({ stats: true });
        for (const chunk of [z, x, y]) {
          const part = createInferrer({ stats: true });
          for (const s of chunk) part.add(s);
          sharded.merge(part);
        }
        expect(normaliseSchema(withoutExamples(sharded.toSchema()))).toEqual(whole);
      }),
      params,
    );
  });

  it('stats annotate without changing the schema, and agree with `required`', () => {
    // Stripping x-fieldkit-stats and examples from a stats:true schema gives the plain schema; a key
    // is required exactly when it was seen in every object at its parent path (seen === total);
    // examples are values of the right type, at most maxExamples of them.
    const strip = (s: unknown) => JSON.parse(JSON.stringify(s), (k, v: unknown) => (k === 'examples' || k === 'x-fieldkit-stats' ? undefined : v)) as unknown;
    fc.assert(
      fc.property(webhookSamples, fc.integer({ min: 1, max: 4 }), (samples, maxExamples) => {
        const plain = inferSchema(samples);
        const annotated = inferSchema(samples, { stats: true, maxExamples });
        expect(strip(annotated)).toEqual(plain);
        const problems: string[] = [];
        const walk = (s: unknown, path: string) => {
          if (typeof s !== 'object' || s === null) return;
          const o = s as Record<string, unknown>;
          const props = o.properties as Record<string, Record<string, unknown>> | undefined;
          if (props) {
            const required = new Set((o.required as string[] | undefined) ?? []);
            for (const k of Object.keys(props)) {
              const st = props[k]!['x-fieldkit-stats'] as { seen: number; total: number } | undefined;
              if (!st) problems.push(`${path}/${k}: no x-fieldkit-stats`);
              else {
                if (st.seen > st.total || st.seen < 1) problems.push(`${path}/${k}: seen ${st.seen} of ${st.total}`);
                if ((st.seen === st.total) !== required.has(k)) problems.push(`${path}/${k}: seen ${st.seen}/${st.total} but required=${required.has(k)}`);
              }
              const ex = props[k]!.examples;
              if (ex !== undefined && (!Array.isArray(ex) || ex.length > maxExamples)) problems.push(`${path}/${k}: examples ${JSON.stringify(ex)}`);
            }
          }
          for (const [k, v] of Object.entries(o)) if (k !== 'examples' && k !== 'enum' && k !== 'const') walk(v, `${path}/${k}`);
        };
        walk(annotated, '');
        expect(problems).toEqual([]);
        expect(failingSamples(annotated, samples)).toEqual([]);
      }),
      params,
    );
  }, 600_000);

  it('draft-07 output is the 2020-12 output with definitions for $defs', () => {
    fc.assert(
      fc.property(webhookSamples, (samples) => {
        const modern = JSON.stringify(inferSchema(samples)).replaceAll('"$defs"', '"definitions"').replaceAll('#/$defs/', '#/definitions/').replace('https://json-schema.org/draft/2020-12/schema', 'http://json-schema.org/draft-07/schema#');
        expect(JSON.parse(JSON.stringify(inferSchema(samples, { draft: 'draft-07' })))).toEqual(JSON.parse(modern));
      }),
      params,
    );
  });

  it('merge is associative and commutative, and equals one inferrer over all samples', () => {
    fc.assert(
      fc.property(threeChunks, ({ all, chunks: [x, y, z] }) => {
        const whole = normaliseSchema(inferrerOver(all).toSchema());

        const left = inferrerOver(x); // (x ∪ y) ∪ z
        left.merge(inferrerOver(y));
        left.merge(inferrerOver(z));

        const yz = inferrerOver(y); // x ∪ (y ∪ z)
        yz.merge(inferrerOver(z));
        const right = inferrerOver(x);
        right.merge(yz);

        const reversed = inferrerOver(z); // (z ∪ y) ∪ x, through states rather than inferrers
        reversed.merge(inferrerOver(y).state);
        reversed.merge(inferrerOver(x).state);

        expect(normaliseSchema(left.toSchema())).toEqual(whole);
        expect(normaliseSchema(right.toSchema())).toEqual(whole);
        expect(normaliseSchema(reversed.toSchema())).toEqual(whole);
        expect([left.count, right.count, reversed.count]).toEqual([all.length, all.length, all.length]);
      }),
      params,
    );
  });

  it('merging does not change the inferrer that was merged in', () => {
    fc.assert(
      fc.property(threeChunks, ({ chunks: [x, y] }) => {
        const other = inferrerOver(y);
        const before = JSON.stringify(other.state);
        inferrerOver(x).merge(other);
        expect(JSON.stringify(other.state)).toBe(before);
      }),
      params,
    );
  });

  it('state survives a JSON round trip', () => {
    fc.assert(
      fc.property(webhookSamples, (samples) => {
        const inf = inferrerOver(samples);
        const restored = inferrerFromState(JSON.parse(JSON.stringify(inf.state)));
        expect(restored.issues.filter((i) => i.severity === 'error')).toEqual([]);
        if (!restored.ok) return;
        expect(restored.value.count).toBe(samples.length);
        expect(restored.value.toSchema()).toEqual(inf.toSchema());
        // and it keeps working: adding to the restored inferrer equals adding to the original
        restored.value.add(samples[0]);
        inf.add(samples[0]);
        expect(restored.value.toSchema()).toEqual(inf.toSchema());
      }),
      params,
    );
  });

  it('NDJSON text of the samples infers the same schema as the samples', () => {
    fc.assert(
      fc.property(webhookSamples, (samples) => {
        const text = samples.map((s) => JSON.stringify(s)).join('\n') + '\n';
        expect(inferSchemaFromText(text, { format: 'ndjson' })).toEqual(inferSchema(samples));
      }),
      params,
    );
  });

  it('a text reader fed the NDJSON in arbitrary chunks gives the same schema', () => {
    fc.assert(
      fc.property(webhookSamples, fc.array(fc.nat(), { maxLength: 8 }), (samples, cuts) => {
        const text = samples.map((s) => JSON.stringify(s)).join('\n') + '\n';
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const inf = createInferrer();
        const reader = inf.createTextReader({ format: 'ndjson' });
        let at = 0;
        const issues = [];
        for (const p of [...points, text.length]) {
          issues.push(...reader.write(text.slice(at, p)));
          at = p;
        }
        issues.push(...reader.end());
        expect(issues).toEqual([]);
        expect(reader.samples).toBe(samples.length);
        expect(inf.toSchema()).toEqual(inferSchema(samples));
      }),
      params,
    );
  });

  it('the laws hold with hostile keys (__proto__, constructor, HTML) too, and nothing is polluted', () => {
    fc.assert(
      fc.property(hostileWebhookSamples.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }))), ([samples, shuffled]) => {
        const schema = inferSchema(samples);
        expect(failingSamples(schema, samples)).toEqual([]);
        expect(normaliseSchema(inferSchema(shuffled))).toEqual(normaliseSchema(schema));
        const half = Math.floor(samples.length / 2);
        const a = inferrerOver(samples.slice(0, half));
        a.merge(JSON.parse(JSON.stringify(inferrerOver(samples.slice(half)).state)));
        expect(normaliseSchema(a.toSchema())).toEqual(normaliseSchema(schema));
        const text = samples.map((s) => JSON.stringify(s)).join('\n');
        expect(inferSchemaFromText(text, { format: 'ndjson' })).toEqual(schema);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES);
      }),
      params,
    );
  }, 600_000);
});
