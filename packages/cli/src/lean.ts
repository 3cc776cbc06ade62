/**
 * `fieldkit infer` streams inputs of any size, but V8 lets garbage pile up while memory is
 * plentiful: on a 500 MB NDJSON file peak RSS reached 118 MB with `--jobs 1` and 175 MB with
 * `--jobs 2` under the default heap settings. Two V8 flags, set at run time before the CLI is
 * loaded, keep it flat (measured on 100 MB and 500 MB files: 68-70 MB with `--jobs 1`,
 * 95-110 MB with `--jobs 2`, see the README):
 *
 * - `--semi-space-growth-factor=1`: the young generation stays at its 1 MB start size instead of
 *   growing to 2 × 16 MB. The inferrer promotes ~20 MB per 100 MB of input to the old generation
 *   whatever the young generation's size (measured with `--trace-gc-nvp` for 1-16 MB), so a
 *   small one costs no promotion, only more (cheap) scavenges.
 * - `--heap-growing-percent=20`: after a full GC the old generation may grow by its live size
 *   × 0.2 (at least V8's 8 MB step) before the next one, instead of up to 4×. This is the costly
 *   one with two threads: more full GCs, whose concurrent marking competes with the lanes for the
 *   two cores (500 MB, `--jobs 2`: 2.1 s and 108 MB with it, 1.8 s and 143 MB without).
 *
 * Both only steer GC heuristics that V8 reads as it goes, so `v8.setFlagsFromString` works for
 * them after start-up, for the main thread and for worker threads alike (flags that switch GC
 * machinery on or off, e.g. `--single-threaded-gc`, crash V8 when changed at run time). The second
 * is set late (see {@link LATE_LEAN_V8_FLAGS}). Earlier fieldkit re-ran node with
 * `--max-semi-space-size=1 --optimize-for-size`; that cost a second process start (~0.12 s with
 * the module loading before it) and `--optimize-for-size` made inference 10-15 % slower.
 * `FIELDKIT_LEAN=0` turns the flags off.
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flags `infer` sets first thing (see above). */
export const LEAN_V8_FLAGS: readonly string[] = ['--semi-space-growth-factor=1'];

/**
 * The V8 flags `infer` sets once its threads have started, just before reading (see above): a
 * changed `--heap-growing-percent` no longer matches the flags Node's start-up snapshot and code
 * cache were built with, so an isolate created or a Node module loaded after it costs ~40 ms more.
 */
export const LATE_LEAN_V8_FLAGS: readonly string[] = ['--heap-growing-percent=20'];

/** Commands that stream unbounded input and so run with the lean flags. */
const LEAN_COMMANDS = new Set(['infer']);

let armed = false;
let late: readonly string[] = [];
let setFlag: (flag: string) => void = setFlagsFromString;

/** Whether `argv` (`process.argv`) gets the lean flags: `infer`, unless FIELDKIT_LEAN=0. */
export function wantsLeanFlags(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  const command = argv[2];
  return command !== undefined && LEAN_COMMANDS.has(command) && env.FIELDKIT_LEAN !== '0';
}

/**
 * Set {@link LEAN_V8_FLAGS} when {@link wantsLeanFlags} (call before loading the CLI) and arm
 * {@link applyLateLeanFlags}. Returns the flags set. Without this call (e.g. `main()` run
 * in-process by tests) the late call does nothing.
 */
export function applyLeanFlags(argv: readonly string[], env: NodeJS.ProcessEnv, set: (flag: string) => void = setFlagsFromString): readonly string[] {
  if (!wantsLeanFlags(argv, env)) return [];
  for (const f of LEAN_V8_FLAGS) set(f);
  armed = true;
  late = LATE_LEAN_V8_FLAGS;
  setFlag = set;
  return LEAN_V8_FLAGS;
}

/**
 * Set {@link LEAN_V8_FLAGS} again, if {@link applyLeanFlags} set them: V8 raises a semi-space
 * growth factor below 2 back to 2 whenever it configures a new isolate, so `lane.ts` calls this
 * as soon as a worker thread reports that it has started.
 */
export function reapplyLeanFlags(): readonly string[] {
  if (!armed) return [];
  for (const f of LEAN_V8_FLAGS) setFlag(f);
  return LEAN_V8_FLAGS;
}

/** Set {@link LATE_LEAN_V8_FLAGS} once, if {@link applyLeanFlags} armed them; returns the flags set. */
export function applyLateLeanFlags(): readonly string[] {
  const flags = late;
  late = [];
  for (const f of flags) setFlag(f);
  return flags;
}
