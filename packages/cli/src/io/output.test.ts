import { execFileSync } from 'node:child_process';
import { createReadStream, lstatSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('writes into a FIFO or device instead of replacing it, and through a symlink to its file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fk-out-'));
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const chunks: Buffer[] = [];
    const reader = new Promise<string>((res, rej) => {
      const r = createReadStream(fifo);
      r.on('data', (c) => chunks.push(c as Buffer));
      r.on('end', () => res(Buffer.concat(chunks).toString()));
      r.on('error', rej);
    });
    const written = await writeOutputFile('out.fifo', '{"a":1}\n', dir);
    expect(written.ok).toBe(true);
    expect(await reader).toBe('{"a":1}\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true); // still the FIFO, not a file renamed over it
    writeFileSync(join(dir, 'real.json'), 'old');
    symlinkSync('real.json', join(dir, 'link.json'));
    expect((await writeOutputFile('link.json', 'new', dir)).ok).toBe(true);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('new');
    // A link to nothing is written through (the file appears), not replaced by a file.
    symlinkSync('later.json', join(dir, 'dangling.json'));
    expect((await writeOutputFile('dangling.json', 'x', dir)).ok).toBe(true);
    expect(lstatSync(join(dir, 'dangling.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'later.json'), 'utf8')).toBe('x');
    expect(readdirSync(dir).sort()).toEqual(['dangling.json', 'later.json', 'link.json', 'out.fifo', 'real.json']);
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
