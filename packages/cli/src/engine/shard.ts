/**
 * One unit of parallel work: infer a byte range of a file with a fresh inferrer and hand back its
 * state. Runs inside a worker thread (`worker.ts`) or, when no worker script is available (tests
 * running from source), in the calling thread. Both paths run this same function.
 */
import { createInferrer, type InferenceState, type InferOptions, type Issue, type TextFormat } from '@fieldkit/core';
import { readChunks } from '../io/read.js';
import { feedChunks } from './feed.js';

/** A byte range of a file to infer; plain data (sent to a worker as `workerData`). */
export interface ShardTask {
  /** Absolute path. */
  path: string;
  /** Name for issues (as the user typed it). */
  source: string;
  start: number;
  end: number;
  format: TextFormat;
  options: InferOptions;
  maxIssues: number;
}

/** What a shard sends back; plain data (structured-clone safe). */
export interface ShardResult {
  state: InferenceState;
  samples: number;
  /** Newlines in the range: the line offset of the next range. */
  newlines: number;
  bytes: number;
  /** Issues with line and sample numbers relative to the range (line 1 = the range's first line). */
  issues: Issue[];
  stoppedEarly: boolean;
}

/** Infer one range; `onProgress` gets bytes and samples read in this range so far. */
export async function runShard(task: ShardTask, onProgress?: (bytes: number, samples: number) => void): Promise<ShardResult> {
  const inferrer = createInferrer(task.options);
  const r = await feedChunks(
    readChunks({ kind: 'file', name: task.source, path: task.path, size: task.end }, { stdin: process.stdin }, { start: task.start, end: task.end }),
    inferrer,
    { format: task.format, source: task.source, maxIssues: task.maxIssues, ...(onProgress ? { onProgress } : {}) },
  );
  return { state: inferrer.state, samples: r.samples, newlines: r.newlines, bytes: r.bytes, issues: r.issues, stoppedEarly: r.stoppedEarly };
}
