/**
 * Running range tasks on lanes with summed progress.
 *
 * `jobs` lanes take tasks from one queue (so uneven ranges and a late-starting worker balance
 * out): lane 0 is the calling thread itself (it would otherwise sit idle, and every worker costs
 * a V8 isolate: ~15 MB, ~70 ms to boot and its own JIT warm-up), lanes 1… are workers running
 * `worker.js` from `dist/`. Each lane reads all its ranges into ONE inferrer; the run returns
 * every range's result (in task order) and one state per lane, to be merged by the caller.
 *
 * When the worker script is missing (code running from TypeScript sources, e.g. under vitest)
 * every task runs in the calling thread through the very same {@link runShard}: the split,
 * offsets and merge logic are still exercised; only the threads are not.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createInferrer, type InferenceState, type Inferrer } from '@fieldkit/core';
import { claimTask, runShard, type ShardResult, type ShardTask } from './shard.js';
import type { PoolMessage, WorkerMessage } from './worker.js';

/** How ranges are executed: `threads` (the calling thread + workers) or `inline` (calling thread only). */
export type ShardRunner = 'threads' | 'inline';

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Young-generation cap per worker. V8 grows the semi-spaces to 16 MB each while a stream of
 * short-lived parse results survives scavenges; 12 MB (4 MB semi-spaces) keeps a worker's RSS
 * ~35 MB lower on a 500 MB input at no measurable CPU cost (measured: user time 3.22 s vs 3.25 s).
 */
export const WORKER_YOUNG_GENERATION_MB = 12;

/** `threads` when the compiled worker script exists next to this module, else `inline`. */
export function defaultShardRunner(): ShardRunner {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL)) ? 'threads' : 'inline';
}

/** One long-lived worker lane. */
class ShardWorker {
  private readonly worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  private failure: Error | undefined;
  /** Settles the current `run` (on `idle`) or `finish` (on `state`); rejected by errors and exits. */
  private pending: { resolve: (s: InferenceState | null) => void; reject: (e: Error) => void } | undefined;
  private onDone: ((index: number, result: ShardResult) => void) | undefined;
  private onProgress: ((index: number, bytes: number, samples: number) => void) | undefined;

  constructor() {
    this.worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'progress') {
        this.onProgress?.(msg.index, msg.bytes, msg.samples);
        return;
      }
      if (msg.type === 'done') {
        this.onDone?.(msg.index, msg.result);
        return;
      }
      const p = this.pending;
      this.pending = undefined;
      if (!p) return;
      if (msg.type === 'error') p.reject(new Error(`infer worker failed: ${msg.message}`));
      else if (msg.type === 'idle') p.resolve(null);
      else p.resolve(msg.state);
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(err);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`infer worker exited with code ${code} before finishing`)));
  }

  private send(msg: PoolMessage): Promise<InferenceState | null> {
    return new Promise((resolve, reject) => {
      if (this.failure) {
        reject(this.failure);
        return;
      }
      this.pending = { resolve, reject };
      this.worker.postMessage(msg);
    });
  }

  /** Claim and run tasks until none is left; resolves when the worker is idle. */
  async run(
    tasks: readonly ShardTask[],
    claims: SharedArrayBuffer,
    onDone: (index: number, result: ShardResult) => void,
    onProgress: (index: number, bytes: number, samples: number) => void,
  ): Promise<void> {
    this.onDone = onDone;
    this.onProgress = onProgress;
    await this.send({ type: 'run', tasks: tasks.slice(), claims });
  }

  finish(): Promise<InferenceState | null> {
    return this.send({ type: 'finish' });
  }

  async stop(): Promise<void> {
    this.failure ??= new Error('stopped');
    await this.worker.terminate();
  }
}

/** What {@link runShards} returns: per-range results in task order, and the lanes' inferrers' states. */
export interface ShardsOutcome {
  results: ShardResult[];
  /** One per lane that took at least one task; merge them all. */
  states: (InferenceState | Inferrer)[];
}

/**
 * Run `tasks` on `jobs` lanes. `onProgress` receives the bytes and samples summed over all tasks.
 * All tasks must carry the same `options`.
 */
export async function runShards(
  tasks: readonly ShardTask[],
  jobs: number,
  onProgress?: (bytes: number, samples: number) => void,
  runner: ShardRunner = defaultShardRunner(),
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
  // Workers boot (~70 ms: a V8 isolate, the modules) while this thread already reads its share.
  const workers = Array.from({ length: lanes - 1 }, () => new ShardWorker());
  // Lanes claim task indices from this shared counter themselves (slot 1 = stop after a failure).
  const claimsBuffer = new SharedArrayBuffer(8);
  const claims = new Int32Array(claimsBuffer);
  const local = createInferrer(tasks[0].options);
  let localUsed = false;
  let failure: unknown;
  const done = (i: number, r: ShardResult) => {
    results[i] = r;
    report(i)(r.bytes, r.samples);
  };
  const lane = async (worker: ShardWorker | undefined) => {
    try {
      if (worker) await worker.run(tasks, claimsBuffer, done, (i, b, s) => report(i)(b, s));
      else {
        for (let i = claimTask(claims, tasks.length); i >= 0; i = claimTask(claims, tasks.length)) {
          localUsed = true;
          done(i, await runShard(tasks[i], local, report(i)));
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
    const states: (InferenceState | Inferrer)[] = localUsed ? [local] : [];
    for (const s of await Promise.all(workers.map((w) => w.finish()))) if (s) states.push(s);
    return { results, states };
  } finally {
    // also on failure: a live worker would keep the process running
    await Promise.all(workers.map((w) => w.stop()));
  }
}
