/**
 * Text input: JSON (one value or several concatenated, whitespace-separated), NDJSON, or auto.
 * JSON.parse is the authority on what is valid (it is the fastest parser there is); when it
 * rejects a value, {@link locateJsonError} — an iterative scanner following the same grammar —
 * finds the line and column to report.
 */
import { issue, type Issue } from '../errors.js';
import type { TextFormat, TextReaderOptions } from './options.js';

/** Streaming text input: chunks may split anywhere (mid-token, mid-line). */
export interface TextReader {
  /** Feed a chunk; returns the parse errors found in it (code `infer/parse`). */
  write(chunk: string): Issue[];
  /** Flush; errors for a truncated last value. The reader accepts no more text. */
  end(): Issue[];
  /** Samples read so far. */
  readonly samples: number;
  /** Current line (1-based) of the input. */
  readonly line: number;
}

/** Where and why a JSON text is invalid (0-based UTF-16 offset). */
export interface JsonErrorLocation {
  pos: number;
  message: string;
}

const isWs = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

function describe(s: string, i: number): string {
  if (i >= s.length) return 'Unexpected end of JSON input';
  const ch = s.codePointAt(i)!;
  const shown = ch < 32 ? `\\u${ch.toString(16).padStart(4, '0')}` : String.fromCodePoint(ch);
  return `Unexpected character ${JSON.stringify(shown).slice(1, -1) === shown ? `'${shown}'` : shown}`;
}

/**
 * The first syntax error of `s` as JSON.parse would see it, or null when `s` is valid JSON.
 * Iterative (explicit container stack), so any nesting depth works.
 */
export function locateJsonError(s: string): JsonErrorLocation | null {
  const n = s.length;
  let i = 0;
  const stack: number[] = []; // 1 = object, 2 = array
  const err = (pos: number, message?: string): JsonErrorLocation => ({ pos, message: message ?? describe(s, pos) });
  const ws = () => {
    while (i < n && isWs(s.charCodeAt(i))) i++;
  };
  // Returns an error or null; advances i past the string.
  const str = (): JsonErrorLocation | null => {
    i++; // opening quote
    for (;;) {
      if (i >= n) return err(i, 'Unterminated string in JSON');
      const c = s.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c < 32) return err(i, 'Bad control character in string literal');
      if (c === 92) {
        const e = s.charCodeAt(i + 1);
        if (e === 117) {
          for (let k = 2; k < 6; k++) {
            const h = s.charCodeAt(i + k);
            if (!((h >= 48 && h <= 57) || (h >= 97 && h <= 102) || (h >= 65 && h <= 70))) return err(Math.min(i + k, n), i + k >= n ? 'Unterminated string in JSON' : 'Bad Unicode escape in JSON');
          }
          i += 6;
        } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) i += 2;
        else return err(Math.min(i + 1, n), i + 1 >= n ? 'Unterminated string in JSON' : 'Bad escaped character in JSON');
      } else i++;
    }
  };
  const digits = (): number => {
    const start = i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
    }
    return i - start;
  };
  const num = (): JsonErrorLocation | null => {
    if (s.charCodeAt(i) === 45) i++;
    const c = s.charCodeAt(i);
    if (c === 48) i++;
    else if (c >= 49 && c <= 57) digits();
    else return err(i, i >= n ? 'No number after minus sign in JSON' : 'No number after minus sign in JSON');
    if (s.charCodeAt(i) === 46) {
      i++;
      if (digits() === 0) return err(i, i >= n ? 'Unterminated fractional number in JSON' : 'Unterminated fractional number in JSON');
    }
    const e = s.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sg = s.charCodeAt(i);
      if (sg === 43 || sg === 45) i++;
      if (digits() === 0) return err(i, 'Exponent part is missing a number in JSON');
    }
    return null;
  };
  const lit = (word: string): JsonErrorLocation | null => {
    for (let k = 0; k < word.length; k++) {
      if (s.charCodeAt(i + k) !== word.charCodeAt(k)) {
        // Name the whole misspelt word where it starts (`nope`, `tru`, `False`), not one letter.
        let end = i;
        while (end < n && end - i < 20 && /[A-Za-z0-9_$]/.test(s[end]!)) end++;
        return err(i, end > i ? `Unexpected '${s.slice(i, end)}' in JSON: expected ${word}` : describe(s, i + k));
      }
    }
    i += word.length;
    return null;
  };
  // Parse a value (containers push onto the stack and return to the loop).
  for (;;) {
    ws();
    if (i >= n) return err(i, 'Unexpected end of JSON input');
    const c = s.charCodeAt(i);
    let e: JsonErrorLocation | null = null;
    let opened = false;
    if (c === 123) {
      i++;
      ws();
      if (s.charCodeAt(i) === 125) i++;
      else {
        if (s.charCodeAt(i) !== 34) return err(i, i >= n ? 'Unexpected end of JSON input' : "Expected property name or '}' in JSON");
        e = str();
        if (e) return e;
        ws();
        if (s.charCodeAt(i) !== 58) return err(i, i >= n ? 'Unexpected end of JSON input' : "Expected ':' after property name in JSON");
        i++;
        stack.push(1);
        opened = true;
      }
    } else if (c === 91) {
      i++;
      ws();
      if (s.charCodeAt(i) === 93) i++;
      else {
        stack.push(2);
        opened = true;
      }
    } else if (c === 34) e = str();
    else if (c === 45 || (c >= 48 && c <= 57)) e = num();
    else if (c === 116) e = lit('true');
    else if (c === 102) e = lit('false');
    else if (c === 110) e = lit('null');
    else return err(i, `${describe(s, i)} in JSON: expected a value`);
    if (e) return e;
    if (opened) continue;
    // After a value: close containers or move to the next element.
    for (;;) {
      ws();
      if (stack.length === 0) return i < n ? err(i, 'Unexpected non-whitespace character after JSON') : null;
      if (i >= n) return err(i, 'Unexpected end of JSON input');
      const top = stack[stack.length - 1]!;
      const d = s.charCodeAt(i);
      if (d === 44) {
        i++;
        if (top === 1) {
          ws();
          if (s.charCodeAt(i) !== 34) return err(i, i >= n ? 'Unexpected end of JSON input' : 'Expected double-quoted property name in JSON');
          const ke = str();
          if (ke) return ke;
          ws();
          if (s.charCodeAt(i) !== 58) return err(i, i >= n ? 'Unexpected end of JSON input' : "Expected ':' after property name in JSON");
          i++;
        }
        break;
      }
      if ((top === 1 && d === 125) || (top === 2 && d === 93)) {
        stack.pop();
        i++;
        continue;
      }
      return err(i, top === 1 ? "Expected ',' or '}' after property value in JSON" : "Expected ',' or ']' after array element in JSON");
    }
  }
}

/** Line (1-based) and column (1-based, UTF-16 units) of `pos` in `s`, given where `s` starts. */
function lineCol(s: string, pos: number, line0: number, col0: number): { line: number; column: number } {
  let line = line0;
  let lastNl = -1;
  for (let i = s.indexOf('\n'); i >= 0 && i < pos; i = s.indexOf('\n', i + 1)) {
    line++;
    lastNl = i;
  }
  return { line, column: lastNl < 0 ? col0 + pos : pos - lastNl };
}

type Sink = (value: unknown) => void;

class Reader implements TextReader {
  private mode: TextFormat;
  private readonly sink: Sink;
  private readonly source: string | undefined;
  private readonly sampleOffset: number;
  private started = false;
  private ended = false;
  /** NDJSON: the unfinished line. JSON: parts of the unfinished value. Auto: text before the first newline. */
  private carry = '';
  private parts: string[] = [];
  private count = 0;
  /** Values attempted (samples + failed ones), for issue sample numbers. */
  private ordinal = 0;
  /** Current line (1-based) and column (1-based) of the next character. */
  private ln: number;
  private col = 1;
  // JSON-mode scanner state.
  private depth = 0;
  private inStr = false;
  private esc = false;
  private inScalar = false;
  private inValue = false;
  private valueLine = 0;
  private valueCol = 0;
  private failed = false;
  /** Line where `auto` switched from NDJSON to concatenated JSON (0 = did not). */
  private autoSwitchLine = 0;

  constructor(sink: Sink, opts: TextReaderOptions) {
    this.sink = sink;
    this.mode = opts.format ?? 'auto';
    this.source = opts.source;
    this.sampleOffset = opts.sampleOffset ?? 0;
    this.ln = 1 + (opts.lineOffset ?? 0);
  }

  get samples(): number {
    return this.count;
  }

  get line(): number {
    return this.ln;
  }

  private parseError(text: string, line: number, col: number, fallback: unknown): Issue {
    const loc = locateJsonError(text);
    const where = loc === null ? { line, column: col } : lineCol(text, loc.pos, line, col);
    let why = loc?.message ?? (fallback instanceof Error ? fallback.message : String(fallback));
    // The note only helps when earlier lines were whole values (so NDJSON was plausible); a single
    // broken document read from line 1 gets no talk of formats.
    if (this.autoSwitchLine > 1)
      why += ` (read as concatenated JSON from line ${this.autoSwitchLine}, the first line that is not a whole JSON value; use format "ndjson" for one value per line)`;
    const extra: Partial<Issue> = { line: where.line, column: where.column, sample: this.sampleOffset + this.ordinal };
    if (this.source !== undefined) extra.source = this.source;
    return issue('infer/parse', why, extra);
  }

  private emit(text: string, line: number, col: number, issues: Issue[]): void {
    this.ordinal++;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      issues.push(this.parseError(text, line, col, e));
      return;
    }
    this.count++;
    this.sink(v);
  }

  write(chunk: string): Issue[] {
    if (this.ended) throw new Error('fieldkit: TextReader.write after end()');
    const issues: Issue[] = [];
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1); // a BOM starts many files; it is not data
    }
    if (this.mode === 'json') this.writeJson(chunk, issues);
    else this.writeLines(chunk, issues, false);
    return issues;
  }

  end(): Issue[] {
    if (this.ended) return [];
    const issues: Issue[] = [];
    if (this.mode !== 'json') this.writeLines('', issues, true);
    this.ended = true;
    if (this.mode === 'json' && !this.failed) {
      if (this.inScalar) this.finishValue(issues);
      else if (this.inValue) {
        const text = this.parts.join('');
        this.parts = [];
        this.inValue = false;
        this.emit(text, this.valueLine, this.valueCol, issues);
      }
    }
    return issues;
  }

  /**
   * NDJSON (and `auto`, which starts as NDJSON): one value per line. In `auto`, the first line
   * that is not a whole value switches to concatenated-JSON scanning from that line on; since
   * every earlier line was exactly one value, that is the same as scanning everything as JSON.
   */
  private writeLines(chunk: string, issues: Issue[], final: boolean): void {
    let text = this.carry.length > 0 ? this.carry + chunk : chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      if (!this.line1(text, start, nl, issues)) {
        this.carry = '';
        this.switchToJson(text.slice(start), issues);
        return;
      }
      this.ln++;
      start = nl + 1;
    }
    text = start === 0 ? text : text.slice(start);
    if (final) {
      this.carry = '';
      if (text.length > 0 && !this.line1(text, 0, text.length, issues)) this.switchToJson(text, issues);
    } else this.carry = text;
  }

  private switchToJson(rest: string, issues: Issue[]): void {
    this.autoSwitchLine = this.ln;
    this.mode = 'json';
    this.col = 1;
    this.writeJson(rest, issues);
  }

  /** One line; false (nothing consumed) when `auto` should switch to JSON scanning. */
  private line1(text: string, start: number, end: number, issues: Issue[]): boolean {
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const lineStart = start;
    // Skip blank lines cheaply (NDJSON readers commonly allow them).
    let i = start;
    while (i < end && isWs(text.charCodeAt(i))) i++;
    if (i === end) return true;
    if (text.charCodeAt(i) === 0xfeff) {
      // A byte-order mark where files were concatenated (`cat a.json b.json`): not data.
      start = i + 1;
      while (start < end && isWs(text.charCodeAt(start))) start++;
      if (start === end) return true;
    }
    const line = start === 0 && end === text.length ? text : text.slice(start, end);
    if (this.mode === 'auto') {
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        return false;
      }
      this.ordinal++;
      this.count++;
      this.sink(v);
      return true;
    }
    this.emit(line, this.ln, start - lineStart + 1, issues);
    return true;
  }

  private finishValue(issues: Issue[]): void {
    const text = this.parts.join('');
    this.parts = [];
    this.inValue = false;
    this.inScalar = false;
    const before = issues.length;
    this.emit(text, this.valueLine, this.valueCol, issues);
    if (issues.length > before) this.failed = true; // can't resynchronise reliably after broken JSON: report once, stop
  }

  /** Concatenated JSON: find value boundaries with a small state machine, parse each value. */
  private writeJson(chunk: string, issues: Issue[]): void {
    if (this.failed) return;
    const n = chunk.length;
    let from = this.inValue ? 0 : -1; // start of the unfinished value within this chunk
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inStr) {
        if (this.esc) this.esc = false;
        else if (c === 92) this.esc = true;
        else if (c === 34) {
          this.inStr = false;
          if (this.depth === 0) {
            this.parts.push(chunk.slice(from, i + 1));
            this.advance(chunk, from, i + 1);
            this.finishValue(issues);
            if (this.failed) return;
            from = -1;
          }
        }
        continue;
      }
      if (this.inScalar) {
        if (isWs(c) || c === 123 || c === 91 || c === 34 || c === 125 || c === 93 || c === 44 || c === 58) {
          this.parts.push(chunk.slice(from, i));
          this.advance(chunk, from, i);
          this.finishValue(issues);
          if (this.failed) return;
          from = -1;
          i--; // look at this character again as the start of something new
        }
        continue;
      }
      if (!this.inValue) {
        if (isWs(c) || c === 0xfeff) {
          if (c === 10) {
            this.ln++;
            this.col = 1;
          } else this.col++;
          continue;
        }
        this.inValue = true;
        this.valueLine = this.ln;
        this.valueCol = this.col;
        from = i;
        if (c === 123 || c === 91) this.depth = 1;
        else if (c === 34) this.inStr = true;
        else if (c === 125 || c === 93) {
          // A stray closer: let JSON.parse report it.
          this.parts.push(chunk.slice(from, i + 1));
          this.advance(chunk, from, i + 1);
          this.finishValue(issues);
          return;
        } else this.inScalar = true;
        continue;
      }
      if (c === 34) this.inStr = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 || c === 93) {
        if (--this.depth === 0) {
          this.parts.push(chunk.slice(from, i + 1));
          this.advance(chunk, from, i + 1);
          this.finishValue(issues);
          if (this.failed) return;
          from = -1;
        }
      }
    }
    if (this.inValue && from >= 0) {
      this.parts.push(chunk.slice(from));
      this.advance(chunk, from, n);
    }
  }

  /** Move line/column over chunk[from, to). */
  private advance(chunk: string, from: number, to: number): void {
    const nl = to > from ? chunk.lastIndexOf('\n', to - 1) : -1;
    if (nl < from) this.col += to - from;
    else {
      let lines = 0;
      for (let i = chunk.indexOf('\n', from); i >= 0 && i < to; i = chunk.indexOf('\n', i + 1)) lines++;
      this.ln += lines;
      this.col = to - nl;
    }
  }
}

/** A reader that hands each parsed value to `sink`. */
export function createTextReader(sink: Sink, opts: TextReaderOptions = {}): TextReader {
  return new Reader(sink, opts);
}
