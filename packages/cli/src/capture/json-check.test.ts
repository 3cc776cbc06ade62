import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJsonText } from './json-check.js';
import { decodeAndParse } from './parse-body.js';

const parses = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

describe('checkJsonText', () => {
  it('accepts exactly what JSON.parse accepts (depth permitting)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => checkJsonText(text, { maxDepth: 10_000 }) === undefined),
      { numRuns: 300 },
    );
    // Arbitrary strings built from JSON's own alphabet hit the error paths.
    const alphabet = fc.constantFrom(...'{}[]:,"\\ -+.0123456789eEtruefalsn\n\tabu'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }).map((a) => a.join('')), (text) => (checkJsonText(text, { maxDepth: 10_000 }) === undefined) === parses(text)),
      { numRuns: 3000 },
    );
  });

  it('says where: line and column of the first error', () => {
    expect(checkJsonText('{"a": 1,\n  "b": }')).toMatchObject({ line: 2, column: 8 });
    expect(checkJsonText('')).toMatchObject({ line: 1, column: 1, message: expect.stringMatching(/empty/) });
    expect(checkJsonText('{"a": "x')).toMatchObject({ message: expect.stringMatching(/string is not closed/) });
    expect(checkJsonText('[1] [2]')).toMatchObject({ column: 5, message: expect.stringMatching(/after the JSON value/) });
  });

  it('bounds nesting without recursion', () => {
    expect(checkJsonText('['.repeat(1_000_000) + ']'.repeat(1_000_000), { maxDepth: 100 })).toMatchObject({ column: 101 });
    expect(checkJsonText('['.repeat(100) + ']'.repeat(100), { maxDepth: 100 })).toBeUndefined();
  });
});

describe('decodeAndParse', () => {
  it('rejects overlong and surrogate UTF-8 encodings and names the byte', () => {
    const overlong = decodeAndParse(Buffer.from([0x22, 0xc0, 0xaf, 0x22]));
    expect(overlong).toMatchObject({ ok: false, issue: { code: 'capture/utf8', params: { byteOffset: 1 } } });
    const surrogate = decodeAndParse(Buffer.from([0x22, 0x61, 0xed, 0xa0, 0x80, 0x22]));
    expect(surrogate).toMatchObject({ ok: false, issue: { code: 'capture/utf8', params: { byteOffset: 2 } } });
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(decodeAndParse(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toMatchObject({ ok: true, payload: {} });
  });
});
