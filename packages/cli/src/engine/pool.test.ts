import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInferrer } from '@fieldkit/core';
import { combineShards, inferInputs } from '../commands/infer.js';
import { fakeIO } from '../io/fake-io.test-util.js';
import { runShards } from './pool.js';
import type { ShardTask } from './shard.js';
import { splitAtNewlines } from './split.js';

const dir = mkdtempSync(join(tmpdir(), 'fk-pool-'));

function writeLines(name: string, lines: string[]): { path: string; size: number } {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return { path, size: statSync(path).size };
}

const sample = (i: number) => JSON.stringify({ id: i, kind: i % 3 ? 'a' : 'b', tags: i % 2 ? ['x'] : [], nested: { n: i / 2 } });

async function tasksFor(path: string, size: number, parts: number): Promise<ShardTask[]> {
  const ranges = await splitAtNewlines(path, size, parts);
  return ranges.map((r) => ({ path, source: 'f.ndjson', start: r.start, end: r.end, format: 'ndjson', options: {}, maxIssues: 20 }));
}

describe('runShards', () => {
  it('returns per-range results in order and lane states whose merge is the whole-file schema', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => sample(i));
    const { path, size } = writeLines('ok.ndjson', lines);
    const tasks = await tasksFor(path, size, 7);
    expect(tasks.length).toBe(7);
    const out = await runShards(tasks, 3, undefined, 'inline');
    expect(out.results.reduce((a, r) => a + r.samples, 0)).toBe(500);
    expect(out.results.reduce((a, r) => a + r.newlines, 0)).toBe(500);
    const merged = createInferrer();
    for (const s of out.states) merged.merge(s);
    const whole = createInferrer();
    for (const l of lines) whole.add(JSON.parse(l));
    expect(merged.toSchema()).toEqual(whole.toSchema());
  });

  it('shifts issues of later ranges to whole-file lines and samples', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => sample(i));
    lines[250] = '{"id": }';
    lines.splice(100, 0, '');
    const { path, size } = writeLines('bad.ndjson', lines);
    const out = await runShards(await tasksFor(path, size, 4), 2, undefined, 'inline');
    const { issues } = combineShards(out.results);
    expect(issues).toHaveLength(1);
    // line 252 of the file (1-based, after the inserted blank line), the 251st sample
    expect(issues[0]).toMatchObject({ line: 252, sample: 251, source: 'f.ndjson' });
  });

  it('rejects promptly when a worker cannot start, and infer falls back to one thread with a warning', async () => {
    // Running from sources there is no worker.js next to pool.ts: the worker fails to load.
    const lines = Array.from({ length: 200 }, (_, i) => sample(i));
    const { path, size } = writeLines('fallback.ndjson', lines);
    await expect(runShards(await tasksFor(path, size, 4), 2, undefined, 'threads')).rejects.toThrow();

    const f = fakeIO();
    const inferrer = createInferrer();
    const out = await inferInputs([{ kind: 'file', name: 'fallback.ndjson', path, size }], inferrer, { options: {}, format: 'auto', each: false, jobs: 2, parallelMinBytes: 1, runner: 'threads' }, f.io);
    expect(out.issues).toEqual([]);
    expect(f.stderr()).toMatch(/^fieldkit infer: warning: worker threads failed \(.*\); reading fallback\.ndjson on one thread\n$/);
    const whole = createInferrer();
    for (const l of lines) whole.add(JSON.parse(l));
    expect(inferrer.toSchema()).toEqual(whole.toSchema());
  });
});
