/**
 * Splitting a large NDJSON file into byte ranges that start at line beginnings, so each range
 * can be inferred on its own (worker threads, or separate machines) and the states merged.
 */
import { open } from 'node:fs/promises';

/** A half-open byte range `[start, end)` of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

const PROBE_BYTES = 64 * 1024;

/**
 * Guess whether a file is NDJSON from its first 64 KB: true when the first one or two non-empty
 * lines are each a complete JSON value (a pretty-printed document's first line, `{`, is not).
 * A wrong guess is harmless: callers re-run sequentially when a range fails to parse.
 */
export async function looksLikeNdjson(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(PROBE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, PROBE_BYTES, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    const lines = text.split('\n');
    // the last piece may be cut off by the probe size: only complete lines count
    if (bytesRead === PROBE_BYTES) lines.pop();
    const nonEmpty = lines.filter((l) => l.trim() !== '').slice(0, 2);
    if (nonEmpty.length === 0) return false;
    return nonEmpty.every((l) => {
      try {
        JSON.parse(l.charCodeAt(0) === 0xfeff ? l.slice(1) : l);
        return true;
      } catch {
        return false;
      }
    });
  } finally {
    await fh.close();
  }
}

/** Options of {@link guidedCuts}: how large the ranges of a parallel run are. */
export interface GuidedSplitOptions {
  /** Largest range in bytes (the first ranges). */
  maxBytes: number;
  /** Smallest range in bytes (the last ranges; bounds how long one lane can wait for another at the end). */
  minBytes: number;
  /** Each range is the rest of the file divided by `lanes × divisor` (then clamped to the bounds). */
  divisor: number;
}

/**
 * Defaults of {@link GuidedSplitOptions}: ranges of at most 8 MB (so a late-starting worker
 * catches up), shrinking to 1 MB at the end (~8 ms of work: the lanes finish within that).
 */
export const DEFAULT_GUIDED_SPLIT: GuidedSplitOptions = { maxBytes: 8_000_000, minBytes: 1_000_000, divisor: 4 };

/**
 * Nominal cut positions (before newline alignment) for `lanes` lanes claiming ranges from one
 * queue: guided self-scheduling, each range a share of what is left, so the ranges shrink towards
 * the end and the lanes run out of work at nearly the same moment. Small inputs still get several
 * ranges per lane (at least `lanes × 2`, when the bounds allow) so every lane takes some.
 * Returns increasing positions in `(0, size)`.
 */
export function guidedCuts(size: number, lanes: number, opts: GuidedSplitOptions = DEFAULT_GUIDED_SPLIT): number[] {
  if (lanes <= 1 || size <= 0) return [];
  const small = Math.max(1, Math.ceil(size / (lanes * 8)));
  const minBytes = Math.max(1, Math.min(opts.minBytes, small));
  const maxBytes = Math.max(minBytes, Math.min(opts.maxBytes, Math.ceil(size / (lanes * 2))));
  const cuts: number[] = [];
  let pos = 0;
  for (;;) {
    const piece = Math.min(maxBytes, Math.max(minBytes, Math.floor((size - pos) / (lanes * opts.divisor))));
    pos += piece;
    if (pos >= size) break;
    cuts.push(pos);
  }
  return cuts;
}

/**
 * Cut `[0, size)` into at most `parts` ranges of similar size, each starting right after a
 * newline (or at 0). Ranges never split a line; fewer ranges come back when lines are longer
 * than a part.
 */
export async function splitAtNewlines(path: string, size: number, parts: number): Promise<ByteRange[]> {
  if (parts <= 1 || size === 0) return [{ start: 0, end: size }];
  return splitAtNewlinesNear(path, size, Array.from({ length: parts - 1 }, (_, k) => Math.floor((size * (k + 1)) / parts)));
}

/**
 * Cut `[0, size)` into ranges that start right after a newline (or at 0): one cut at the first
 * line start at or after each of the nominal positions `near` (increasing). Cuts that would
 * repeat or fall at the end are dropped, so lines longer than a range give fewer ranges.
 */
export async function splitAtNewlinesNear(path: string, size: number, near: readonly number[]): Promise<ByteRange[]> {
  if (near.length === 0 || size === 0) return [{ start: 0, end: size }];
  const fh = await open(path, 'r');
  try {
    const cuts: number[] = [0];
    const buf = Buffer.alloc(PROBE_BYTES);
    for (const nominal of near) {
      // the line start at or after `nominal`: right after the first newline at or after nominal - 1
      // (the previous cut when that is already at or after `nominal`)
      if (nominal <= cuts[cuts.length - 1]) continue;
      let pos = nominal - 1;
      let cut = size;
      while (pos < size) {
        const { bytesRead } = await fh.read(buf, 0, PROBE_BYTES, pos);
        if (bytesRead === 0) break;
        const nl = buf.subarray(0, bytesRead).indexOf(10);
        if (nl !== -1) {
          cut = pos + nl + 1;
          break;
        }
        pos += bytesRead;
      }
      if (cut >= size) break;
      if (cut > cuts[cuts.length - 1]) cuts.push(cut);
    }
    return cuts.map((start, i) => ({ start, end: i + 1 < cuts.length ? cuts[i + 1] : size }));
  } finally {
    await fh.close();
  }
}
