/**
 * The built CLI as users run it: `node packages/cli/dist/bin.js`, a real process with real
 * pipes and real worker threads (in-process tests run the shards inline, from source).
 * `pnpm test` builds first; when dist is missing this file builds core and cli itself.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { fakeIO } from './io/fake-io.test-util.js';
import { binDir, ensureBuilt, runBin, writeNdjson, type BinRun } from './dist.test-util.js';

const dir = binDir('fk-bin-');
const run = (args: string[], env: NodeJS.ProcessEnv = {}, closeStdout = false): Promise<BinRun> => runBin(dir, args, env, closeStdout);

function bigNdjson(name: string, lines: number): string {
  const kinds = ['emailSend', 'emailOpen', 'emailClick'];
  return writeNdjson(dir, name, lines, (i) => ({
    email: `u${i % 977}@example.com`,
    eventName: kinds[i % 3],
    dataFields: { campaignId: i * 7, createdAt: '2024-05-01 12:00:00 +00:00', messageId: (i * 2654435761).toString(16), ...(i % 5 ? {} : { plan: 'pro' }) },
  }));
}

beforeAll(ensureBuilt, 120_000);

describe('dist/bin.js', () => {
  it('infers with --jobs 2 on worker threads exactly what --jobs 1 infers in-process', async () => {
    const name = bigNdjson('threads.ndjson', 40_000);
    const threaded = await run(['infer', '--jobs', '2', name], { FIELDKIT_PARALLEL_MIN_BYTES: '1' });
    expect(threaded.stderr).toBe('');
    expect(threaded.code).toBe(0);
    const f = fakeIO({ cwd: dir });
    expect(await main(['infer', '--jobs', '1', name], f.io)).toBe(0);
    expect(threaded.stdout).toBe(f.stdout());
  });

  it('reports whole-file line numbers from worker threads', async () => {
    const name = bigNdjson('threads-bad.ndjson', 20_000);
    const { appendFileSync } = await import('node:fs');
    appendFileSync(join(dir, name), '{"eventName": "emailSend", "x": [1,,2]}\n');
    const r = await run(['infer', '--jobs', '2', '--format', 'ndjson', name], { FIELDKIT_PARALLEL_MIN_BYTES: '1' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^threads-bad\.ndjson:20001:\d+: error: .*\(sample 20001\)/m);
  });

  it('ends quietly when stdout is closed early (like `| head`), and never draws progress into a pipe', async () => {
    const name = bigNdjson('pipe.ndjson', 5_000);
    const closed = await run(['infer', '--state-out', '-', name], { FIELDKIT_PROGRESS_DELAY_MS: '0' }, true);
    expect(closed.stderr).toBe('');
    expect(closed.code).toBe(0);
  });

  it('prints usage errors as one line with exit code 2', async () => {
    const r = await run(['infer', 'missing.ndjson']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'missing.ndjson: error: no such file\n' });
  });
});
