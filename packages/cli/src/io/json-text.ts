/**
 * Parsing JSON text already in memory into located values, with errors that name the line,
 * column and sample. The fast path is the native `JSON.parse`; only when it fails (or the text
 * holds several values) does a small strict scanner find value boundaries and the exact place
 * of the first error, because V8's messages do not always carry a position.
 *
 * For large inputs prefer the streaming inferrer reader (see `commands/infer.ts`); these helpers
 * hold the whole text.
 */
import { issue, locateJsonError, type Issue, type Result, ok, fail } from '@fieldkit/core/infer';

/** How the text holds its values: one JSON value / several concatenated, one per line, or guess. */
export type JsonTextFormat = 'json' | 'ndjson' | 'auto';

/** One parsed value and where it started. */
export interface LocatedValue {
  value: unknown;
  /** 1-based line and column of the value's first character. */
  line: number;
  column: number;
  /** 1-based number of the value in the text. */
  sample: number;
}

/** Options for {@link parseJsonValues}. */
export interface ParseJsonOptions {
  /** How values are laid out; default {@link DEFAULT_PARSE_JSON_OPTIONS}.format (`auto`). */
  format?: JsonTextFormat;
  /** Name put on issues (a file name, `stdin`). */
  source?: string;
  /** Stop collecting after this many errors; default 20. */
  maxIssues?: number;
}

/** Defaults of {@link ParseJsonOptions}. */
export const DEFAULT_PARSE_JSON_OPTIONS: Required<Omit<ParseJsonOptions, 'source'>> = { format: 'auto', maxIssues: 20 };

/** A scanning failure: where (offset into the scanned text) and what. */
export interface ScanError {
  offset: number;
  message: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function describe(text: string, i: number): string {
  if (i >= text.length) return 'unexpected end of input';
  const ch = text[i];
  return `unexpected character ${JSON.stringify(ch)}`;
}

/**
 * Scan one strict JSON value starting at `start` (leading whitespace allowed). Returns the
 * offsets of the value, or the first error. Iterative, so deep nesting cannot overflow the stack.
 */
export function scanJsonValue(text: string, start: number): { start: number; end: number } | { error: ScanError } {
  let i = start;
  const n = text.length;
  const skipWs = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  skipWs();
  const valueStart = i;
  // stack of open containers: '{' or '['; `expect` says what may come next
  const stack: string[] = [];
  type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close';
  let expect: Expect = 'value';
  const err = (message: string, at = i) => ({ error: { offset: at, message } });

  for (;;) {
    skipWs();
    if (i >= n) return err(stack.length ? `unexpected end of input: ${stack.length} unclosed ${stack.length === 1 ? 'bracket' : 'brackets'}` : 'unexpected end of input: expected a value');
    const c = text.charCodeAt(i);
    if (expect === 'colon') {
      if (c !== 0x3a) return err(`${describe(text, i)}: expected ":" after the key`);
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'comma-or-close') {
      const top = stack[stack.length - 1];
      if (c === 0x2c) {
        i++;
        expect = top === '{' ? 'key' : 'value';
        continue;
      }
      if ((c === 0x7d && top === '{') || (c === 0x5d && top === '[')) {
        i++;
        stack.pop();
        if (stack.length === 0) return { start: valueStart, end: i };
        expect = 'comma-or-close';
        continue;
      }
      return err(`${describe(text, i)}: expected "," or "${top === '{' ? '}' : ']'}"`);
    }
    if (expect === 'key' || expect === 'key-or-close') {
      if (c === 0x7d && expect === 'key-or-close') {
        i++;
        stack.pop();
        if (stack.length === 0) return { start: valueStart, end: i };
        expect = 'comma-or-close';
        continue;
      }
      if (c !== 0x22) return err(`${describe(text, i)}: expected a property name in double quotes`);
      const s = scanString(text, i);
      if ('error' in s) return s;
      i = s.end;
      expect = 'colon';
      continue;
    }
    // expect value (or close of an empty array)
    if (c === 0x5d && expect === 'value-or-close') {
      i++;
      stack.pop();
      if (stack.length === 0) return { start: valueStart, end: i };
      expect = 'comma-or-close';
      continue;
    }
    if (c === 0x7b) {
      stack.push('{');
      i++;
      expect = 'key-or-close';
      continue;
    }
    if (c === 0x5b) {
      stack.push('[');
      i++;
      expect = 'value-or-close';
      continue;
    }
    let end: number;
    if (c === 0x22) {
      const s = scanString(text, i);
      if ('error' in s) return s;
      end = s.end;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
      m.lastIndex = i;
      const r = m.exec(text);
      if (!r) return err(`invalid number`);
      end = i + r[0].length;
      const next = text.charCodeAt(end);
      if (end < n && (next === 0x2e || next === 0x65 || next === 0x45 || (next >= 0x30 && next <= 0x39))) return err('invalid number', end);
    } else if (text.startsWith('true', i)) end = i + 4;
    else if (text.startsWith('false', i)) end = i + 5;
    else if (text.startsWith('null', i)) end = i + 4;
    else return err(`${describe(text, i)}: expected a JSON value`);
    i = end;
    if (stack.length === 0) return { start: valueStart, end: i };
    expect = 'comma-or-close';
  }
}

function scanString(text: string, start: number): { end: number } | { error: ScanError } {
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return { end: i + 1 };
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { error: { offset: i, message: 'invalid \\u escape in string' } };
        i += 6;
        continue;
      }
      if (e === undefined) break;
      if (!'"\\/bfnrt'.includes(e)) return { error: { offset: i, message: `invalid escape "\\${e}" in string` } };
      i += 2;
      continue;
    }
    if (c < 0x20) return { error: { offset: i, message: c === 0x0a ? 'unterminated string (line break inside a string)' : 'control character inside a string' } };
    i++;
  }
  return { error: { offset: start, message: 'unterminated string' } };
}

/** Maps offsets in a text to 1-based line/column, moving forward incrementally. */
export class LineCounter {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  constructor(private readonly text: string) {}
  /** Line and column of `offset`; offsets must not decrease between calls (they are rescanned if they do). */
  at(offset: number): { line: number; column: number } {
    if (offset < this.pos) {
      this.pos = 0;
      this.line = 1;
      this.lineStart = 0;
    }
    for (let nl = this.text.indexOf('\n', this.pos); nl !== -1 && nl < offset; nl = this.text.indexOf('\n', nl + 1)) {
      this.line++;
      this.lineStart = nl + 1;
    }
    this.pos = offset;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}

function parseIssue(message: string, where: { line: number; column: number }, source: string | undefined, sample?: number): Issue {
  return issue('cli/parse', message, { line: where.line, column: where.column, ...(sample !== undefined ? { sample } : {}), ...(source !== undefined ? { source } : {}) });
}

/**
 * Parse `text` into values with their locations. `json`: one value or several concatenated
 * (whitespace-separated); `ndjson`: one value per non-empty line (the sample number counts
 * non-empty lines); `auto`: one JSON value if the whole text parses, else NDJSON if every
 * non-empty line does, else concatenated JSON. Errors are issues `cli/parse` with line, column
 * and sample (NDJSON). A leading byte-order mark is skipped. An empty text yields no values.
 */
export function parseJsonValues(text: string, opts: ParseJsonOptions = {}): Result<LocatedValue[]> {
  const format = opts.format ?? DEFAULT_PARSE_JSON_OPTIONS.format;
  const maxIssues = opts.maxIssues ?? DEFAULT_PARSE_JSON_OPTIONS.maxIssues;
  const body = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  if (format === 'ndjson') return parseLines(body, opts.source, maxIssues);
  if (format === 'auto') {
    if (body.trim() === '') return ok([]);
    const whole = tryParse(body);
    if (whole.ok) {
      const first = firstNonWs(body);
      const lc = new LineCounter(body).at(first);
      return ok([{ value: whole.value, line: lc.line, column: lc.column, sample: 1 }]);
    }
    const lines = parseLines(body, opts.source, maxIssues);
    if (lines.ok) return lines;
  }
  return parseConcatenated(body, opts.source, maxIssues);
}

function firstNonWs(text: string): number {
  let i = 0;
  while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  return i;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function parseLines(text: string, source: string | undefined, maxIssues: number): Result<LocatedValue[]> {
  const values: LocatedValue[] = [];
  const issues: Issue[] = [];
  let lineNo = 0;
  let sample = 0;
  let start = 0;
  while (start <= text.length && issues.length < maxIssues) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    const line = text.slice(start, end);
    if (line.trim() !== '') {
      sample++;
      const r = tryParse(line);
      if (r.ok) values.push({ value: r.value, line: lineNo, column: firstNonWs(line) + 1, sample });
      else {
        const e = locateError(line, 0);
        issues.push(parseIssue(e.message, { line: lineNo, column: e.offset + 1 }, source, sample));
      }
    }
    if (end === text.length) break;
    start = end + 1;
  }
  return issues.length ? fail(issues) : ok(values);
}

/**
 * The first error in `text` from `start`, worded and placed by the core's locator — the one
 * `fieldkit infer` reports through — so every command says the same thing about the same text.
 * The scanner's own finding stands only if the locator sees none (it always does when the
 * scanner did: both follow JSON.parse exactly).
 */
function locateError(text: string, start: number): ScanError {
  const core = locateJsonError(start === 0 ? text : text.slice(start));
  if (core !== null) return { offset: start + core.pos, message: core.message };
  const s = scanJsonValue(text, start);
  if ('error' in s) return s.error;
  const rest = firstNonWsFrom(text, s.end);
  return { offset: rest, message: rest < text.length ? `${describe(text, rest)} after the end of the JSON value` : 'invalid JSON' };
}

function firstNonWsFrom(text: string, i: number): number {
  while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  return i;
}

function parseConcatenated(text: string, source: string | undefined, maxIssues: number): Result<LocatedValue[]> {
  const values: LocatedValue[] = [];
  const lc = new LineCounter(text);
  let i = firstNonWsFrom(text, 0);
  let sample = 0;
  while (i < text.length) {
    sample++;
    const s = scanJsonValue(text, i);
    if ('error' in s) {
      // Concatenated values have no line to resync on: report the first error only.
      const e = locateError(text, i);
      return fail([parseIssue(e.message, lc.at(e.offset), source, sample)].slice(0, maxIssues));
    }
    const where = lc.at(s.start);
    values.push({ value: JSON.parse(text.slice(s.start, s.end)) as unknown, line: where.line, column: where.column, sample });
    i = firstNonWsFrom(text, s.end);
  }
  return ok(values);
}

/**
 * `JSON.stringify(value, null, indent)` that works at any depth. The native call is tried first;
 * when it overflows the stack (a schema inferred from a 5,000-level payload is deeper still) an
 * iterative writer produces the same text, except that levels deeper than
 * {@link MAX_INDENTED_DEPTH} are written compact (pretty text would grow with depth²). For JSON data (plain objects, arrays, strings,
 * numbers, booleans, null) the output is identical to `JSON.stringify`; `undefined` and
 * functions are skipped in objects and become `null` in arrays, as there. `toJSON` is not called
 * by the iterative writer.
 */
export function stringifyJson(value: unknown, indent: number | string = ''): string {
  try {
    return JSON.stringify(value, null, indent) ?? 'null';
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return stringifyIteratively(value, typeof indent === 'number' ? ' '.repeat(Math.min(10, indent)) : indent.slice(0, 10));
  }
}

/** Levels indented by {@link stringifyIteratively}; deeper levels are written compact. */
export const MAX_INDENTED_DEPTH = 128;

type Frame = { items: [string | undefined, unknown][]; i: number; close: string; depth: number };

function isSkipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** Iterative JSON writer; see {@link stringifyJson}. */
export function stringifyIteratively(value: unknown, indent = ''): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  // Pretty text of a deep value grows with depth² (each line is indented by its depth), so
  // beyond MAX_INDENTED_DEPTH levels the rest is written compact: still the same JSON value.
  const nl = (depth: number) => (indent && depth <= MAX_INDENTED_DEPTH ? '\n' + indent.repeat(depth) : '');
  const colon = indent ? ': ' : ':';
  // Write a value: primitives directly, containers push a frame.
  const open = (v: unknown, depth: number) => {
    if (v === null || typeof v !== 'object') {
      out.push(isSkipped(v) ? 'null' : (JSON.stringify(v) ?? 'null'));
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) out.push('[]');
      else {
        out.push('[');
        stack.push({ items: v.map((x) => [undefined, x]), i: 0, close: ']', depth });
      }
      return;
    }
    const entries: [string, unknown][] = [];
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (!isSkipped(x)) entries.push([k, x]);
    }
    if (entries.length === 0) out.push('{}');
    else {
      out.push('{');
      stack.push({ items: entries, i: 0, close: '}', depth });
    }
  };
  open(value, 0);
  while (stack.length > 0) {
    const f = stack[stack.length - 1];
    if (f.i === f.items.length) {
      out.push(nl(f.depth) + f.close);
      stack.pop();
      continue;
    }
    const [key, v] = f.items[f.i];
    out.push((f.i > 0 ? ',' : '') + nl(f.depth + 1) + (key !== undefined ? JSON.stringify(key) + colon : ''));
    f.i++;
    open(v, f.depth + 1);
  }
  return out.join('');
}
