/**
 * The streaming loop shared by the main thread and the worker threads: Buffers in, samples into
 * an inferrer through its text reader, issues out. Memory stays flat: one chunk at a time.
 */
import type { Inferrer, Issue, TextFormat } from '@fieldkit/core/infer';
import { ChunkDecoder, utf8Issue } from '../io/read.js';
import { ArrayElementsFilter } from './each.js';

/** Options of {@link feedChunks}. */
export interface FeedOptions {
  /** How the text holds samples (passed to the reader); ignored with `each` (always `json`). */
  format: TextFormat;
  /** Input name for issues. */
  source: string;
  /** The input is one JSON array whose elements are the samples. */
  each?: boolean;
  /** Stop reading after this many issues (the rest of the input is not checked). */
  maxIssues?: number;
  /** Called after every chunk with absolute bytes and samples so far. */
  onProgress?: (bytes: number, samples: number) => void;
}

/** Defaults of {@link FeedOptions}. */
export const DEFAULT_FEED_OPTIONS = { maxIssues: 20 } as const;

/** What one input (or byte range) produced besides the samples added to the inferrer. */
export interface FeedResult {
  /** Samples read from this input. */
  samples: number;
  /** Newline characters in the bytes read (for line offsets of later byte ranges). */
  newlines: number;
  /** Bytes read. */
  bytes: number;
  issues: Issue[];
  /** True when reading stopped at `maxIssues` (or a structural `--each` error) before the end. */
  stoppedEarly: boolean;
}

/** Newline bytes in `buf`. */
export function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Feed `chunks` into `inferrer`. Issues are the reader's (`infer/parse`, with line, column,
 * sample, source) plus `cli/each` structural ones with `each`.
 */
export async function feedChunks(chunks: AsyncIterable<Buffer>, inferrer: Inferrer, opts: FeedOptions): Promise<FeedResult> {
  const maxIssues = opts.maxIssues ?? DEFAULT_FEED_OPTIONS.maxIssues;
  const reader = inferrer.createTextReader({ format: opts.each ? 'json' : opts.format, source: opts.source });
  const filter = opts.each ? new ArrayElementsFilter(opts.source) : undefined;
  const decoder = new ChunkDecoder();
  const issues: Issue[] = [];
  let newlines = 0;
  let stoppedEarly = false;

  const push = (text: string) => {
    if (!filter) {
      if (text) issues.push(...reader.write(text));
      return;
    }
    const f = filter.write(text);
    if (f.text) issues.push(...reader.write(f.text));
    issues.push(...f.issues);
  };

  const badUtf8 = () => {
    if (!decoder.invalid) return false;
    // Earlier issues stay; the bad byte is reported where it is and reading stops there.
    issues.push(utf8Issue(opts.source, decoder.invalid));
    stoppedEarly = true;
    return true;
  };
  for await (const chunk of chunks) {
    newlines += countNewlines(chunk);
    push(decoder.write(chunk));
    opts.onProgress?.(decoder.bytes, reader.samples);
    if (badUtf8()) break;
    if (issues.length >= maxIssues || filter?.failed) {
      stoppedEarly = true;
      break;
    }
  }
  if (!stoppedEarly) {
    push(decoder.end());
    if (!badUtf8() && !filter?.failed) {
      if (filter) issues.push(...reader.end(), ...filter.end());
      else issues.push(...reader.end());
    }
  }
  return { samples: reader.samples, newlines, bytes: decoder.bytes, issues, stoppedEarly };
}
