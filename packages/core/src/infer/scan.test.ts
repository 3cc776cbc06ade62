/**
 * The text fast path (scan.ts) must agree with the exact path (JSON.parse per value through a
 * TextReader): same schema for valid text, and it must give up (so the exact path reports the
 * error) on everything JSON.parse rejects.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInferrer, SCAN_MIN_LENGTH, scanLinesInto, scanValuesInto, tryInferSchemaFromText, type TextFormat } from './index.js';
import { canonical } from './canonical.test-util.js';
import { inferFromTextFast } from './inferrer.js';
import { prime } from './scan.js';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const RUNS = env.CI ? 1000 : 150;


function exact(text: string, format: TextFormat, stats = false) {
  const inf = createInferrer({ stats });
  const r = inf.createTextReader({ format });
  const issues = [...r.write(text), ...r.end()];
  return { issues, schema: inf.toSchema() };
}

const keyArb = fc.oneof(fc.constantFrom('id', 'type', 'eventName', 'createdAt', 'a', '__proto__', 'constructor', '0', '12', 'x"y', 'b\\c', 'é', 'tab\t'), fc.string({ maxLength: 4 }));
const leaf = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('2024-05-01T12:00:00Z', 'a@b.co', 'https://x.io/', 'q"uote', 'back\\slash', 'nl\nx', '\u2028', '\ud800'),
  fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1714564800, 1e21, 1e-7, -0, 1.5),
  fc.boolean(), fc.constant(null),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, leaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(keyArb, tie('value'), { maxKeys: 5 })),
}));
const ev = fc.record({ eventName: fc.constantFrom('open', 'click'), v: value });
const samples = fc.array(fc.oneof(value, ev, ev), { minLength: 0, maxLength: 8 });

/** Numbers written in the many ways JSON allows for the same value. */
function writeNumbers(text: string, style: number): string {
  if (style === 0) return text;
  return text.replace(/(?<=[:,[\s])(-?\d+)(?=[,\]}\s])/g, (m) => (style === 1 ? `${m}.0` : `${m}e0`));
}

describe('text fast path', () => {
  it('gives the exact path\'s schema for valid text (NDJSON, concatenated, pretty, odd numbers)', () => {
    fc.assert(
      fc.property(samples, fc.constantFrom(0, 1, 2), fc.constantFrom(undefined, 1, '\t'), fc.boolean(), (xs, numStyle, indent, stats) => {
        const ndjson = xs.map((x) => writeNumbers(JSON.stringify(x), numStyle)).join('\n') + (xs.length ? '\r\n\n' : '');
        const concat = xs.map((x) => writeNumbers(JSON.stringify(x, null, indent), numStyle)).join(indent ? '\n' : ' ');
        for (const [text, format] of [[ndjson, 'ndjson'], [ndjson, 'auto'], [concat, 'json'], [concat, 'auto']] as const) {
          const want = exact(text, format, stats);
          expect(want.issues).toEqual([]);
          const fast = inferFromTextFast(text, format === 'ndjson', { stats });
          expect(fast).not.toBeNull();
          expect(canonical(fast!.toSchema())).toBe(canonical(want.schema));
          expect(fast!.count).toBe(xs.length);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives up exactly when the exact path finds an error', () => {
    const mutated = fc
      .tuple(samples, fc.integer({ min: 0, max: 400 }), fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', 'x', ' ', '\n', '\u0001', 'tru', '-', '.', 'e', '0', '"a":1,'), fc.boolean())
      .map(([xs, at, ins, nd]) => {
        const t = nd ? xs.map((x) => JSON.stringify(x)).join('\n') : xs.map((x) => JSON.stringify(x, null, 1)).join(' ');
        const p = at % (t.length + 1);
        return { text: t.slice(0, p) + ins + t.slice(p + (ins === '' ? 1 : 0)), nd };
      });
    fc.assert(
      fc.property(mutated, ({ text, nd }) => {
        const format = nd ? 'ndjson' : 'json';
        const want = exact(text, format);
        const fast = inferFromTextFast(text, nd, {});
        if (want.issues.length > 0) expect(fast).toBeNull();
        else if (fast !== null) expect(canonical(fast.toSchema())).toBe(canonical(want.schema));
        const r = tryInferSchemaFromText(text, { format });
        expect(r.ok).toBe(want.issues.length === 0);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('hands duplicate keys to the exact path (JSON.parse keeps the last value)', () => {
    const text = '{"a":1,"a":"x"}\n{"a":2}';
    expect(inferFromTextFast(text, true, {})).toBeNull();
    const r = tryInferSchemaFromText(text, { format: 'ndjson' });
    expect(r.ok && (r.value.properties as Record<string, { type: unknown }>).a!.type).toEqual(['integer', 'string']);
  });

  it('finds duplicate keys in first objects, after key-cache misses and through escapes', () => {
    // First object at a path (keys added without look-ups), a later object whose second key
    // misses the cache and repeats its first, and an escaped spelling of an earlier key.
    for (const text of ['{"a":1,"b":2,"a":3}', '{"a":1,"b":2}\n{"a":1,"a":2}', '{"a":1,"b":2}\n{"b":1,"a":2,"b":3}', '{"ab":1,"\\u0061b":2}', '{"o":{"x":1,"y":2,"x":3}}']) {
      expect(inferFromTextFast(text, true, {}), text).toBeNull();
    }
    expect(inferFromTextFast('{"a":1,"b":2}\n{"b":1,"a":2}\n{"c":1,"a":2,"b":3}', true, {})).not.toBeNull();
  });

  it('rejects a value spanning lines in NDJSON but not in JSON', () => {
    expect(tryInferSchemaFromText('{"a":\n1}', { format: 'ndjson' }).ok).toBe(false);
    expect(tryInferSchemaFromText('{"a":\n1}', { format: 'json' }).ok).toBe(true);
    expect(tryInferSchemaFromText('1true', { format: 'json' }).ok).toBe(false);
    expect(tryInferSchemaFromText('"a""b" 1 {}[]', { format: 'json' }).ok).toBe(true);
  });
});

describe('scanner priming', () => {
  it('runs its priming texts through every branch without giving up early', () => {
    expect(prime()).toBe(true);
  });
});

describe('text fast path: key cache and event-type keys', () => {
  // Raw key texts (as written between the quotes): prefixes of each other, equal lengths,
  // escapes (one spells eventName), two-byte characters, tracked event-type keys.
  const rawKeys = ['a', 'ab', 'b', 'ba', 'id', 'eventName', 'event\\u004eame', 'type', 'action', 'x\\"y', 'é', '€uro', 'k\\\\'];
  // Numbers: short and long integers (16+ digits round; 400 digits are Infinity, counted as null), floats.
  const scalar = fc.constantFrom('1', '-2.5', '7e2', '123456789012345', '1234567890123456789', '1' + '0'.repeat(400), '"open"', '"click"', '"a\\"b"', 'true', 'null', '"2024-05-01T12:00:00Z"', '"€"');
  const obj = fc.array(fc.tuple(fc.integer({ min: 0, max: rawKeys.length - 1 }), scalar, fc.boolean()), { maxLength: 7 });
  const decoded = (raw: string) => JSON.parse(`"${raw}"`) as string;

  it('matches the exact path for objects whose keys vary in order, spacing and escapes (duplicates give up)', () => {
    fc.assert(
      fc.property(fc.array(obj, { minLength: 1, maxLength: 25 }), fc.constantFrom('', ' '), fc.boolean(), (objs, pad, nest) => {
        let dup = false;
        const lines = objs.map((entries) => {
          const seen = new Set<string>();
          const parts = entries.map(([k, v, sp]) => {
            const key = decoded(rawKeys[k]!);
            if (seen.has(key)) dup = true;
            seen.add(key);
            const inner = nest && k % 3 === 0 ? `{"${rawKeys[k]}":${v},"z":${v}}` : v;
            return `"${rawKeys[k]}"${sp ? pad : ''}:${pad}${inner}`;
          });
          return `{${parts.join(',' + pad)}}`;
        });
        for (const [text, format] of [[lines.join('\n'), 'ndjson'], [lines.join(' '), 'json'], [`[${lines.join(',')}]`, 'json']] as const) {
          const want = exact(text, format);
          expect(want.issues).toEqual([]);
          const fast = inferFromTextFast(text, format === 'ndjson', {});
          if (dup) expect(fast).toBeNull();
          else {
            expect(fast).not.toBeNull();
            expect(canonical(fast!.toSchema())).toBe(canonical(want.schema));
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('counts numbers like JSON.parse reads them: long integers round, 400 digits are Infinity (null)', () => {
    const big = '1' + '0'.repeat(400);
    const values = ['1', '0', '-0', '7', '123456789012345', '1234567890123456', '12345678901234567890', big, `-${big}`, '1.5', '2e3', '1714564800', '1714564800000'];
    for (const first of values) {
      for (const second of values) {
        const text = `{"a":${first},"b":[${second}]}\n{"a":${second},"b":[${first},${second}]}`;
        for (const stats of [false, true]) {
          const fast = inferFromTextFast(text, true, { stats });
          expect(fast).not.toBeNull();
          expect(canonical(fast!.toSchema())).toBe(canonical(exact(text, 'ndjson', stats).schema));
        }
      }
    }
  });

  it('partitions like the exact path under discriminator options and hints (named, escaped, off)', () => {
    const kinds = ['a', 'b', 'c\\"q', 'd'];
    const lines: string[] = [];
    for (let k = 0; k < 60; k++) {
      const kind = kinds[k % kinds.length]!;
      const body = k % 4 === 3 ? `"n":${k},"m":[${k}]` : k % 2 ? `"x":"${k}","y":null` : `"x":${k},"z":{"k":true}`;
      lines.push(k % 5 === 0 ? `{${body},"k\\u0069nd":"${kind}"}` : `{"kind":"${kind}",${body}}`);
    }
    const text = lines.join('\n');
    const optionSets = [{}, { discriminator: 'kind' }, { discriminator: false as const }, { hints: { kind: 'discriminator' as const } }, { discriminator: 'x' }];
    for (const opts of optionSets) {
      const fast = inferFromTextFast(text, true, opts);
      expect(fast).not.toBeNull();
      const inf = createInferrer(opts);
      const r = inf.createTextReader({ format: 'ndjson' });
      expect([...r.write(text), ...r.end()]).toEqual([]);
      expect(canonical(fast!.toSchema())).toBe(canonical(inf.toSchema()));
      expect(fast!.state.partitions.length).toBe(inf.state.partitions.length);
    }
  });

  it('groups the first object by its event-type values as the exact path does (they are read back from its own tree)', () => {
    // The scanner gives the first object a root of its own and its group afterwards (no second
    // pass over it): a long, escaped, empty, non-string or missing value must group it the same.
    const tag = fc.oneof(fc.constantFrom('open', 'a'.repeat(45), 'q\\"x', 'é', 'Order Completed', '', ' x'), fc.integer(), fc.constant(null), fc.constant([]));
    const first = fc.record({ eventName: tag, type: tag, action: tag, nested: fc.record({ eventName: fc.constant('inner') }) }, { requiredKeys: [] });
    const groups = (st: ReturnType<typeof createInferrer>['state']) =>
      canonical({ keys: st.keys, dropped: st.dropped, values: st.values, tags: st.partitions.map((p) => JSON.stringify(p.tag)).sort() });
    fc.assert(
      fc.property(first, samples, fc.constantFrom(undefined, 'type'), (f, rest, discriminator) => {
        const opts = discriminator === undefined ? {} : { discriminator };
        for (const [text, nd] of [[[f, ...rest].map((x) => JSON.stringify(x)).join('\n'), true], [JSON.stringify(f, null, 1), false]] as const) {
          const fast = inferFromTextFast(text, nd, opts);
          expect(fast).not.toBeNull();
          const inf = createInferrer(opts);
          const r = inf.createTextReader({ format: nd ? 'ndjson' : 'json' });
          expect([...r.write(text), ...r.end()]).toEqual([]);
          expect(groups(fast!.state)).toBe(groups(inf.state));
          expect(canonical(fast!.toSchema())).toBe(canonical(inf.toSchema()));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives up on raw control characters in strings and keys, in NDJSON and JSON', () => {
    for (const bad of ['\t', '\r', '\u0001', '\u001f', '\n']) {
      for (const text of [`{"a":"x${bad}y"}`, `{"a${bad}":1}`, `{"a":1}\n{"b":"${bad}"}`]) {
        for (const nd of [true, false]) {
          if (!nd && bad === '\n' && text.includes('\n{')) continue; // a separator there, not in a string
          expect(inferFromTextFast(text, nd, {})).toBeNull();
          expect(tryInferSchemaFromText(text.padEnd(SCAN_MIN_LENGTH, ' '), { format: nd ? 'ndjson' : 'json' }).ok).toBe(false);
        }
      }
    }
  });

  it('gives the exact schema through tryInferSchemaFromText for texts past the scanner threshold', () => {
    const lines: string[] = [];
    for (let k = 0, len = 0; len <= SCAN_MIN_LENGTH; k++) {
      const line = JSON.stringify({ eventName: k % 3 ? 'open' : 'click', id: k, name: `n€${k % 7}`, at: `2024-05-01T12:00:${String(k % 60).padStart(2, '0')}Z`, tags: k % 2 ? [] : ['a', k], o: { k: k % 5 ? 'v' : null, '1': k } });
      lines.push(line);
      len += line.length + 1;
    }
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(SCAN_MIN_LENGTH);
    expect(inferFromTextFast(text, true, {})).not.toBeNull(); // the scanner takes it: no fallback hides a difference
    for (const format of ['ndjson', 'json', 'auto'] as const) {
      const r = tryInferSchemaFromText(text, { format, stats: true });
      const want = exact(text, format, true);
      expect(r.ok).toBe(true);
      expect(canonical(r.ok ? r.value : null)).toBe(canonical(want.schema));
    }
  });
});

describe('scanLinesInto (blocks of whole lines into one inferrer)', () => {
  const lines = fc.array(fc.oneof(value, ev, ev), { minLength: 0, maxLength: 12 }).map((xs) => xs.map((x) => JSON.stringify(x)));

  it('gives the exact reader\'s state when the lines come in blocks cut anywhere between lines', () => {
    fc.assert(
      fc.property(lines, fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), fc.constantFrom('', ' ', '\r', '\n  '), (ls, cuts, stats, pad) => {
        const text = ls.map((l) => l + pad).join('\n') + (ls.length ? '\n' : '');
        const want = exact(text, 'ndjson', stats);
        // Blocks end after a newline (as the CLI cuts them), the last one wherever the text ends.
        const ends = [...new Set(cuts.map((c) => text.indexOf('\n', c % (text.length + 1)) + 1).filter((e) => e > 0))].sort((a, b) => a - b);
        const inf = createInferrer({ stats });
        let from = 0;
        let added = 0;
        for (const end of [...ends, text.length]) {
          const k = scanLinesInto(inf, text.slice(from, end), { inputStart: from === 0 });
          expect(k).toBeGreaterThanOrEqual(0);
          added += k;
          from = end;
        }
        expect(added).toBe(ls.length);
        expect(inf.count).toBe(ls.length);
        expect(canonical(inf.toSchema())).toBe(canonical(want.schema));
      }),
      { numRuns: RUNS },
    );
  });

  it('returns -1 where the exact reader finds an error or a duplicate key, and the inferrer is spent from then on', () => {
    const errors = ['{"a":1}\n{"a":}', '{"a":\n1}', '{"a":1} x', '[1]\n\ufeff\ufeff[2]', '{"a":"\u0001"}'];
    for (const bad of [...errors, '{"a":1,"a":2}']) {
      // (A duplicate key is no error: JSON.parse keeps the last value, which only the reader does.)
      expect(exact(bad, 'ndjson').issues.length > 0, bad).toBe(errors.includes(bad));
      const inf = createInferrer();
      inf.add({ before: true });
      expect(scanLinesInto(inf, bad), bad).toBe(-1);
      expect(() => inf.toSchema()).toThrow(/spent/);
      expect(() => inf.add({})).toThrow(/spent/);
      expect(() => inf.state).toThrow(/spent/);
      expect(() => inf.createTextReader()).toThrow(/spent/);
      expect(() => createInferrer().merge(inf)).toThrow(/spent/);
      expect(() => scanLinesInto(inf, '{}')).toThrow(/spent/);
    }
  });

  it('skips byte-order marks where the reader does: at an input\'s start and one per line', () => {
    const inf = createInferrer();
    expect(scanLinesInto(inf, '\ufeff\ufeff{"a":1}\n \ufeff{"a":2}\n')).toBe(2);
    expect(scanLinesInto(inf, '\ufeff{"a":3}\n', { inputStart: false })).toBe(1);
    expect(exact('\ufeff\ufeff{"a":1}\n \ufeff{"a":2}\n\ufeff{"a":3}\n', 'ndjson').issues).toEqual([]);
    // A block that does not start an input has no input-start mark to skip: two marks are an error.
    expect(scanLinesInto(createInferrer(), '\ufeff\ufeff{"a":3}\n', { inputStart: false })).toBe(-1);
    expect(exact('{"a":0}\n\ufeff\ufeff{"a":3}\n', 'ndjson').issues).toHaveLength(1);
  });
});

describe('scanValuesInto (blocks of whole values: concatenated JSON, or the elements of one array)', () => {
  const values = fc.array(fc.oneof(value, ev, ev), { minLength: 0, maxLength: 12 });

  /** The element texts of `xs`, and block ends between them chosen by `cuts`. */
  function blocks(texts: string[], cuts: number[]): number[][] {
    const ends = [...new Set(cuts.map((c) => (texts.length === 0 ? 0 : c % (texts.length + 1))))].sort((a, b) => a - b);
    const out: number[][] = [];
    let from = 0;
    for (const e of [...ends, texts.length]) {
      if (e <= from && !(e === texts.length && out.length === 0)) continue;
      out.push([from, e]);
      from = e;
    }
    return out;
  }

  it('gives the schema of the samples themselves for array elements in blocks cut between elements, whatever the spacing', () => {
    fc.assert(
      fc.property(values, fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom(',', ', ', ' ,\n\t', ',\r\n  '), fc.constantFrom(undefined, 2), fc.boolean(), (xs, cuts, sep, indent, stats) => {
        const texts = xs.map((x) => JSON.stringify(x, null, indent));
        const want = createInferrer({ stats });
        for (const x of xs) want.add(x);
        const inf = createInferrer({ stats });
        let added = 0;
        for (const [a, b] of blocks(texts, cuts)) {
          const k = scanValuesInto(inf, ' ' + texts.slice(a, b).join(sep) + '\n', { layout: 'elements', inputStart: false });
          expect(k).toBe(b - a);
          added += k;
        }
        expect(added).toBe(xs.length);
        expect(canonical(inf.toSchema())).toBe(canonical(want.toSchema()));
        expect(canonical(inf.state)).toBe(canonical(want.state));
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the exact reader\'s schema for concatenated JSON in blocks cut between values', () => {
    fc.assert(
      fc.property(values, fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom(undefined, 1, '\t'), (xs, cuts, indent) => {
        const texts = xs.map((x) => JSON.stringify(x, null, indent));
        const want = exact(texts.join('\n'), 'json');
        expect(want.issues).toEqual([]);
        const inf = createInferrer();
        for (const [a, b] of blocks(texts, cuts)) expect(scanValuesInto(inf, texts.slice(a, b).join(' \n'), { layout: 'json', inputStart: a === 0 })).toBe(b - a);
        expect(canonical(inf.toSchema())).toBe(canonical(want.schema));
      }),
      { numRuns: RUNS },
    );
  });

  it('returns -1 for anything that is not whole elements separated by single commas, and the inferrer is spent', () => {
    // Each would make the array around it invalid JSON (JSON.parse of `[` + text + `]` throws).
    for (const bad of ['1,,2', '1 2', '1,', ',1', '{"a":1}{"b":2}', '[1', '1]', '"a" "b"', '\ufeff1', '1,\ufeff2', '{"a":1,"a":2}', 'tru', '{"a":1} ,', '[1],[2', 'nul,1']) {
      const parses = (() => {
        try {
          JSON.parse(`[${bad}]`);
          return true;
        } catch {
          return false;
        }
      })();
      expect(parses && bad !== '{"a":1,"a":2}', bad).toBe(false);
      const inf = createInferrer();
      expect(scanValuesInto(inf, bad, { layout: 'elements' }), bad).toBe(-1);
      expect(() => inf.toSchema()).toThrow(/spent/);
    }
    // Whitespace only (an empty array's inside, or the blanks between blocks) adds nothing.
    for (const blank of ['', ' ', '\n\t\r ']) expect(scanValuesInto(createInferrer(), blank, { layout: 'elements' })).toBe(0);
  });
});
