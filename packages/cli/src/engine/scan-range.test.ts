import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createInferrer, SCAN_MIN_LENGTH, scanLinesInto, type Inferrer } from '@fieldkit/core';
import { inferInputs } from '../commands/infer.js';
import { fakeIO } from '../io/fake-io.test-util.js';
import { SCAN_BLOCK_BYTES, scanRange } from './scan-range.js';
import { LaneReader, type ShardTask } from './shard.js';
import { splitAtNewlines } from './split.js';

const dir = mkdtempSync(join(tmpdir(), 'fk-scan-range-'));

function write(name: string, content: string | Buffer): { path: string; size: number } {
  const path = join(dir, name);
  writeFileSync(path, content);
  return { path, size: statSync(path).size };
}

/** The exact reader's inferrer for `text` (JSON.parse per line). */
function exact(text: string): { inferrer: Inferrer; issues: unknown[] } {
  const inferrer = createInferrer();
  const r = inferrer.createTextReader({ format: 'ndjson' });
  const issues = [...r.write(text), ...r.end()];
  return { inferrer, issues };
}

const event = (i: number) =>
  JSON.stringify({
    eventName: ['open', 'click', 'bounce'][i % 3],
    id: i,
    email: `u${i}@example.com`,
    name: i % 7 ? `Zoë ${i} ✓` : `plain ${i}`,
    at: `2024-05-01T12:00:${String(i % 60).padStart(2, '0')}Z`,
    ...(i % 5 ? { tags: ['a', i % 2 ? 'b' : 'c'] } : { extra: null }),
  });

/** Lines of events, one line far longer than a block, CRLF on some lines, blank lines, no final newline. */
function bigText(n: number): string {
  const lines = Array.from({ length: n }, (_, i) => event(i) + (i % 11 === 0 ? '\r' : ''));
  lines[n >> 1] = JSON.stringify({ eventName: 'open', id: -1, blob: 'x'.repeat(SCAN_BLOCK_BYTES * 2 + 17) });
  lines.splice(10, 0, '', '   ');
  return lines.join('\n');
}

describe('scanRange', () => {
  it('gives the exact reader\'s schema, samples and newlines for a whole file (UTF-8, CRLF, blank lines, a line longer than the buffer)', async () => {
    const text = bigText(3000);
    const { path, size } = write('big.ndjson', text);
    expect(size).toBeGreaterThan(3 * SCAN_BLOCK_BYTES);
    const inf = createInferrer();
    const r = await scanRange(path, 0, size, inf);
    expect(r).toEqual({ samples: 3000, newlines: 3001, bytes: size });
    const want = exact(text);
    expect(want.issues).toEqual([]);
    expect(inf.toSchema()).toEqual(want.inferrer.toSchema());
  });

  it('reads only its byte range; ranges cut at newlines add up to the whole file', async () => {
    const text = bigText(2000) + '\n';
    const { path, size } = write('ranges.ndjson', text);
    const ranges = await splitAtNewlines(path, size, 5);
    expect(ranges.length).toBeGreaterThan(2); // (a cut may fall inside the long line)
    const inf = createInferrer();
    let samples = 0;
    let newlines = 0;
    for (const rg of ranges) {
      const r = await scanRange(path, rg.start, rg.end, inf);
      expect(r).not.toBeNull();
      expect(r!.bytes).toBe(rg.end - rg.start);
      samples += r!.samples;
      newlines += r!.newlines;
    }
    expect([samples, newlines]).toEqual([2000, 2002]);
    expect(inf.toSchema()).toEqual(exact(text).inferrer.toSchema());
  });

  it('gives up (null) on a bad line, a duplicate key and invalid UTF-8 anywhere in the range', async () => {
    const good = Array.from({ length: 4000 }, (_, i) => event(i));
    const cases: [string, string | Buffer][] = [
      ['bad-json.ndjson', [...good.slice(0, 3500), '{"id": }', ...good.slice(3500)].join('\n')],
      ['dup-key.ndjson', [...good, '{"id":1,"id":2}'].join('\n')],
      ['bad-utf8.ndjson', Buffer.concat([Buffer.from(good.join('\n') + '\n{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')])],
    ];
    for (const [name, content] of cases) {
      const { path, size } = write(name, content);
      const inf = createInferrer();
      expect(await scanRange(path, 0, size, inf), name).toBeNull();
    }
  });
});

describe('LaneReader', () => {
  it('switches to the exact reader at the first range the scanner gives up on, re-reading what it had scanned', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => event(i));
    lines[2400] = '{"id": 1,}';
    const text = lines.join('\n') + '\n';
    const { path, size } = write('lane.ndjson', text);
    const ranges = await splitAtNewlines(path, size, 4);
    const tasks: ShardTask[] = ranges.map((r) => ({ path, source: 'lane.ndjson', start: r.start, end: r.end, format: 'ndjson', options: {}, maxIssues: 20 }));
    const lane = new LaneReader({});
    const results = [];
    for (const t of tasks) results.push(await lane.run(t));
    const bytes = Buffer.from(text); // ranges are byte offsets (the text is not all ASCII)
    const badAt = bytes.indexOf('{"id": 1,}');
    const k = tasks.findIndex((t) => t.start <= badAt && badAt < t.end);
    expect(k).toBeGreaterThan(0); // a range scanned before the bad one is read again
    expect(results.map((r) => r.issues.length)).toEqual(tasks.map((_, j) => (j === k ? 1 : 0)));
    const bad = results[k]!;
    // Lines are counted from the range's first line (the caller shifts them to whole-file lines).
    const lineInRange = bytes.subarray(tasks[k]!.start, badAt).toString().split('\n').length;
    expect(bad.issues[0]).toMatchObject({ code: 'infer/parse', line: lineInRange, column: 10 });
    expect(results.reduce((a, r) => a + r.samples, 0)).toBe(2999);
    // The lane's state is the exact reader's over every range it read, the good lines of the bad one included.
    expect(lane.inferrer.toSchema()).toEqual(exact(text).inferrer.toSchema());
  });
});

describe('infer on one thread', () => {
  const run = { options: {}, format: 'auto' as const, each: false, jobs: 1, parallelMinBytes: 1 };

  it('scans an NDJSON file into the exact schema', async () => {
    const text = bigText(2500);
    const { path, size } = write('one.ndjson', text);
    expect(size).toBeGreaterThanOrEqual(SCAN_MIN_LENGTH);
    const inferrer = createInferrer();
    const out = await inferInputs([{ kind: 'file', name: 'one.ndjson', path, size }], inferrer, run, fakeIO().io);
    expect(out.issues).toEqual([]);
    expect(inferrer.count).toBe(2500);
    expect(inferrer.toSchema()).toEqual(exact(text).inferrer.toSchema());
  });

  it('reports a bad line or invalid UTF-8 late in a large file where it is, as the exact reader does', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => event(i));
    lines[4990] = '{"id": tru}';
    const late = write('late.jsonl', lines.join('\n'));
    lines[4990] = event(4990);
    const utf8 = write('utf8.jsonl', Buffer.concat([Buffer.from(lines.join('\n') + '\n{"name":"'), Buffer.from([0xff]), Buffer.from('"}\n')]));
    for (const [{ path, size }, name, want] of [
      [late, 'late.jsonl', { code: 'infer/parse', line: 4991, column: 8, sample: 4991 }],
      [utf8, 'utf8.jsonl', { code: 'cli/utf8', line: 5001, column: 10 }],
    ] as const) {
      expect(size).toBeGreaterThanOrEqual(SCAN_MIN_LENGTH);
      const inferrer = createInferrer();
      const out = await inferInputs([{ kind: 'file', name, path, size }], inferrer, run, fakeIO().io);
      expect(out.issues, name).toHaveLength(1);
      expect(out.issues[0], name).toMatchObject({ ...want, source: name });
    }
  });
});

describe('memory', () => {
  it('keeps no block alive through the keys, values and partition tags it leaves in the tree', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const inf = createInferrer({ stats: true });
    const pad = 'p'.repeat(64 * 1024);
    // Each block (a fresh string, as the CLI decodes them) leaves a new long key, a new event type,
    // new long enum values and examples; without copying them out, each would keep its 64 KB block.
    const block = (i: number) =>
      JSON.stringify({ type: `event-type-number-${i % 40}`, byUser: { [`user-${String(i).padStart(8, '0')}-abcdefghij`]: { note: `note number ${i} for this user` } }, url: `https://example.com/some/long/path/${i}`, pad: pad + i }) + '\n';
    for (let i = 0; i < 20; i++) scanLinesInto(inf, block(i)); // warm up
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 20; i < 220; i++) expect(scanLinesInto(inf, block(i))).toBe(1);
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(grown).toBeLessThan(4 * 1024 * 1024); // 200 blocks of 64 KB kept would be 13 MB
    expect(inf.count).toBe(220);
  });
});
