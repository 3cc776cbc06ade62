/**
 * The CLI infers large NDJSON files on worker threads and merges their states; the result must
 * not depend on that: `fieldkit infer --jobs 2` (sharded, merged) prints exactly what `--jobs 1`
 * prints, on real webhook streams scaled up to several shards. Runs the built CLI
 * (packages/cli/dist, built by `pnpm test` / `pnpm build`), since worker threads load built files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFixture } from './helpers/fixtures.js';

const BIN = resolve(import.meta.dirname, '../packages/cli/dist/bin.js');
const dir = mkdtempSync(join(tmpdir(), 'fieldkit-fixtures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Repeat a fixture's samples until the NDJSON text is about `bytes` long, varying ids so values differ. */
function scaledStream(name: string, bytes: number): string {
  const lines = loadFixture(name).samples.map((s) => JSON.stringify(s));
  const out: string[] = [];
  let size = 0;
  for (let round = 0; size < bytes; round++)
    for (const l of lines) {
      const line = l.replace(/"messageId":"([0-9a-f]+)"/g, (_m, id: string) => `"messageId":"${id.slice(0, -6)}${String(round).padStart(6, '0')}"`);
      out.push(line);
      size += line.length + 1;
    }
  return out.join('\n') + '\n';
}

function infer(file: string, jobs: number): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'infer', '--jobs', String(jobs), '--no-progress', file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // Below 2 MB the CLI makes jobs × 4 shards whatever the size, so a 3 MB file is really sharded.
    env: { ...process.env, FIELDKIT_PARALLEL_MIN_BYTES: '200000' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('fieldkit infer: sharded on worker threads = one thread', () => {
  it('the CLI is built', () => {
    expect(existsSync(BIN), `${BIN} is missing: run pnpm build`).toBe(true);
  });

  for (const name of ['iterable.mixed', 'stripe.mixed', 'github.issues.mixed', 'segment.mixed']) {
    it(`${name} scaled to ~3 MB, split into shards`, () => {
      const file = join(dir, `${name}.ndjson`);
      writeFileSync(file, scaledStream(name, 3_000_000));
      const one = infer(file, 1);
      const two = infer(file, 2);
      expect(one.stderr).toBe('');
      expect([one.code, two.code]).toEqual([0, 0]);
      expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
      expect(JSON.parse(one.stdout)['x-fieldkit-discriminator']).toBeTypeOf('string');
    });
  }
});
