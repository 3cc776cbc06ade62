// Bug: with stats on, an example value of -0 was kept as -0 in the inference state; JSON writes it
// as 0, so the state no longer round-tripped through JSON (found by the CI run of the
// state-round-trip law, counterexample [{"id":-0},{}]), and -0 vs 0 kept whichever came first.
import { describe, expect, it } from 'vitest';
import { createInferrer, inferSchema, inferrerFromState } from '@fieldkit/core';

describe('negative zero examples', () => {
  it('state with a -0 example survives a JSON round trip', () => {
    const inf = createInferrer({ stats: true });
    inf.add({ id: -0 });
    inf.add({});
    const back = inferrerFromState(JSON.parse(JSON.stringify(inf.state)), { stats: true });
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.value.state).toEqual(inf.state);
  });
  it('the kept example does not depend on whether -0 or 0 came first', () => {
    const a = inferSchema([{ id: -0 }, { id: 0 }], { stats: true });
    const b = inferSchema([{ id: 0 }, { id: -0 }], { stats: true });
    expect(a).toEqual(b);
    expect(Object.is((a.properties!.id as { examples: number[] }).examples[0], 0)).toBe(true);
  });
});
