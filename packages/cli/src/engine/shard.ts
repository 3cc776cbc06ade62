/**
 * One unit of parallel work: infer a byte range of a file into a lane's inferrer. A lane (the
 * calling thread, or a worker thread running `worker.ts`) keeps ONE inferrer for all the ranges
 * it takes, so a range costs no more than reading it; the lanes' states are merged at the end.
 */
import { createInferrer, type Inferrer, type InferOptions, type Issue, type TextFormat } from '@fieldkit/core/infer';
import { readChunks } from '../io/read.js';
import { feedChunks } from './feed.js';
import { scanRange } from './scan-range.js';

/** A byte range of a file to infer; plain data (sent to a worker in a message). */
export interface ShardTask {
  /** Absolute path. */
  path: string;
  /** Name for issues (as the user typed it). */
  source: string;
  start: number;
  end: number;
  format: TextFormat;
  /** Options for the lane's inferrer (the same for every task of one run). */
  options: InferOptions;
  maxIssues: number;
}

/** What reading one range produced besides its samples; plain data (structured-clone safe). */
export interface ShardResult {
  samples: number;
  /** Newlines in the range: the line offset of the next range. */
  newlines: number;
  bytes: number;
  /** Issues with line and sample numbers relative to the range (line 1 = the range's first line). */
  issues: Issue[];
  stoppedEarly: boolean;
}

/** Infer one range into `inferrer`; `onProgress` gets bytes and samples read in this range so far. */
export async function runShard(task: ShardTask, inferrer: Inferrer, onProgress?: (bytes: number, samples: number) => void): Promise<ShardResult> {
  const r = await feedChunks(
    readChunks({ kind: 'file', name: task.source, path: task.path, size: task.end }, { stdin: process.stdin }, { start: task.start, end: task.end }),
    inferrer,
    { format: task.format, source: task.source, maxIssues: task.maxIssues, ...(onProgress ? { onProgress } : {}) },
  );
  return { samples: r.samples, newlines: r.newlines, bytes: r.bytes, issues: r.issues, stoppedEarly: r.stoppedEarly };
}

/**
 * One lane's reading of the ranges it takes, into one inferrer. NDJSON ranges are scanned
 * ({@link scanRange}) while the scanner takes them. The first range it does not take (a bad line,
 * a duplicate key, invalid UTF-8) switches the lane to the exact reader for good: a new inferrer
 * reads again every range scanned so far (their results stand: the scanner only takes what the
 * reader takes without an issue), then that range and the later ones, so the state is always
 * the exact reader's and the reader reports what is wrong and where.
 */
export class LaneReader {
  /** The lane's inferrer (replaced once, when the lane switches to the exact reader). */
  inferrer: Inferrer;
  private scanned: ShardTask[] = [];
  private exact = false;

  constructor(options: InferOptions) {
    this.inferrer = createInferrer(options);
  }

  /** Read one range into {@link inferrer}; `onProgress` as for {@link runShard}. */
  async run(task: ShardTask, onProgress?: (bytes: number, samples: number) => void): Promise<ShardResult> {
    if (!this.exact && task.format === 'ndjson') {
      const r = await scanRange(task.path, task.start, task.end, this.inferrer, onProgress);
      if (r !== null) {
        this.scanned.push(task);
        return { ...r, issues: [], stoppedEarly: false };
      }
      this.exact = true;
      this.inferrer = createInferrer(task.options);
      for (const t of this.scanned) await runShard(t, this.inferrer);
      this.scanned = [];
    }
    return runShard(task, this.inferrer, onProgress);
  }
}

/** Claim the next task index from the shared counter; -1 when none is left or the run stopped. */
export function claimTask(claims: Int32Array, total: number): number {
  if (Atomics.load(claims, 1) !== 0) return -1;
  const i = Atomics.add(claims, 0, 1);
  return i < total ? i : -1;
}
