/**
 * Worker-thread entry for parallel `infer` (see `pool.ts`, `lane.ts`). A worker is one lane: on
 * `run` it claims tasks from a shared counter, reads each into one inferrer (kept across the
 * run's tasks), posts progress (throttled) and each range's result, and when no task is left
 * posts `idle` with that inferrer's state (no extra round trip to ask for it). The next run
 * starts with a fresh inferrer, so a parked worker can serve the next input.
 *
 * It posts `started` before loading `@fieldkit/core` and the reading code (so the main thread
 * learns early that the isolate exists; see `lean.ts`) and `ready` once they are loaded.
 */
import { parentPort } from 'node:worker_threads';
import type { InferenceState, Inferrer } from '@fieldkit/core/infer';
import type { LaneReader, ShardResult, ShardTask } from './shard.js';

/**
 * Messages the pool sends a worker. `run`: take tasks from `tasks` by claiming indices from the
 * shared counter (`Atomics.add` on slot 0; slot 1 non-zero = stop taking tasks) until none are
 * left, then post `idle`. Lanes claim tasks themselves, so a worker never waits for the busy
 * main thread to hand it the next range.
 */
export type PoolMessage = { type: 'run'; tasks: ShardTask[]; claims: SharedArrayBuffer };

/**
 * Messages a shard worker posts: `started` (first, before loading the modules), `ready` (modules
 * loaded; runs are taken from then on), per range `progress` and `done`, and per run `idle` (the
 * state of the ranges read, null when none) or `error`.
 */
export type WorkerMessage =
  | { type: 'started' }
  | { type: 'ready' }
  | { type: 'progress'; index: number; bytes: number; samples: number }
  | { type: 'done'; index: number; result: ShardResult }
  | { type: 'idle'; state: InferenceState | null }
  | { type: 'error'; message: string };

const PROGRESS_EVERY_MS = 100;

if (parentPort) {
  const port = parentPort;
  const post = (msg: WorkerMessage) => port.postMessage(msg);
  post({ type: 'started' });
  const errorText = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err));
  // Messages that arrive while the modules load are queued by the port until the listener is set.
  import('./shard.js').then(
    ({ claimTask, LaneReader }) => {
      const runAll = async (tasks: ShardTask[], claims: Int32Array): Promise<Inferrer | undefined> => {
        let lane: LaneReader | undefined;
        for (let i = claimTask(claims, tasks.length); i >= 0; i = claimTask(claims, tasks.length)) {
          const task = tasks[i]!;
          lane ??= new LaneReader(task.options);
          let last = 0;
          const result = await lane.run(task, (bytes, samples) => {
            const now = Date.now();
            if (now - last < PROGRESS_EVERY_MS) return;
            last = now;
            post({ type: 'progress', index: i, bytes, samples });
          });
          post({ type: 'done', index: i, result });
        }
        return lane?.inferrer;
      };
      port.on('message', (msg: PoolMessage) => {
        runAll(msg.tasks, new Int32Array(msg.claims)).then(
          (inferrer) => post({ type: 'idle', state: inferrer ? inferrer.state : null }),
          (err: unknown) => post({ type: 'error', message: errorText(err) }),
        );
      });
      post({ type: 'ready' });
    },
    (err: unknown) => post({ type: 'error', message: `cannot load: ${errorText(err)}` }),
  );
}
