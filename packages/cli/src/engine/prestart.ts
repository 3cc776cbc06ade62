/**
 * Starting `infer`'s worker threads before the CLI is loaded. `bin.ts` calls
 * {@link prestartInferWorkers} first thing, so a worker boots (~60 ms: a V8 isolate, then the
 * core modules) while the main thread loads the CLI, instead of after it: with `--jobs 2` on a
 * 100 MB file that is ~10 % of the run. The command line is read with the same parser and specs
 * as `infer` itself; anything unusual (a usage error, `--help`, stdin, `--each`, small files)
 * starts nothing, and workers that turn out not to be needed are parked, which never keeps the
 * process alive.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { booleanFlag, parseArgs, positiveIntFlag, stringFlag } from '../io/args.js';
import { INFER_FLAG_SPECS, lanesFor, parallelMinBytes } from './flags.js';
import { prestartWorkers } from './lane.js';

/**
 * How many workers `fieldkit <argv>` will want (0 when it is not `infer`, or `infer` will read on
 * one thread): one less than the threads the largest regular file named on the command line gets
 * (`lanesFor`: `--jobs` at most, `FIELDKIT_PARALLEL_MIN_BYTES` each). `stat` decides; the content
 * (NDJSON or not) is not read.
 */
export function workersWanted(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): number {
  if (argv[0] !== 'infer') return 0;
  let jobs: number;
  let files: string[];
  try {
    const args = parseArgs(argv.slice(1), INFER_FLAG_SPECS);
    if (booleanFlag(args, 'each') || stringFlag(args, 'format') === 'json') return 0;
    jobs = positiveIntFlag(args, 'jobs') ?? availableParallelism();
    files = args.positionals.filter((f) => f !== '-');
  } catch {
    return 0; // infer reports the usage error itself
  }
  if (jobs < 2) return 0;
  const min = parallelMinBytes(env);
  let lanes = 1;
  for (const f of files) {
    try {
      const st = statSync(resolve(cwd, f));
      if (st.isFile()) lanes = Math.max(lanes, lanesFor(st.size, jobs, min));
    } catch {
      // a missing file: infer reports it
    }
  }
  return lanes - 1;
}

/** Start the workers {@link workersWanted} says `argv` will use; returns how many were started. */
export function prestartInferWorkers(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): number {
  const n = workersWanted(argv, env, cwd);
  prestartWorkers(n);
  return n;
}
