#!/usr/bin/env node
import { main } from './main.js';
import { guardBrokenPipe } from './io/output.js';

// `fieldkit … | head` closes stdout early: that must end quietly, never with an EPIPE stack trace.
guardBrokenPipe(process.stdout);
guardBrokenPipe(process.stderr);

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
