/**
 * The flag specs of `infer` and `merge`, in a module without `@fieldkit/core` imports: `bin.ts`
 * reads an `infer` command line with them before the rest of the CLI is loaded, to start worker
 * threads early (see `prestart.ts`).
 */
import type { FlagSpecs } from '../io/args.js';

/** Flags shared by `infer` and `merge`. */
export const SCHEMA_FLAG_SPECS: FlagSpecs = {
  draft: { type: 'string' },
  discriminator: { type: 'string' },
  'no-discriminator': { type: 'boolean' },
  hint: { type: 'string', multiple: true },
  stats: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  'state-out': { type: 'string' },
};

/** Every flag of `fieldkit infer`. */
export const INFER_FLAG_SPECS: FlagSpecs = {
  ...SCHEMA_FLAG_SPECS,
  format: { type: 'string' },
  each: { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  'no-progress': { type: 'boolean' },
};

/**
 * Bytes of file each thread must have to itself (`FIELDKIT_PARALLEL_MIN_BYTES`): a thread costs
 * ~0.19 s of CPU to start (its isolate, the modules, its own JIT warm-up), which pays only once it
 * has ~40 MB to share. Measured on two cores (the bench's webhook events, medians of 3-4 runs):
 * 10 MB took 0.21 s on one thread and 0.27 s on two, 20 MB 0.26 / 0.31 s, 40 MB 0.39 / 0.39 s,
 * 48 MB 0.42 / 0.40 s, 64 MB 0.47 / 0.42 s, 100 MB 0.74 / 0.57 s. (It was 8 MB for any number of
 * threads, from before the text scanner made one thread 30 % faster: files of 8-40 MB were read
 * more slowly by default than with `--jobs 1`.)
 */
export const DEFAULT_PARALLEL_MIN_BYTES = 24_000_000;

/** `FIELDKIT_PARALLEL_MIN_BYTES` when it is a whole number, else {@link DEFAULT_PARALLEL_MIN_BYTES}. */
export function parallelMinBytes(env: NodeJS.ProcessEnv): number {
  const v = env.FIELDKIT_PARALLEL_MIN_BYTES;
  return v !== undefined && /^[0-9]+$/.test(v) ? Number(v) : DEFAULT_PARALLEL_MIN_BYTES;
}

/**
 * Threads for a file of `size` bytes: `jobs` at most, and each with at least `minBytes` of it
 * (see {@link DEFAULT_PARALLEL_MIN_BYTES}); 1 = read on the calling thread.
 */
export function lanesFor(size: number, jobs: number, minBytes: number): number {
  return Math.max(1, Math.min(jobs, Math.floor(size / Math.max(minBytes, 1))));
}
