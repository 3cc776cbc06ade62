import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputFile, writeStdout } from './output.js';
import { fakeIO } from './fake-io.test-util.js';

describe('output', () => {
  it('resolves "closed" instead of throwing when stdout is a broken pipe', async () => {
    const f = fakeIO({ brokenStdout: true });
    await expect(writeStdout(f.io.stdout, 'x'.repeat(100_000))).resolves.toBe('closed');
    await expect(writeStdout(f.io.stdout, 'again')).resolves.toBe('closed');
  });

  it('writes files whole and names the file when it cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fk-out-'));
    const ok = await writeOutputFile('s.json', '{"a":1}\n', dir);
    expect(ok.ok).toBe(true);
    expect(readFileSync(join(dir, 's.json'), 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(dir)).toEqual(['s.json']);
    const bad = await writeOutputFile('missing/s.json', 'x', dir);
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]).toMatchObject({ code: 'cli/output', source: 'missing/s.json', message: expect.stringMatching(/folder does not exist/) });
  });
});
