/**
 * Worker threads as `fieldkit infer` runs them from `dist/` (in-process tests run the ranges
 * inline): workers started by `bin.js` before the CLI loads, reused (parked) across inputs with a
 * fresh inferrer per input, and the same schema as one thread. Builds core and cli when dist is
 * missing, like bin.test.ts.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { fakeIO } from '../io/fake-io.test-util.js';
import { binDir, ensureBuilt, runBin, writeNdjson, type BinRun } from '../dist.test-util.js';

const dir = binDir('fk-threads-');
const run = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<BinRun> => runBin(dir, args, env);

function events(name: string, lines: number, kinds: string[]): string {
  return writeNdjson(dir, name, lines, (i) => ({ eventName: kinds[i % kinds.length], id: i, dataFields: { n: i % 7, tag: `t${i % 5}`, ...(i % 4 ? {} : { plan: 'pro' }) } }));
}

beforeAll(ensureBuilt, 120_000);

async function inProcess(args: string[]): Promise<string> {
  const f = fakeIO({ cwd: dir });
  expect(await main(args, f.io)).toBe(0);
  return f.stdout();
}

describe('infer on worker threads (dist)', () => {
  it('reads several large inputs with the same (prestarted, then parked) workers and counts every sample once', async () => {
    const a = events('a.ndjson', 6_000, ['emailSend', 'emailOpen']);
    const b = events('b.ndjson', 5_000, ['emailClick', 'emailOpen']);
    for (const jobs of ['2', '3']) {
      const threaded = await run(['infer', '--stats', '--jobs', jobs, a, b], { FIELDKIT_PARALLEL_MIN_BYTES: '1' });
      expect(threaded.stderr).toBe('');
      expect(threaded.code).toBe(0);
      // --stats counts: a worker that kept the first input's samples would count them twice
      expect(threaded.stdout).toBe(await inProcess(['infer', '--stats', '--jobs', '1', a, b]));
    }
  });

  it('gives whole-file line numbers for an error in the second input', async () => {
    const a = events('ok.ndjson', 4_000, ['emailSend']);
    const b = events('bad.ndjson', 3_000, ['emailOpen']);
    appendFileSync(join(dir, b), '{"eventName": "emailOpen", "id": }\n');
    const r = await run(['infer', '--jobs', '2', '--format', 'ndjson', a, b], { FIELDKIT_PARALLEL_MIN_BYTES: '1' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bad\.ndjson:3001:\d+: error: .*\(sample 3001\)/m);
  });
});
