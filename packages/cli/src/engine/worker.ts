/**
 * Worker-thread entry for parallel `infer` (see `pool.ts`). A worker is one lane: it receives
 * the run's task list, claims tasks from a shared counter, reads each into its own inferrer (kept
 * across tasks), posts progress (throttled) and each range's result, and on `finish` posts the
 * inferrer's state.
 */
import { parentPort } from 'node:worker_threads';
import { createInferrer, type InferenceState, type Inferrer } from '@fieldkit/core';
import { claimTask, runShard, type ShardResult, type ShardTask } from './shard.js';

/**
 * Messages the pool sends a worker. `run`: take tasks from `tasks` by claiming indices from the
 * shared counter (`Atomics.add` on slot 0; slot 1 non-zero = stop taking tasks) until none are
 * left, then post `idle`. Lanes claim tasks themselves, so a worker never waits for the busy
 * main thread to hand it the next range.
 */
export type PoolMessage = { type: 'run'; tasks: ShardTask[]; claims: SharedArrayBuffer } | { type: 'finish' };

/** Messages a shard worker posts. */
export type WorkerMessage =
  | { type: 'progress'; index: number; bytes: number; samples: number }
  | { type: 'done'; index: number; result: ShardResult }
  | { type: 'idle' }
  | { type: 'state'; state: InferenceState | null }
  | { type: 'error'; message: string };

const PROGRESS_EVERY_MS = 100;

if (parentPort) {
  const port = parentPort;
  let inferrer: Inferrer | undefined;
  const runAll = async (tasks: ShardTask[], claims: Int32Array) => {
    for (let i = claimTask(claims, tasks.length); i >= 0; i = claimTask(claims, tasks.length)) {
      const task = tasks[i]!;
      inferrer ??= createInferrer(task.options);
      let last = 0;
      const result = await runShard(task, inferrer, (bytes, samples) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        port.postMessage({ type: 'progress', index: i, bytes, samples } satisfies WorkerMessage);
      });
      port.postMessage({ type: 'done', index: i, result } satisfies WorkerMessage);
    }
  };
  port.on('message', (msg: PoolMessage) => {
    if (msg.type === 'finish') {
      port.postMessage({ type: 'state', state: inferrer ? inferrer.state : null } satisfies WorkerMessage);
      return;
    }
    runAll(msg.tasks, new Int32Array(msg.claims)).then(
      () => port.postMessage({ type: 'idle' } satisfies WorkerMessage),
      (err: unknown) => port.postMessage({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerMessage),
    );
  });
}
