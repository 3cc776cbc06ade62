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

/** Files smaller than this are inferred on the calling thread (a worker costs ~60 ms to start). */
export const DEFAULT_PARALLEL_MIN_BYTES = 8_000_000;

/** `FIELDKIT_PARALLEL_MIN_BYTES` when it is a whole number, else {@link DEFAULT_PARALLEL_MIN_BYTES}. */
export function parallelMinBytes(env: NodeJS.ProcessEnv): number {
  const v = env.FIELDKIT_PARALLEL_MIN_BYTES;
  return v !== undefined && /^[0-9]+$/.test(v) ? Number(v) : DEFAULT_PARALLEL_MIN_BYTES;
}
