/**
 * Worker-thread entry for parallel `infer` (see `pool.ts`): receives shard tasks one at a time,
 * runs {@link runShard} on each and posts progress (throttled) and the result back. The worker
 * stays alive between tasks, so it boots (V8 isolate + core import) only once.
 */
import { parentPort } from 'node:worker_threads';
import { runShard, type ShardResult, type ShardTask } from './shard.js';

/** Messages the pool sends a worker. */
export type PoolMessage = { type: 'task'; task: ShardTask };

/** Messages a shard worker posts. */
export type WorkerMessage =
  | { type: 'progress'; bytes: number; samples: number }
  | { type: 'done'; result: ShardResult }
  | { type: 'error'; message: string };

const PROGRESS_EVERY_MS = 100;

if (parentPort) {
  const port = parentPort;
  port.on('message', (msg: PoolMessage) => {
    let last = 0;
    runShard(msg.task, (bytes, samples) => {
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
