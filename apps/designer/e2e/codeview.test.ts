// The windowed code view slices text by line offsets; an off-by-one shows a line twice or drops it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineStarts } from '../src/components/CodeView.js';

describe('lineStarts', () => {
  it('finds where every line starts', () => {
    expect(lineStarts('')).toEqual([0]);
    expect(lineStarts('a\nbc\n')).toEqual([0, 2, 5]);
  });

  it('slicing between starts gives back exactly the lines of split("\\n")', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '{') }), { maxLength: 30 }), fc.nat(), fc.nat(), (lines, a, b) => {
        const text = lines.join('\n');
        const starts = lineStarts(text);
        const all = text.split('\n');
        expect(starts.length).toBe(all.length);
        const first = a % all.length;
        const last = first + 1 + (b % (all.length - first));
        const slice = text.slice(starts[first], last < starts.length ? starts[last]! - 1 : text.length);
        expect(slice).toBe(all.slice(first, last).join('\n'));
      }),
    );
  });
});
