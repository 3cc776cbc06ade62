import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJsonValues } from '../io/json-text.js';
import { ArrayElementsFilter } from './each.js';

function run(text: string, cuts: number[] = []) {
  const f = new ArrayElementsFilter('in.json');
  let out = '';
  const issues = [];
  let from = 0;
  for (const c of [...cuts.filter((c) => c > 0 && c < text.length).sort((a, b) => a - b), text.length]) {
    const r = f.write(text.slice(from, c));
    out += r.text;
    issues.push(...r.issues);
    from = c;
  }
  issues.push(...f.end());
  return { out, issues, elements: f.elements };
}

describe('ArrayElementsFilter', () => {
  it('turns an array into its concatenated elements, keeping every position', () => {
    const text = '[\n  {"a": [1, 2]},\n  "x,]",\n  3\n]\n';
    const { out, issues, elements } = run(text);
    expect(issues).toEqual([]);
    expect(elements).toBe(3);
    expect(out.length).toBe(text.length);
    const values = parseJsonValues(out, { format: 'json' });
    expect(values.ok && values.value.map((v) => [v.value, v.line, v.column])).toEqual([
      [{ a: [1, 2] }, 2, 3],
      ['x,]', 3, 3],
      [3, 4, 3],
    ]);
  });

  it('gives the same elements as JSON.parse for any array and any chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.array(fc.nat()), (arr, cuts) => {
        const text = JSON.stringify(arr, null, cuts.length % 2 ? 2 : undefined);
        const { out, issues } = run(text, cuts.map((c) => c % (text.length + 1)));
        expect(issues).toEqual([]);
        const values = parseJsonValues(out, { format: 'json' });
        expect(values.ok && values.value.map((v) => v.value)).toEqual(JSON.parse(JSON.stringify(arr)));
      }),
      { numRuns: 300 },
    );
  });

  it('reports structure errors with line and column', () => {
    expect(run('{"a":1}').issues[0]).toMatchObject({ code: 'cli/each', line: 1, column: 1, source: 'in.json' });
    expect(run('[1 2]').issues[0]).toMatchObject({ line: 1, column: 4 });
    expect(run('[1,\n]').issues[0]).toMatchObject({ line: 2, column: 1, message: expect.stringMatching(/trailing comma/) });
    expect(run('[,1]').issues[0].message).toMatch(/before the first/);
    expect(run('[1] [2]').issues[0]).toMatchObject({ line: 1, column: 5 });
    expect(run('[1, {"a": 2}').issues[0].message).toMatch(/not closed/);
  });

  it('accepts an empty array and stops passing text after an error', () => {
    expect(run(' [ ] ')).toMatchObject({ issues: [], elements: 0 });
    const r = run('[1 2, 3]');
    expect(r.out.trim()).toBe('1');
  });
});
