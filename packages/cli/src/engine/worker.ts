/**
 * Worker-thread entry for parallel `infer` (see `pool.ts`). A worker is one lane: it receives
 * range tasks one at a time, reads each into its own inferrer (kept across tasks), posts progress
 * (throttled) and each range's result, and on `finish` posts the inferrer's state.
 */
import { parentPort } from 'node:worker_threads';
import { createInferrer, type InferenceState, type Inferrer } from '@fieldkit/core';
import { runShard, type ShardResult, type ShardTask } from './shard.js';

/** Messages the pool sends a worker. */
export type PoolMessage = { type: 'task'; task: ShardTask } | { type: 'finish' };

/** Messages a shard worker posts. */
export type WorkerMessage =
  | { type: 'progress'; bytes: number; samples: number }
  | { type: 'done'; result: ShardResult }
  | { type: 'state'; state: InferenceState | null }
  | { type: 'error'; message: string };

const PROGRESS_EVERY_MS = 100;

if (parentPort) {
  const port = parentPort;
  let inferrer: Inferrer | undefined;
  port.on('message', (msg: PoolMessage) => {
    if (msg.type === 'finish') {
      port.postMessage({ type: 'state', state: inferrer ? inferrer.state : null } satisfies WorkerMessage);
      return;
    }
    inferrer ??= createInferrer(msg.task.options);
    let last = 0;
    runShard(msg.task, inferrer, (bytes, samples) => {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      port.postMessage({ type: 'progress', bytes, samples } satisfies WorkerMessage);
    }).then(
      (result) => port.postMessage({ type: 'done', result } satisfies WorkerMessage),
      (err: unknown) => port.postMessage({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerMessage),
    );
  });
}
