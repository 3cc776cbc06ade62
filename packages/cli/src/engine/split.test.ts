import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { looksLikeNdjson, splitAtNewlines } from './split.js';

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

describe('looksLikeNdjson', () => {
  it('tells NDJSON from a pretty-printed document', async () => {
    writeFileSync(join(dir, 'a.ndjson'), '{"a":1}\n{"a":2}\n');
    writeFileSync(join(dir, 'b.json'), '{\n  "a": 1\n}\n');
    expect(await looksLikeNdjson(join(dir, 'a.ndjson'))).toBe(true);
    expect(await looksLikeNdjson(join(dir, 'b.json'))).toBe(false);
  });
});
