/**
 * One unit of parallel work: infer a byte range of a file into a lane's inferrer. A lane (the
 * calling thread, or a worker thread running `worker.ts`) keeps ONE inferrer for all the ranges
 * it takes, so a range costs no more than reading it; the lanes' states are merged at the end.
 */
import type { Inferrer, InferOptions, Issue, TextFormat } from '@fieldkit/core/infer';
import { readChunks } from '../io/read.js';
import { feedChunks } from './feed.js';

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

/** Claim the next task index from the shared counter; -1 when none is left or the run stopped. */
export function claimTask(claims: Int32Array, total: number): number {
  if (Atomics.load(claims, 1) !== 0) return -1;
  const i = Atomics.add(claims, 0, 1);
  return i < total ? i : -1;
}
