/**
 * The built CLI for tests that run it as users do (`node packages/cli/dist/bin.js`: a real
 * process, real pipes, real worker threads): where it is, building it when dist is missing,
 * running it in a directory, and writing NDJSON inputs there.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The monorepo root and the built CLI entry. */
export const ROOT = resolve(import.meta.dirname, '../../..');
export const BIN = join(ROOT, 'packages/cli/dist/bin.js');

/** Build core and cli when dist is missing (`pnpm test` builds first; a lone vitest run may not). */
export function ensureBuilt(): void {
  if (!existsSync(BIN)) execFileSync('pnpm', ['--filter', '@fieldkit/core', '--filter', '@fieldkit/cli', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

/** What a run of the built CLI printed and how it ended. */
export interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh temporary directory for one test file's inputs. */
export function binDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Run `node dist/bin.js ...args` in `cwd`; `closeStdout` closes the pipe at once (a reader that went away). */
export function runBin(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}, closeStdout = false): Promise<BinRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    if (closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** Write `lines` NDJSON lines made by `line(i)` to `dir/name`; returns `name`. */
export function writeNdjson(dir: string, name: string, lines: number, line: (i: number) => unknown): string {
  let text = '';
  for (let i = 0; i < lines; i++) text += JSON.stringify(line(i)) + '\n';
  writeFileSync(join(dir, name), text);
  return name;
}
