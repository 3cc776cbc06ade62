#!/usr/bin/env node
import { main } from './main.js';
import { guardBrokenPipe } from './io/output.js';
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { leanRelaunchArgs } from './lean.js';

// `fieldkit … | head` closes stdout early: that must end quietly, never with an EPIPE stack trace.
guardBrokenPipe(process.stdout);
guardBrokenPipe(process.stderr);

const lean = leanRelaunchArgs(process.argv, process.execArgv, process.env);
if (lean) {
  // Same stdio, same exit status; a child killed by a signal exits as shells report it (128 + n).
  const r = spawnSync(process.execPath, lean, { stdio: 'inherit' });
  process.exitCode = r.status ?? (r.signal ? 128 + constants.signals[r.signal] : 70);
} else run();

function run(): void {
main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A throw here is a fieldkit bug, not bad input: say so plainly.
    process.stderr.write(`fieldkit: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 70;
  },
);
}
