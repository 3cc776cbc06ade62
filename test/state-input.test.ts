/**
 * An inference state read back from a file is untrusted input: `inferrerFromState` must check it
 * and answer with `infer/state` issues, never throw, never pollute a prototype, and a state it
 * accepts must give an inferrer whose toSchema works. Real states are mutated at random (a value
 * replaced, a key deleted) to find what the checks miss.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createInferrer, inferrerFromState } from '@fieldkit/core';
import { NUM_RUNS, webhookSamples } from './helpers/arbitraries.js';
import { loadFixture } from './helpers/fixtures.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function realState(samples: readonly unknown[], stats = false): Json {
  const inf = createInferrer({ stats });
  for (const s of samples) inf.add(s);
  return JSON.parse(JSON.stringify(inf.state)) as Json;
}

/** Every path to a value inside a JSON tree (capped, so huge states stay cheap). */
function paths(v: Json, max = 400): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (x: Json, p: (string | number)[]) => {
    if (out.length >= max) return;
    out.push(p);
    if (Array.isArray(x)) x.forEach((y, i) => walk(y, [...p, i]));
    else if (x !== null && typeof x === 'object') for (const k of Object.keys(x)) walk(x[k]!, [...p, k]);
  };
  walk(v, []);
  return out;
}

function mutate(state: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement === undefined ? null : replacement;
  const copy = JSON.parse(JSON.stringify(state)) as Json;
  let o = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) o = o[k] as unknown as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) {
    if (Array.isArray(o)) o.splice(last as number, 1);
    else delete o[last];
  } else Object.defineProperty(o, last, { value: replacement, enumerable: true, writable: true, configurable: true });
  return copy;
}

const weird: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom<Json>(null, -1, 1e308, 0.5, '', 'x', [], {}, true, 2 ** 53 + 2, [[[]]], { __proto__: 1 } as unknown as Json),
  fc.jsonValue() as fc.Arbitrary<Json>,
);

describe('inferrerFromState on untrusted input', () => {
  it('rejects non-states with infer/state issues and does not throw', () => {
    for (const bad of [null, undefined, 0, 'state', [], {}, { version: 999 }, { nodes: 'x' }, JSON.parse('{"__proto__":{"polluted":1}}')]) {
      const r = inferrerFromState(bad);
      expect(r.ok).toBe(false);
      expect(r.issues.length).toBeGreaterThan(0);
      expect(r.issues.every((i) => i.code.startsWith('infer/'))).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('randomly damaged real states never throw, and accepted ones still produce a schema', () => {
    const fixtureState = realState(loadFixture('iterable.mixed').samples, true);
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(fixtureState), webhookSamples.map((s) => realState(s))).chain((state) => fc.tuple(fc.constant(state), fc.constantFrom(...paths(state)), weird)),
        ([state, path, replacement]) => {
          const damaged = mutate(state, path, replacement);
          const r = inferrerFromState(damaged);
          if (!r.ok) {
            expect(r.issues.length).toBeGreaterThan(0);
            return;
          }
          const schema = r.value.toSchema();
          expect(typeof schema.$schema).toBe('string');
          r.value.add({ eventName: 'emailSend', email: 'a@example.com' });
          expect(() => r.value.toSchema()).not.toThrow();
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
