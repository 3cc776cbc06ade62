#!/usr/bin/env node
/**
 * The `fieldkit` executable. Before the CLI (and `@fieldkit/core`) is loaded, `infer` gets its
 * lean V8 flags (`lean.ts`) and its worker threads start booting (`engine/prestart.ts`), so both
 * take effect early and the workers' start-up overlaps this thread's.
 */
import { applyLeanFlags } from './lean.js';
import { prestartInferWorkers } from './engine/prestart.js';

applyLeanFlags(process.argv, process.env);
prestartInferWorkers(process.argv.slice(2), process.env, process.cwd());

Promise.all([import('./main.js'), import('./io/output.js')])
  .then(([{ main }, { guardBrokenPipe }]) => {
    // `fieldkit … | head` closes stdout early: that must end quietly, never with an EPIPE stack trace.
    guardBrokenPipe(process.stdout);
    guardBrokenPipe(process.stderr);
    return main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
  })
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // A throw here is a fieldkit bug, not bad input: say so plainly.
      process.stderr.write(`fieldkit: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 70;
    },
  );
