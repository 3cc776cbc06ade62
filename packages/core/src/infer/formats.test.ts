/**
 * formats.ts invariant: a checker accepts a value only if ajv-formats (full mode) accepts it,
 * so an inferred `format` never makes a sample invalid. Differential tests on strings built
 * from each format's own alphabet, plus known cases.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOM_FORMATS, STANDARD_FORMAT_CHECKS, isDateTime, isSpaceDateTime, isUri } from '../formats.js';
import { ALL_STRING_FORMATS, STRING_FORMAT_NAMES, stringFormats } from './node.js';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const RUNS = env.CI ? 5000 : 500;

type Checker = (s: string) => boolean;
function ajvCheck(name: string): Checker {
  const f = (fullFormats as Record<string, unknown>)[name];
  if (f instanceof RegExp) return (s) => f.test(s);
  if (typeof f === 'function') return f as Checker;
  return (f as { validate: Checker | RegExp }).validate instanceof RegExp
    ? (s) => ((f as { validate: RegExp }).validate).test(s)
    : (f as { validate: Checker }).validate;
}

const pieces = fc.constantFrom(
  '2024', '05', '01', '-', ':', 'T', 't', ' ', 'Z', 'z', '+', '00', '12', '23', '24', '59', '60', '.', '123', '02-29', '02-30', '2023',
  'https', 'http', '://', '/', '?', '#', '%20', '%zz', '@', 'a', 'é', 'x.io', '[', ']', 'mailto:', 'UTC', 'gmt', '::', 'ff', '1', '255', '256',
  '123e4567', 'e89b', 'abc', '{', '|', '"', '\\', 'b.co',
);
const formatLike = fc.array(pieces, { maxLength: 12 }).map((xs) => xs.join(''));
const seeds = fc.constantFrom(
  '2024-05-01T12:00:00Z', '2024-05-01T12:00:00.123+02:00', '2024-05-01T23:59:60Z', '2024-05-01 12:00:00 +00:00', '2024-05-01T12:00:00',
  '2024-05-01', '12:00:00Z', 'a@b.co', 'https://x.io/a?b=1#c', 'mailto:a@b.co', '123e4567-e89b-12d3-a456-426614174000', '10.0.0.1', '::1',
);
const mutated = fc.tuple(seeds, fc.integer({ min: 0, max: 40 }), pieces).map(([s, at, p]) => s.slice(0, at % (s.length + 1)) + p + s.slice((at % (s.length + 1)) + 1));
const candidates = fc.oneof(formatLike, mutated, seeds, fc.string({ maxLength: 30 }));

describe('format checkers never accept what ajv-formats rejects', () => {
  for (const [name, check] of Object.entries(STANDARD_FORMAT_CHECKS)) {
    it(name, () => {
      const ajv = ajvCheck(name);
      fc.assert(
        fc.property(candidates, (s) => {
          if (check(s)) expect(ajv(s)).toBe(true);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('stringFormats agrees with the checkers bit by bit', () => {
    const byName: Record<string, Checker> = { ...STANDARD_FORMAT_CHECKS, 'date-time-space': (s) => CUSTOM_FORMATS['date-time-space'].validate(s) };
    fc.assert(
      fc.property(candidates, (s) => {
        const mask = stringFormats(s, ALL_STRING_FORMATS);
        for (const [bit, name] of STRING_FORMAT_NAMES) expect([name, (mask & bit) !== 0]).toEqual([name, byName[name]!(s)]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('known values', () => {
  it('date-time', () => {
    expect(isDateTime('2024-05-01T12:00:00Z')).toBe(true);
    expect(isDateTime('2024-05-01t12:00:00.5-03:30')).toBe(true);
    expect(isDateTime('2024-02-30T12:00:00Z')).toBe(false);
    expect(isDateTime('2024-05-01 12:00:00Z')).toBe(false);
    expect(isDateTime('2024-05-01T12:00:00')).toBe(false);
  });

  it('date-time-space (Iterable)', () => {
    for (const s of ['2024-05-01 12:00:00 +00:00', '2024-05-01 12:00:00', '2024-05-01 12:00:00 UTC', '2024-05-01 12:00:00.25Z']) expect(isSpaceDateTime(s)).toBe(true);
    for (const s of ['2024-05-01T12:00:00Z', '2024-05-01 12:00', '2024-05-01 12:00:00 PST', '2024-13-01 12:00:00']) expect(isSpaceDateTime(s)).toBe(false);
  });

  it('uri', () => {
    for (const s of ['https://api.github.com/repos/o/r', 'http://localhost:3000/a?b=1&c=%20#x', 'mailto:a@b.co', 'urn:isbn:0451450523']) expect(isUri(s)).toBe(true);
    for (const s of ['https://x.io/%zz', 'https://x.io/café', 'https://x.io/a b', 'x.io/a', 'https://', 'https://github.com/{owner}']) expect(isUri(s)).toBe(false);
    // ports, case-insensitive schemes, query and fragment characters; userinfo and bad ports refused (stricter than ajv)
    for (const s of ['HTTP://A.IO:8080/x', 'http://a.io:/x', 'URN:a:b/c', 'tel:+1-555', 'http://a.io/a:b@c?d=/?#f/?', 'http://a.io?x', 'ftp://x/%2F']) expect(isUri(s)).toBe(true);
    for (const s of ['http://user@a.io/', 'http://a.io:80a/', 'urn:/x', 'http:a.io', 'http://a.io/#a#b', 'h://' + 'a'.repeat(2045)]) expect(isUri(s)).toBe(false);
  });

  it('epoch formats are integers in 2000..2100', () => {
    expect(CUSTOM_FORMATS['unix-time'].validate(1714564800)).toBe(true);
    expect(CUSTOM_FORMATS['unix-time'].validate(1714564800.5)).toBe(false);
    expect(CUSTOM_FORMATS['unix-time-ms'].validate(1714564800000)).toBe(true);
    expect(CUSTOM_FORMATS['unix-time-ms'].validate(1714564800)).toBe(false);
  });
});
