/**
 * Concatenated JSON and `--each` arrays read through the scanner in blocks cut where values end
 * (scan-values.ts) must give exactly what the exact reader gives, and hand everything it does not
 * take back to the exact reader, so that errors are reported where they are.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInferrer, SCAN_MIN_LENGTH, type Inferrer } from '@fieldkit/core';
import { inferInputs, type InferRun } from '../commands/infer.js';
import { fakeIO } from '../io/fake-io.test-util.js';
import { SCAN_BLOCK_BYTES } from './scan-range.js';
import { findCut, scanValuesFile, type ValuesLayout } from './scan-values.js';

const dir = mkdtempSync(join(tmpdir(), 'fk-scan-values-'));
let files = 0;

function write(content: string | Buffer): { path: string; size: number } {
  const path = join(dir, `f${files++}.json`);
  writeFileSync(path, content);
  return { path, size: statSync(path).size };
}

/** The exact reader's inferrer for a file's text: concatenated values, or the samples of one array. */
function exact(text: string, layout: ValuesLayout): Inferrer {
  const inferrer = createInferrer();
  if (layout === 'each') for (const x of JSON.parse(text) as unknown[]) inferrer.add(x);
  else {
    const r = inferrer.createTextReader({ format: 'json' });
    expect([...r.write(text), ...r.end()]).toEqual([]);
  }
  return inferrer;
}

const event = (i: number) => ({
  eventName: ['open', 'click', 'bounce'][i % 3],
  id: i,
  email: `u${i}@example.com`,
  note: i % 7 ? `Zoë "${i}" ✓ ], } ,\\` : `plain ${i}`, // brackets, commas, quotes and a backslash inside strings
  at: `2024-05-01T12:00:${String(i % 60).padStart(2, '0')}Z`,
  ...(i % 5 ? { tags: ['a', [i, { b: '[' }], i % 2 ? 'b' : 'c'] } : { extra: null }),
});

/** Events as one array or as concatenated values, pretty or not, with one value longer than two blocks. */
function text(n: number, layout: ValuesLayout, indent: number | undefined): string {
  const xs: unknown[] = Array.from({ length: n }, (_, i) => event(i));
  xs[n >> 1] = { eventName: 'open', id: -1, blob: 'x'.repeat(SCAN_BLOCK_BYTES * 2 + 17) };
  if (layout === 'each') return '\ufeff \n' + JSON.stringify(xs, null, indent) + '\n';
  return '\ufeff' + xs.map((x) => JSON.stringify(x, null, indent)).join(indent ? '\n' : ' ') + '\n';
}

describe('findCut', () => {
  const cut = (s: string, layout: ValuesLayout) => findCut(Buffer.from(s), Buffer.byteLength(s), layout);

  it('cuts at the array\'s own commas and its closing bracket, never inside strings or nested values', () => {
    expect(cut('1, [2, 3], {"a": ","}, "x\\",]"', 'each')).toEqual({ at: 21, close: -1 });
    expect(cut('{"a": [1, 2]}, 3] ', 'each')).toEqual({ at: 13, close: 16 });
    expect(cut('"a\\\\", 1', 'each')).toEqual({ at: 5, close: -1 }); // an escaped backslash ends the string
    expect(cut('"unterminated, 1, 2', 'each')).toEqual({ at: -1, close: -1 });
  });

  it('cuts concatenated values after each top-level container', () => {
    expect(cut('{"a": "}"} [1, [2]] 3 {"b"', 'json')).toEqual({ at: 19, close: -1 });
    expect(cut('1 2 3', 'json')).toEqual({ at: -1, close: -1 });
    expect(cut('}', 'json')).toBeNull(); // unbalanced
  });
});

describe('scanValuesFile', () => {
  for (const layout of ['each', 'json'] as const) {
    for (const indent of [undefined, 2]) {
      it(`gives the exact reader's schema and sample count (${layout}, ${indent ? 'pretty' : 'compact'}, a value longer than two blocks)`, async () => {
        const t = text(1500, layout, indent);
        const { path, size } = write(t);
        expect(size).toBeGreaterThan(4 * SCAN_BLOCK_BYTES);
        const inf = createInferrer();
        const r = await scanValuesFile(path, layout, inf);
        expect(r).not.toBeNull();
        expect(r!.samples).toBe(1500);
        expect(r!.bytes).toBe(size);
        expect(inf.toSchema()).toEqual(exact(t.replace(/^\ufeff/, ''), layout).toSchema());
      });
    }
  }

  it('takes small files of arbitrary values whole (arrays of any elements, concatenated values of any kind)', async () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    await fc.assert(
      fc.asyncProperty(fc.array(value, { maxLength: 8 }), fc.constantFrom(undefined, 1), async (xs, indent) => {
        for (const layout of ['each', 'json'] as const) {
          const t = layout === 'each' ? JSON.stringify(xs, null, indent) : xs.map((x) => JSON.stringify(x, null, indent)).join('\n');
          const inf = createInferrer();
          const r = await scanValuesFile(write(t).path, layout, inf);
          expect(r?.samples, t).toBe(xs.length);
          expect(inf.toSchema()).toEqual(exact(t, layout).toSchema());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives up (null) on what the exact reader reports: commas, brackets, text after the array, bad JSON, invalid UTF-8', async () => {
    const bad: [ValuesLayout, string | Buffer][] = [
      ['each', '[1,,2]'],
      ['each', '[,1]'],
      ['each', '[1,2,]'],
      ['each', '[1 2]'],
      ['each', '[1,2] x'],
      ['each', '[1,2'],
      ['each', '{"a":1}'],
      ['each', ''],
      ['each', '[{"a":tru}]'],
      ['each', Buffer.concat([Buffer.from('["'), Buffer.from([0xff]), Buffer.from('"]')])],
      ['json', '{"a":1} }'],
      ['json', '{"a":1} {"b":'],
      ['json', '{"a":1,"a":2}'], // a duplicate key is no error, but JSON.parse keeps the last value: the reader's job
    ];
    for (const [layout, content] of bad) expect(await scanValuesFile(write(content).path, layout, createInferrer()), String(content)).toBeNull();
    expect(await scanValuesFile(write('[]').path, 'each', createInferrer())).toEqual({ samples: 0, newlines: 0, bytes: 2 });
    expect(await scanValuesFile(write(' \n').path, 'json', createInferrer())).toEqual({ samples: 0, newlines: 0, bytes: 2 });
  });
});

describe('infer on one thread: concatenated JSON and --each', () => {
  const run = (each: boolean): InferRun => ({ options: {}, format: 'auto', each, jobs: 1, parallelMinBytes: 1 });

  it('scans large files into the exact schema', async () => {
    for (const layout of ['each', 'json'] as const) {
      const t = text(2000, layout, 2);
      const { path, size } = write(t);
      expect(size).toBeGreaterThanOrEqual(SCAN_MIN_LENGTH);
      const inferrer = createInferrer();
      const out = await inferInputs([{ kind: 'file', name: `big.${layout}`, path, size }], inferrer, run(layout === 'each'), fakeIO().io);
      expect(out.issues).toEqual([]);
      expect(inferrer.count).toBe(2000);
      expect(inferrer.toSchema()).toEqual(exact(t.replace(/^\ufeff/, ''), layout).toSchema());
    }
  });

  it('reports an error late in a large file where it is, as the exact reader does', async () => {
    const xs = Array.from({ length: 3000 }, (_, i) => JSON.stringify(event(i)));
    const badValue = [...xs];
    badValue[2990] = '{"id": tru}';
    const trailing = xs.join(',\n') + ',\n';
    // Concatenated and pretty-printed (so not taken for NDJSON): the bad value starts on line 2 × 2990 + 1.
    const pretty = badValue.map((x, i) => (i === 2990 ? '{\n"id": tru}' : JSON.stringify(JSON.parse(x), null, 0).replace('{', '{\n'))).join('\n');
    for (const [content, each, want] of [
      [pretty, false, { code: 'infer/parse', line: 5982, column: 7, sample: 2991 }],
      ['[' + badValue.join(',\n') + ']', true, { code: 'infer/parse', line: 2991, column: 8, sample: 2991 }],
      ['[' + trailing + ']', true, { code: 'cli/each', line: 3001, column: 1 }],
    ] as const) {
      const { path, size } = write(content);
      expect(size).toBeGreaterThanOrEqual(SCAN_MIN_LENGTH);
      const inferrer = createInferrer();
      const out = await inferInputs([{ kind: 'file', name: 'late.json', path, size }], inferrer, run(each), fakeIO().io);
      expect(out.issues).toHaveLength(1);
      expect(out.issues[0]).toMatchObject({ ...want, source: 'late.json' });
    }
  });
});
