import { issue, type Issue } from '@fieldkit/core';
import { checkJsonText, DEFAULT_CHECK_JSON_OPTIONS, lineColumnAt } from './json-check.js';

/** The outcome of reading a webhook body as JSON. */
export type ParsedBody = { ok: true; payload: unknown; text: string } | { ok: false; issue: Issue };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Offset of the first byte that is not valid UTF-8 (the whole buffer is known to be invalid). */
function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= buf.length || (buf[i + k] & 0xc0) !== 0x80) return i;
    // Overlongs, surrogates and > U+10FFFF are caught by the fatal decoder; report the lead byte.
    if (need > 0) {
      try {
        decoder.decode(buf.subarray(i, i + need + 1));
      } catch {
        return i;
      }
    }
    i += need + 1;
  }
  return buf.length;
}

/**
 * Decode a body as strict UTF-8 and parse it as one JSON value nested at most `maxDepth` deep.
 * Never throws: invalid UTF-8, bad or truncated JSON and too-deep nesting come back as an Issue
 * with line and column (code `capture/utf8`, `capture/json`, `capture/depth`).
 */
export function decodeAndParse(body: Uint8Array, maxDepth = DEFAULT_CHECK_JSON_OPTIONS.maxDepth): ParsedBody {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    const prefix = new TextDecoder('utf-8').decode(body.subarray(0, at));
    const { line, column } = lineColumnAt(prefix, prefix.length);
    return { ok: false, issue: issue('capture/utf8', `the body is not valid UTF-8: invalid byte 0x${(body[at] ?? 0).toString(16).padStart(2, '0')} at byte offset ${at}`, { line, column, params: { byteOffset: at } }) };
  }
  const problem = checkJsonText(text, { maxDepth });
  if (problem) {
    const code = problem.message.startsWith('the JSON is nested deeper') ? 'capture/depth' : 'capture/json';
    return { ok: false, issue: issue(code, `the body is not valid JSON: ${problem.message} (line ${problem.line}, column ${problem.column})`, { line: problem.line, column: problem.column }) };
  }
  try {
    return { ok: true, payload: JSON.parse(text), text };
  } catch (err) {
    // The checker and JSON.parse disagree: still an answer, never a crash.
    return { ok: false, issue: issue('capture/json', `the body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`) };
  }
}
