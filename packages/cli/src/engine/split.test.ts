import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_GUIDED_SPLIT, guidedCuts, looksLikeNdjson, splitAtNewlines, splitAtNewlinesNear } from './split.js';

const dir = mkdtempSync(join(tmpdir(), 'fk-split-'));

describe('splitAtNewlines', () => {
  it('covers the file exactly with ranges that start at line beginnings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 40 }).map((s) => s.replace(/\n/g, ' ')), { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), async (lines, parts) => {
        const path = join(dir, 'p.ndjson');
        const text = lines.join('\n') + (lines.length ? '\n' : '');
        writeFileSync(path, text);
        const buf = readFileSync(path);
        const ranges = await splitAtNewlines(path, buf.length, parts);
        expect(ranges[0].start).toBe(0);
        expect(ranges[ranges.length - 1].end).toBe(buf.length);
        expect(ranges.length).toBeLessThanOrEqual(parts);
        for (let i = 0; i < ranges.length; i++) {
          if (i > 0) {
            expect(ranges[i].start).toBe(ranges[i - 1].end);
            expect(buf[ranges[i].start - 1]).toBe(10);
          }
          if (buf.length > 0) expect(ranges[i].end).toBeGreaterThan(ranges[i].start);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('guidedCuts', () => {
  it('cuts (0, size) into ranges within the bounds that shrink towards the end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), fc.integer({ min: 1, max: 16 }), (size, lanes) => {
        const cuts = guidedCuts(size, lanes);
        if (lanes === 1 || size === 0) {
          expect(cuts).toEqual([]);
          return;
        }
        const bounds = [0, ...cuts, size];
        const pieces = bounds.slice(1).map((b, i) => b - bounds[i]);
        for (const p of pieces) expect(p).toBeGreaterThan(0);
        // never larger than the maximum, never larger than a previous range
        for (let i = 0; i < pieces.length; i++) {
          expect(pieces[i]).toBeLessThanOrEqual(DEFAULT_GUIDED_SPLIT.maxBytes);
          if (i > 0 && i < pieces.length - 1) expect(pieces[i]).toBeLessThanOrEqual(pieces[i - 1]);
        }
        // every range but the last is at least the minimum (or, for small inputs, size / (8 × lanes))
        const min = Math.min(DEFAULT_GUIDED_SPLIT.minBytes, Math.ceil(size / (lanes * 8)));
        for (const p of pieces.slice(0, -1)) expect(p).toBeGreaterThanOrEqual(min);
        // the last ranges are small, so lanes finish close together
        if (size >= lanes * 8 * DEFAULT_GUIDED_SPLIT.minBytes) expect(pieces[pieces.length - 1]).toBeLessThanOrEqual(DEFAULT_GUIDED_SPLIT.minBytes);
        // every lane gets several ranges
        if (size >= lanes * 2) expect(pieces.length).toBeGreaterThanOrEqual(lanes * 2);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a 100 MB file for 2 lanes a few dozen ranges from 8 MB down to 1 MB', () => {
    const cuts = guidedCuts(100_000_000, 2);
    const pieces = [0, ...cuts, 100_000_000].slice(1).map((b, i, a) => b - (i === 0 ? 0 : a[i - 1]));
    expect(pieces[0]).toBe(8_000_000);
    expect(pieces.at(-2)).toBe(1_000_000);
    expect(pieces.length).toBeGreaterThan(20);
    expect(pieces.length).toBeLessThan(40);
  });
});

describe('splitAtNewlinesNear', () => {
  it('cuts at the first line start at or after each nominal position', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 30 }).map((s) => s.replace(/\n/g, ' ')), { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 1500 }), { maxLength: 10 }),
        async (lines, near) => {
          const path = join(dir, 'n.ndjson');
          writeFileSync(path, lines.join('\n') + (lines.length ? '\n' : ''));
          const buf = readFileSync(path);
          const sorted = [...new Set(near)].sort((a, b) => a - b);
          const ranges = await splitAtNewlinesNear(path, buf.length, sorted);
          expect(ranges[0].start).toBe(0);
          expect(ranges[ranges.length - 1].end).toBe(buf.length);
          const lineStarts = [0];
          for (let i = 0; i < buf.length; i++) if (buf[i] === 10 && i + 1 < buf.length) lineStarts.push(i + 1);
          const expected = [0, ...new Set(sorted.map((n) => lineStarts.find((s) => s >= n)).filter((s): s is number => s !== undefined && s > 0))];
          expect(ranges.map((r) => r.start)).toEqual(expected);
          for (let i = 1; i < ranges.length; i++) expect(ranges[i].start).toBe(ranges[i - 1].end);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('looksLikeNdjson', () => {
  it('tells NDJSON from a pretty-printed document', async () => {
    writeFileSync(join(dir, 'a.ndjson'), '{"a":1}\n{"a":2}\n');
    writeFileSync(join(dir, 'b.json'), '{\n  "a": 1\n}\n');
    expect(await looksLikeNdjson(join(dir, 'a.ndjson'))).toBe(true);
    expect(await looksLikeNdjson(join(dir, 'b.json'))).toBe(false);
  });
});
