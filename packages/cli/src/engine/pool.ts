/**
 * Running range tasks on lanes with summed progress.
 *
 * `jobs` lanes take tasks from one queue (so uneven ranges and a late-starting worker balance
 * out): lane 0 is the calling thread itself (it would otherwise sit idle, and every worker costs
 * a V8 isolate: ~15 MB, ~60 ms to boot and its own JIT warm-up), lanes 1… are workers running
 * `worker.js` from `dist/` (see `lane.ts`; `bin.ts` may have started them already). Each lane
 * reads all its ranges into ONE inferrer; the run returns every range's result (in task order)
 * and one state per lane, to be merged by the caller.
 *
 * When the worker script is missing (code running from TypeScript sources, e.g. under vitest)
 * every task runs in the calling thread through the very same {@link LaneReader}: the split,
 * offsets and merge logic are still exercised; only the threads are not.
 */
import type { InferenceState, Inferrer } from '@fieldkit/core/infer';
import { applyLateLeanFlags } from '../lean.js';
import { releaseWorkers, takeWorkers, workerScriptExists, type ShardWorker } from './lane.js';
import { claimTask, LaneReader, type ShardResult, type ShardTask } from './shard.js';

/** How ranges are executed: `threads` (the calling thread + workers) or `inline` (calling thread only). */
export type ShardRunner = 'threads' | 'inline';

export { WORKER_YOUNG_GENERATION_MB } from './lane.js';

/** `threads` when the compiled worker script exists next to this module, else `inline`. */
export function defaultShardRunner(): ShardRunner {
  return workerScriptExists() ? 'threads' : 'inline';
}

/** What {@link runShards} returns: per-range results in task order, and the lanes' inferrers' states. */
export interface ShardsOutcome {
  results: ShardResult[];
  /** One per lane that took at least one task; merge them all. */
  states: (InferenceState | Inferrer)[];
}

/**
 * Run `tasks` on `jobs` lanes. `onProgress` receives the bytes and samples summed over all tasks.
 * All tasks must carry the same `options`. With `keepWorkers` false (the last input) the workers
 * are stopped as soon as their lanes are done, so their teardown overlaps the caller's merge and
 * output instead of the process exit.
 */
export async function runShards(
  tasks: readonly ShardTask[],
  jobs: number,
  onProgress?: (bytes: number, samples: number) => void,
  runner: ShardRunner = defaultShardRunner(),
  keepWorkers = true,
): Promise<ShardsOutcome> {
  const bytes = new Array<number>(tasks.length).fill(0);
  const samples = new Array<number>(tasks.length).fill(0);
  const report = (i: number) => (b: number, s: number) => {
    bytes[i] = b;
    samples[i] = s;
    let tb = 0;
    let ts = 0;
    for (let k = 0; k < tasks.length; k++) {
      tb += bytes[k];
      ts += samples[k];
    }
    onProgress?.(tb, ts);
  };
  const results = new Array<ShardResult>(tasks.length);
  if (tasks.length === 0) return { results, states: [] };
  const lanes = runner === 'inline' ? 1 : Math.max(1, Math.min(jobs, tasks.length));
  // Workers started by `bin.ts` (prestart) have booted while this thread loaded the CLI; any
  // missing ones boot now (~60 ms) while this thread already reads its share.
  const workers = takeWorkers(lanes - 1);
  // GC flags that would slow a booting worker are set once all have booted (see `lean.ts`).
  void Promise.all(workers.map((w) => w.ready)).then(applyLateLeanFlags);
  // Lanes claim task indices from this shared counter themselves (slot 1 = stop after a failure).
  const claimsBuffer = new SharedArrayBuffer(8);
  const claims = new Int32Array(claimsBuffer);
  const local = new LaneReader(tasks[0].options);
  let localUsed = false;
  let failure: unknown;
  const done = (i: number, r: ShardResult) => {
    results[i] = r;
    report(i)(r.bytes, r.samples);
  };
  const workerStates: (InferenceState | null)[] = [];
  const lane = async (worker: ShardWorker | undefined) => {
    try {
      if (worker) workerStates.push(await worker.run(tasks, claimsBuffer, { onDone: done, onProgress: (i, b, s) => report(i)(b, s) }));
      else {
        for (let i = claimTask(claims, tasks.length); i >= 0; i = claimTask(claims, tasks.length)) {
          localUsed = true;
          done(i, await local.run(tasks[i], report(i)));
        }
      }
    } catch (err) {
      // after a failure in any lane the others stop taking tasks
      Atomics.store(claims, 1, 1);
      failure ??= err;
    }
  };
  try {
    await Promise.all([...workers.map((w) => lane(w)), lane(undefined)]);
    if (failure !== undefined) throw failure;
    const states: (InferenceState | Inferrer)[] = localUsed ? [local.inferrer] : [];
    for (const s of workerStates) if (s) states.push(s);
    return { results, states };
  } finally {
    // Healthy workers are parked for the next input (they do not keep the process alive); after
    // a failure they are all stopped. A last run does not wait for the threads to end.
    const released = releaseWorkers(workers, failure !== undefined || !keepWorkers);
    if (keepWorkers || failure !== undefined) await released;
    else released.catch(() => undefined);
  }
}
