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

/**
 * Cut `[0, size)` into at most `parts` ranges of similar size, each starting right after a
 * newline (or at 0). Ranges never split a line; fewer ranges come back when lines are longer
 * than a part.
 */
export async function splitAtNewlines(path: string, size: number, parts: number): Promise<ByteRange[]> {
  if (parts <= 1 || size === 0) return [{ start: 0, end: size }];
  const fh = await open(path, 'r');
  try {
    const cuts: number[] = [0];
    const buf = Buffer.alloc(PROBE_BYTES);
    for (let k = 1; k < parts; k++) {
      let pos = Math.max(Math.floor((size * k) / parts), cuts[cuts.length - 1]);
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
