/**
 * A one-pass, iterative JSON syntax checker for webhook bodies. `JSON.parse` says what is wrong
 * but often not where ("Unexpected token '}'"), and values nested 100,000 levels deep parse fine
 * but overflow the stack of every recursive consumer afterwards (JSON.stringify, inference,
 * drift). This scanner finds the first error with its line and column and measures the nesting
 * depth without recursion, so the server can reject such a body before anything recurses over it.
 */

/** Where and why a body is not acceptable JSON. Line and column are 1-based, column counts UTF-16 units. */
export interface JsonProblem {
  message: string;
  line: number;
  column: number;
  /** 0-based offset into the decoded text. */
  offset: number;
}

/** Options for {@link checkJsonText}. */
export interface CheckJsonOptions {
  /** Deepest array/object nesting accepted; deeper input is reported as a problem. */
  maxDepth?: number;
}

/** Default options for {@link checkJsonText}. */
export const DEFAULT_CHECK_JSON_OPTIONS: Required<CheckJsonOptions> = { maxDepth: 512 };

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Line and column (1-based) of `offset` in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function describe(text: string, i: number): string {
  if (i >= text.length) return 'the end of the body';
  const ch = text[i];
  return JSON.stringify(ch);
}

/**
 * Check that `text` is exactly one JSON value (surrounding whitespace allowed) nested at most
 * `maxDepth` levels. Returns the first problem, or undefined when `JSON.parse(text)` will succeed.
 */
export function checkJsonText(text: string, opts: CheckJsonOptions = {}): JsonProblem | undefined {
  const maxDepth = opts.maxDepth ?? DEFAULT_CHECK_JSON_OPTIONS.maxDepth;
  const n = text.length;
  let i = 0;
  // Stack of open containers: 0x5b '[' or 0x7b '{'. A state machine instead of recursion.
  const stack: number[] = [];
  const problem = (message: string, at: number): JsonProblem => ({ message, offset: at, ...lineColumnAt(text, at) });
  const skipWs = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };

  // What the scanner expects next.
  type Want = 'value' | 'value-or-close' | 'key-or-close' | 'key' | 'colon' | 'comma-or-close' | 'done';
  let want: Want = 'value';
  for (;;) {
    skipWs();
    if (want === 'done') {
      if (i < n) return problem(`unexpected ${describe(text, i)} after the JSON value`, i);
      return undefined;
    }
    if (i >= n) {
      if (stack.length === 0 && want === 'value') return problem('the body is empty: expected a JSON value', i);
      const inside = stack[stack.length - 1] === 0x7b ? 'an object' : 'an array';
      return problem(`the JSON is truncated: the body ends inside ${inside} (${stack.length} bracket${stack.length === 1 ? '' : 's'} left open)`, i);
    }
    const c = text.charCodeAt(i);
    if (want === 'colon') {
      if (c !== 0x3a) return problem(`expected ":" after an object key, found ${describe(text, i)}`, i);
      i++;
      want = 'value';
      continue;
    }
    if (want === 'comma-or-close') {
      const top = stack[stack.length - 1];
      if (c === 0x2c) {
        i++;
        want = top === 0x7b ? 'key' : 'value';
        continue;
      }
      if ((top === 0x7b && c === 0x7d) || (top === 0x5b && c === 0x5d)) {
        i++;
        stack.pop();
        want = stack.length ? 'comma-or-close' : 'done';
        continue;
      }
      return problem(`expected "," or "${top === 0x7b ? '}' : ']'}", found ${describe(text, i)}`, i);
    }
    if (want === 'key-or-close' || want === 'key') {
      if (want === 'key-or-close' && c === 0x7d) {
        i++;
        stack.pop();
        want = stack.length ? 'comma-or-close' : 'done';
        continue;
      }
      if (c !== 0x22) return problem(`expected a property name in double quotes, found ${describe(text, i)}`, i);
      const err = scanString();
      if (err) return err;
      want = 'colon';
      continue;
    }
    // want is 'value' or 'value-or-close'
    if (want === 'value-or-close' && c === 0x5d) {
      i++;
      stack.pop();
      want = stack.length ? 'comma-or-close' : 'done';
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= maxDepth) return problem(`the JSON is nested deeper than ${maxDepth} levels`, i);
      stack.push(c);
      i++;
      want = c === 0x7b ? 'key-or-close' : 'value-or-close';
      continue;
    }
    if (c === 0x22) {
      const err = scanString();
      if (err) return err;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const err = scanNumber();
      if (err) return err;
    } else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else return problem(`expected a JSON value, found ${describe(text, i)}`, i);
    want = stack.length ? 'comma-or-close' : 'done';
  }

  function scanString(): JsonProblem | undefined {
    const start = i;
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75) {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return problem('invalid \\u escape in a string: expected 4 hex digits', i);
          i += 6;
        } else if ('"\\/bfnrt'.includes(text[i + 1] ?? '') && i + 1 < n) i += 2;
        else return problem(`invalid escape ${describe(text, i + 1)} in a string`, i);
        continue;
      }
      if (c < 0x20) return problem('unescaped control character in a string', i);
      i++;
    }
    return problem('the JSON is truncated: a string is not closed', start);
  }

  function scanNumber(): JsonProblem | undefined {
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = i;
    const r = m.exec(text);
    if (!r || r[0] === '-' || r[0].length === 0) return problem(`invalid number ${describe(text, i)}`, i);
    i += r[0].length;
    return undefined;
  }
}
