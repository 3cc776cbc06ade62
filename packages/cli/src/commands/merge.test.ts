import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { fakeIO } from '../io/fake-io.test-util.js';
import { STATS_WITHOUT_EXAMPLES } from './merge.js';

const dir = mkdtempSync(join(tmpdir(), 'fk-merge-'));
writeFileSync(join(dir, 'part1.ndjson'), '{"id":1,"email":"a@example.com"}\n{"id":2}\n');
writeFileSync(join(dir, 'part2.ndjson'), '{"id":3,"email":"c@example.com"}\n');

async function cli(argv: string[]) {
  const f = fakeIO({ cwd: dir });
  const code = await main(argv, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

/** Write `<name>1.state.json` and `<name>2.state.json` from the two parts, with the extra infer flags. */
async function states(name: string, flags: string[]): Promise<string[]> {
  const files = [`${name}1.state.json`, `${name}2.state.json`];
  for (const [i, file] of files.entries()) {
    const r = await cli(['infer', ...flags, '--state-out', file, `part${i + 1}.ndjson`]);
    expect(r.code).toBe(0);
  }
  return files;
}

describe('fieldkit merge --stats', () => {
  it('warns once on stderr when the states were inferred without --stats (no examples), exit 0', async () => {
    const files = await states('plain', []);
    const r = await cli(['merge', '--stats', ...files]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(STATS_WITHOUT_EXAMPLES);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^fieldkit merge: warning: .*without --stats.*fieldkit infer --stats --state-out/);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, Record<string, unknown>> };
    expect(schema.properties['email']!['examples']).toBeUndefined();
    expect(schema.properties['email']!['x-fieldkit-stats']).toEqual({ seen: 2, total: 3 });
  });

  it('says nothing when the states keep examples (inferred with --stats)', async () => {
    const files = await states('stats', ['--stats']);
    const r = await cli(['merge', '--stats', ...files]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const schema = JSON.parse(r.stdout) as { properties: Record<string, Record<string, unknown>> };
    expect(schema.properties['email']!['examples']).toEqual(['a@example.com', 'c@example.com']);
  });

  it('says nothing without --stats, whatever the states hold', async () => {
    const files = await states('quiet', []);
    const r = await cli(['merge', ...files]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
