import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatIssue, formatPath, fromJsonPointer, issue, toJsonPointer } from './errors.js';

describe('formatIssue', () => {
  // Bug: near-miss messages already say `did you mean "firstName"?` and the CLI printed it twice.
  it('does not repeat a suggestion the message already names', () => {
    const line = formatIssue(issue('keys/near-miss', 'Key "first_name" is not a field; did you mean "firstName"?', { suggestion: 'firstName', path: ['first_name'] }));
    expect(line.match(/firstName/g)).toHaveLength(1);
  });
  it('adds the suggestion when the message lacks it, with location first', () => {
    const line = formatIssue(issue('keys/near-miss', 'unknown key', { suggestion: 'email', source: 'a.json', line: 3, column: 7, path: ['Email'] }));
    expect(line).toBe('a.json:3:7: error: unknown key at $.Email (did you mean "email"?)');
  });
});

describe('paths', () => {
  it('quotes keys that are not identifiers so hostile keys stay visible text', () => {
    expect(formatPath(['data', 0, '__proto__', 'first name', '<b>'])).toBe('$.data[0].__proto__["first name"]["<b>"]');
  });
  it('JSON Pointer round-trips any string segments', () => {
    fc.assert(fc.property(fc.array(fc.string()), (segs) => {
      expect(fromJsonPointer(toJsonPointer(segs))).toEqual(segs);
    }));
  });
});

// Regression (qa): `fieldkit fields --check` printed the path of a field named "plan" + U+200B as `$["plan"]`:
// JSON.stringify leaves zero-width and format characters as they are, so the path hid the very problem it pointed at.
describe('formatPath shows invisible characters', () => {
  it('escapes_zero_width_and_format_characters_in_path_keys', () => {
    expect(formatPath(['plan\u200b'])).toBe('$["plan\\u200B"]');
    expect(formatPath(['\ufeffid', 'a\u00a0b', 'first name'])).toBe('$["\\uFEFFid"]["a\\u00A0b"]["first name"]');
  });
});

