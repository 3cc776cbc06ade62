/**
 * `--each`: a file holding ONE JSON array whose elements are the samples, streamed.
 *
 * The filter rewrites the text so the inferrer's reader (format `json`, i.e. concatenated values)
 * sees the elements one after another: the top-level `[`, `,` and `]` are replaced by spaces.
 * Every other character stays where it was, so the reader's line and column numbers are still
 * those of the original file, and its sample numbers are the element numbers (1-based).
 *
 * The filter checks the top-level structure itself (the reader would accept `[1 2]` as two values)
 * and reports `cli/each` issues: not an array, missing comma, trailing comma, text after the array,
 * unclosed array. Errors inside an element are left to the reader. After its first error the
 * filter passes no more text.
 */
import { issue, type Issue } from '@fieldkit/core/infer';

type Phase = 'before' | 'inside' | 'after' | 'failed';

/** Streaming rewrite of one top-level JSON array into its concatenated elements. */
export class ArrayElementsFilter {
  private phase: Phase = 'before';
  private depth = 0;
  private inString = false;
  private escape = false;
  private inPrimitive = false;
  /** At depth 1: a value is expected next (after `[` or `,`). */
  private expectValue = false;
  /** At depth 1: nothing since `[` (so `]` closes an empty array). */
  private justOpened = false;
  private line = 1;
  private column = 1;
  /** Elements seen (complete or started). */
  elements = 0;

  constructor(private readonly source?: string) {}

  /** True once a structural error was reported; the caller should stop reading. */
  get failed(): boolean {
    return this.phase === 'failed';
  }

  /** Rewrite one chunk; returns the text for the reader (cut at the first error) and any issues. */
  write(chunk: string): { text: string; issues: Issue[] } {
    if (this.phase === 'failed') return { text: '', issues: [] };
    let out = '';
    let from = 0;
    const blank = (i: number) => {
      out += chunk.slice(from, i) + ' ';
      from = i + 1;
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      const problem = this.step(c, chunk, i, blank);
      if (problem) {
        out += chunk.slice(from, i);
        this.phase = 'failed';
        return { text: out, issues: [problem] };
      }
      if (c === 0x0a) {
        this.line++;
        this.column = 1;
      } else this.column++;
    }
    out += chunk.slice(from);
    return { text: out, issues: [] };
  }

  /** Finish: an unclosed array is an issue; an input with no array at all is left to the empty check. */
  end(): Issue[] {
    if (this.phase === 'inside') return [this.err('unexpected end of input: the top-level array is not closed (missing "]")')];
    return [];
  }

  private err(message: string): Issue {
    return issue('cli/each', message, { line: this.line, column: this.column, ...(this.source !== undefined ? { source: this.source } : {}) });
  }

  private step(c: number, chunk: string, i: number, blank: (i: number) => void): Issue | undefined {
    const ws = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
    if (this.phase === 'before') {
      if (ws || (c === 0xfeff && this.line === 1 && this.column === 1)) return undefined;
      if (c !== 0x5b) return this.err(`with --each the input must be one JSON array of samples, but it starts with ${JSON.stringify(chunk[i])}`);
      blank(i);
      this.phase = 'inside';
      this.depth = 1;
      this.expectValue = true;
      this.justOpened = true;
      return undefined;
    }
    if (this.phase === 'after') {
      if (ws) return undefined;
      return this.err(`unexpected ${JSON.stringify(chunk[i])} after the top-level array (with --each the input must be ONE JSON array)`);
    }
    // inside the array
    if (this.inString) {
      if (this.escape) this.escape = false;
      else if (c === 0x5c) this.escape = true;
      else if (c === 0x22) this.inString = false;
      return undefined;
    }
    if (this.depth > 1) {
      if (c === 0x22) this.inString = true;
      else if (c === 0x5b || c === 0x7b) this.depth++;
      else if (c === 0x5d || c === 0x7d) this.depth--;
      return undefined;
    }
    // depth 1: between or inside top-level elements
    if (ws) {
      this.inPrimitive = false;
      return undefined;
    }
    if (c === 0x2c) {
      this.inPrimitive = false;
      if (this.expectValue) return this.err(this.justOpened ? 'unexpected "," before the first array element' : 'unexpected "," (two commas in a row, or a missing element)');
      blank(i);
      this.expectValue = true;
      return undefined;
    }
    if (c === 0x5d) {
      this.inPrimitive = false;
      if (this.expectValue && !this.justOpened) return this.err('unexpected "]" after ",": trailing commas are not allowed in JSON');
      blank(i);
      this.depth = 0;
      this.phase = 'after';
      return undefined;
    }
    if (this.inPrimitive) return undefined;
    if (!this.expectValue) return this.err(`expected "," or "]" between array elements, found ${JSON.stringify(chunk[i])}`);
    this.expectValue = false;
    this.justOpened = false;
    this.elements++;
    if (c === 0x22) this.inString = true;
    else if (c === 0x5b || c === 0x7b) this.depth++;
    else this.inPrimitive = true;
    return undefined;
  }
}
