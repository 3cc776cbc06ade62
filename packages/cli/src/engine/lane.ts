/**
 * Worker-thread lanes for parallel `infer`, and the registry of started ones.
 *
 * This module imports nothing from `@fieldkit/core` at run time, so `bin.ts` can start workers
 * (see `prestart.ts`) before the CLI and the core are loaded: a worker needs ~60 ms to boot (a V8
 * isolate, then the modules), and that then overlaps the main thread's own start-up instead of
 * delaying the worker's first range.
 *
 * Workers are kept for the whole process: after a run they are parked (unref'ed, so they never
 * keep the process alive) and the next input's run takes them again.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InferenceState } from '@fieldkit/core/infer';
import { reapplyLeanFlags } from '../lean.js';
import type { ShardResult, ShardTask } from './shard.js';
import type { PoolMessage, WorkerMessage } from './worker.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Young-generation cap per worker (a safety net: with the lean V8 flags, see `lean.ts`, the
 * semi-spaces stay at their 1 MB start size anyway). Without it V8 grows a worker's semi-spaces
 * to 16 MB each while a stream of short-lived parse results survives scavenges.
 */
export const WORKER_YOUNG_GENERATION_MB = 12;

/** True when the compiled worker script exists next to this module (not when running from TypeScript sources). */
export function workerScriptExists(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

/** Callbacks of one {@link ShardWorker.run}. */
export interface LaneCallbacks {
  /** A range is finished. */
  onDone: (index: number, result: ShardResult) => void;
  /** Bytes and samples read so far in range `index` (throttled). */
  onProgress: (index: number, bytes: number, samples: number) => void;
}

/** One long-lived worker lane. */
export class ShardWorker {
  private readonly worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  private failure: Error | undefined;
  /** Settles the current `run` (on `idle`); rejected by errors and exits. */
  private pending: { resolve: (s: InferenceState | null) => void; reject: (e: Error) => void } | undefined;
  private callbacks: LaneCallbacks | undefined;
  private markReady: (() => void) | undefined;
  /** Settles once the worker has loaded its modules (or has failed: then runs reject). */
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor() {
    this.worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'started') {
        reapplyLeanFlags();
        return;
      }
      if (msg.type === 'ready') {
        this.markReady?.();
        return;
      }
      if (msg.type === 'progress') {
        this.callbacks?.onProgress(msg.index, msg.bytes, msg.samples);
        return;
      }
      if (msg.type === 'done') {
        this.callbacks?.onDone(msg.index, msg.result);
        return;
      }
      const p = this.pending;
      this.pending = undefined;
      if (!p) return;
      if (msg.type === 'error') p.reject(new Error(`infer worker failed: ${msg.message}`));
      else p.resolve(msg.state);
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      this.markReady?.();
      const p = this.pending;
      this.pending = undefined;
      p?.reject(err);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`infer worker exited with code ${code} before finishing`)));
  }

  /** Whether this worker can take another run. */
  get usable(): boolean {
    return this.failure === undefined;
  }

  /**
   * Claim and run tasks until none is left. Resolves with the state of the ranges this worker
   * read in this run (null when it read none); the worker starts the next run with a fresh inferrer.
   */
  run(tasks: readonly ShardTask[], claims: SharedArrayBuffer, callbacks: LaneCallbacks): Promise<InferenceState | null> {
    return new Promise((resolve, reject) => {
      if (this.failure) {
        reject(this.failure);
        return;
      }
      this.callbacks = callbacks;
      this.pending = { resolve, reject };
      this.worker.postMessage({ type: 'run', tasks: tasks.slice(), claims } satisfies PoolMessage);
    });
  }

  /** While parked the worker does not keep the process alive. */
  park(): void {
    this.callbacks = undefined;
    this.worker.unref();
  }

  unpark(): void {
    this.worker.ref();
  }

  async stop(): Promise<void> {
    this.failure ??= new Error('stopped');
    await this.worker.terminate();
  }
}

const parked: ShardWorker[] = [];

/** Start workers now (parked) so that the next {@link takeWorkers} finds them booted; no-op without the worker script. */
export function prestartWorkers(count: number): void {
  if (count <= 0 || !workerScriptExists()) return;
  for (let i = 0; i < count; i++) {
    const w = new ShardWorker();
    w.park();
    parked.push(w);
  }
}

/** `count` workers: parked ones first, then new ones. Give them back with {@link releaseWorkers}. */
export function takeWorkers(count: number): ShardWorker[] {
  const out: ShardWorker[] = [];
  while (out.length < count) {
    const w = parked.shift();
    if (w === undefined) out.push(new ShardWorker());
    else if (w.usable) {
      w.unpark();
      out.push(w);
    }
  }
  return out;
}

/** Park healthy workers for a later run; stop the others (and all of them with `stop`). */
export async function releaseWorkers(workers: readonly ShardWorker[], stop: boolean): Promise<void> {
  const stopping: Promise<void>[] = [];
  for (const w of workers) {
    if (stop || !w.usable) stopping.push(w.stop());
    else {
      w.park();
      parked.push(w);
    }
  }
  await Promise.all(stopping);
}

/** Stop every parked worker without waiting for the threads to end (no more runs will come). */
export function stopParkedWorkers(): void {
  for (const w of parked.splice(0)) w.stop().catch(() => undefined);
}

/** Workers parked now (for tests and diagnostics). */
export function parkedWorkers(): number {
  return parked.length;
}
