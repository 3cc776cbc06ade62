/**
 * The fast way to read a file of concatenated JSON values (`--format json`, or `auto` when it
 * does not look like NDJSON) or of one JSON array whose elements are the samples (`--each`):
 * blocks that end where a value ends, each decoded once and scanned straight into an inferrer by
 * core's scanner (`scanValuesInto`), as `scan-range.ts` does for NDJSON lines.
 *
 * A block cannot simply end at a newline here (a pretty-printed value spans many lines, a
 * minified array is one line), so the bytes are walked once to find where values end: outside
 * strings, a `}` or `]` that closes a top-level value (concatenated JSON), or a comma or the `]`
 * at the array's own level (`--each`). Strings are skipped with native searches for the quote.
 * The walk only proposes the cuts; the scanner checks every value, and what it does not take
 * (invalid JSON, a duplicate key, two commas, a trailing comma, invalid UTF-8) makes the caller
 * read the file again through the exact reader, which reports what is wrong and where: the cuts
 * fall on commas and value ends of the file itself, so the blocks scanned whole are the file.
 *
 * Measured on the bench's 100 MB of webhook events written as one JSON array (`--each`): 2.40 s
 * through the exact reader (a per-character filter, then JSON.parse of each element), 0.75-0.81 s
 * scanned; pretty-printed and concatenated (73 MB): 2.01 s, 0.65-0.67 s. Same schemas (`cmp`).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { scanValuesInto, type Inferrer } from '@fieldkit/core/infer';
import { BLOCKS_PER_YIELD, decodeBlock, SCAN_BLOCK_BYTES, type ScannedRange } from './scan-range.js';

/** How the file holds its samples: concatenated values, or the elements of one array. */
export type ValuesLayout = 'json' | 'each';

/**
 * A value (or element) longer than this makes the caller take the exact reader: the block would
 * have to hold it whole, and memory would grow with it.
 */
export const MAX_VALUE_BYTES = 64 * 1024 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const isWsByte = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Where the values in `buf[0, to)` can be cut (see {@link findCut}). */
interface Cut {
  /** Index of the last cut: after a top-level value (json), or of a comma at the array's level (each); -1 = none. */
  at: number;
  /** `each`: index of the `]` closing the array, else -1. */
  close: number;
}

/**
 * Walk `buf[0, to)` (which starts outside any string, at the top level of the layout) and find
 * the last place to cut. Returns null when the brackets do not balance (the scanner would refuse
 * the text anyway).
 */
export function findCut(buf: Buffer, to: number, layout: ValuesLayout): Cut | null {
  const each = layout === 'each';
  const view = buf.subarray(0, to);
  let depth = each ? 1 : 0;
  let at = -1;
  for (let i = 0; i < to; i++) {
    const c = view[i]!;
    if (c === QUOTE) {
      // The closing quote: the next one not escaped by an odd run of backslashes.
      let j = view.indexOf(QUOTE, i + 1);
      for (;;) {
        if (j < 0) return { at, close: -1 }; // the string goes on past this block
        let b = j - 1;
        while (b > i && view[b] === BACKSLASH) b--;
        if ((j - 1 - b) % 2 === 0) break;
        j = view.indexOf(QUOTE, j + 1);
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) {
        if (each) return { at, close: i };
        at = i + 1;
      }
    } else if (c === 0x2c && each && depth === 1) at = i;
  }
  return { at, close: -1 };
}

/**
 * Scan the whole regular file at `path` into `inferrer`, its samples laid out as `layout` says.
 * Null when the scanner gave up (see the module comment): `inferrer` is then spent and the file
 * must be read again through the exact reader, with a new inferrer. `onProgress` gets the bytes
 * and samples so far after each block.
 */
export async function scanValuesFile(path: string, layout: ValuesLayout, inferrer: Inferrer, onProgress?: (bytes: number, samples: number) => void): Promise<ScannedRange | null> {
  let buf = Buffer.allocUnsafe(SCAN_BLOCK_BYTES);
  let have = 0;
  let pos = 0;
  let eof = false;
  let blocks = 0;
  /** Where the file is: before its first value (or the array's `[`), in the values, or after the array's `]`. */
  let phase: 'start' | 'values' | 'after' = 'start';
  const out: ScannedRange = { samples: 0, newlines: 0, bytes: 0 };
  const fd = openSync(path, 'r');
  /** Pass `n` bytes of the buffer (scanned or blank). */
  const consume = (n: number) => {
    out.bytes += n;
    buf.copy(buf, 0, n, have);
    have -= n;
  };
  /** Scan `buf[0, to)`; false when the scanner refused it. */
  const scan = (to: number, mustHoldOne: boolean): boolean => {
    const text = decodeBlock(buf.subarray(0, to));
    if (text === null) return false;
    const added = scanValuesInto(inferrer, text, { layout: layout === 'each' ? 'elements' : 'json', inputStart: out.bytes === 0 });
    if (added < 0 || (mustHoldOne && added === 0)) return false;
    out.samples += added;
    return true;
  };
  try {
    for (;;) {
      if (!eof && have < buf.length) {
        const got = readSync(fd, buf, have, buf.length - have, pos);
        pos += got;
        have += got;
        if (got === 0) eof = true;
      }
      if (phase === 'start') {
        // A byte-order mark, blanks, then (each) the array's `[`.
        let i = out.bytes === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
        while (i < have && isWsByte(buf[i]!)) i++;
        if (i === have) {
          if (eof) return layout === 'each' ? null : out; // an empty file: the reader says so under each
          consume(i);
          continue;
        }
        if (layout === 'each') {
          if (buf[i] !== 0x5b) return null;
          i++;
        }
        consume(i);
        phase = 'values';
        continue;
      }
      if (phase === 'after') {
        for (let i = 0; i < have; i++) if (!isWsByte(buf[i]!)) return null; // text after the array
        consume(have);
        if (eof) return out;
        continue;
      }
      const cut = findCut(buf, have, layout);
      if (cut === null) return null;
      if (cut.close >= 0) {
        // The array's `]`: its last element (none only when the array is empty).
        if (!scan(cut.close, out.samples > 0)) return null;
        consume(cut.close + 1);
        phase = 'after';
      } else if (eof) {
        if (layout === 'each') return null; // the array is not closed
        if (!scan(have, false)) return null;
        consume(have);
        return out;
      } else if (cut.at >= 0) {
        // Up to a comma (each: its block holds at least one element) or a value's end.
        if (!scan(cut.at, layout === 'each')) return null;
        consume(layout === 'each' ? cut.at + 1 : cut.at);
      } else if (have === buf.length) {
        // One value longer than the block: make room for the rest of it (up to a limit).
        if (buf.length >= MAX_VALUE_BYTES) return null;
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
        continue;
      } else continue;
      onProgress?.(out.bytes, out.samples);
      if (++blocks % BLOCKS_PER_YIELD === 0) await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    closeSync(fd);
  }
}
