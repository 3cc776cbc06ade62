import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineCounter, parseJsonValues, scanJsonValue, stringifyIteratively, stringifyJson, MAX_INDENTED_DEPTH } from './json-text.js';

describe('parseJsonValues', () => {
  it('reads one document, NDJSON and concatenated JSON with their positions', () => {
    const one = parseJsonValues('{\n  "a": [1, 2]\n}\n');
    expect(one).toMatchObject({ ok: true, value: [{ value: { a: [1, 2] }, line: 1, column: 1, sample: 1 }] });

    const nd = parseJsonValues('{"a":1}\n\n  {"a":2}\n');
    expect(nd.ok && nd.value.map((v) => [v.value, v.line, v.column, v.sample])).toEqual([
      [{ a: 1 }, 1, 1, 1],
      [{ a: 2 }, 3, 3, 2],
    ]);

    const cat = parseJsonValues('{"a":\n1} [2,\n3]\n"x"');
    expect(cat.ok && cat.value.map((v) => [v.value, v.line, v.column])).toEqual([
      [{ a: 1 }, 1, 1],
      [[2, 3], 2, 4],
      ['x', 4, 1],
    ]);
  });

  it('names line, column and sample of an NDJSON error', () => {
    const r = parseJsonValues('{"a":1}\n{"a":2}\n{"a": tru}\n', { format: 'ndjson', source: 'events.ndjson' });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'cli/parse', source: 'events.ndjson', line: 3, column: 7, sample: 3 });
  });

  it('locates an error inside a pretty-printed document', () => {
    const r = parseJsonValues('{\n  "a": 1,\n  "b": }\n', { source: 'x.json' });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ line: 3, column: 8, source: 'x.json' });
    expect(r.issues[0].message).toBe("Unexpected character '}' in JSON: expected a value");
  });

  it('reports a truncated value and an unterminated string', () => {
    expect(parseJsonValues('{"a": [1, 2', { format: 'json' }).issues[0].message).toBe('Unexpected end of JSON input');
    expect(parseJsonValues('"abc', { format: 'json' }).issues[0].message).toBe('Unterminated string in JSON');
  });

  it('skips a byte-order mark and gives no values for empty text', () => {
    expect(parseJsonValues('\ufeff{"a":1}')).toMatchObject({ ok: true, value: [{ value: { a: 1 } }] });
    expect(parseJsonValues('  \n')).toEqual({ ok: true, value: [], issues: [] });
  });

  it('keeps __proto__ keys as data', () => {
    const r = parseJsonValues('{"__proto__": {"x": 1}}');
    expect(r.ok && Object.keys(r.value[0].value as object)).toEqual(['__proto__']);
  });
});

describe('scanJsonValue', () => {
  it('accepts exactly what JSON.parse accepts (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const s = scanJsonValue(text, 0);
        const scanned = !('error' in s) && text.slice(s.end).trim() === '';
        expect(scanned).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });

  it('handles 10,000 levels of nesting without recursion', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(scanJsonValue(deep, 0)).toEqual({ start: 0, end: 20_000 });
  });
});

describe('LineCounter', () => {
  it('maps offsets to 1-based line and column', () => {
    const lc = new LineCounter('ab\ncd\n\nef');
    expect(lc.at(0)).toEqual({ line: 1, column: 1 });
    expect(lc.at(4)).toEqual({ line: 2, column: 2 });
    expect(lc.at(7)).toEqual({ line: 4, column: 1 });
    expect(lc.at(1)).toEqual({ line: 1, column: 2 });
  });
});

describe('stringifyJson', () => {
  it('writes exactly what JSON.stringify writes (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), (v, indent) => {
        expect(stringifyIteratively(v, typeof indent === 'number' ? ' '.repeat(indent) : indent)).toBe(JSON.stringify(v, null, indent));
        expect(stringifyJson(v, indent)).toBe(JSON.stringify(v, null, indent));
      }),
      { numRuns: 500 },
    );
    const odd = { a: undefined, b: [undefined, () => 1], c: { d: undefined }, '__proto__': 1 };
    expect(stringifyIteratively(odd, '  ')).toBe(JSON.stringify(odd, null, 2));
  });

  it('writes values nested 20,000 levels deep where JSON.stringify overflows', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20_000; i++) deep = i % 2 ? { items: deep } : [deep];
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const text = stringifyJson(deep, 2);
    expect(text.startsWith('{\n  "items": [\n    {')).toBe(true);
    // indented down to MAX_INDENTED_DEPTH, compact below; the same value either way
    expect(text).toContain('\n' + '  '.repeat(MAX_INDENTED_DEPTH) + '{');
    expect(text).not.toContain('\n' + '  '.repeat(MAX_INDENTED_DEPTH + 1));
    let back = JSON.parse(text) as unknown;
    for (let i = 20_000 - 1; i >= 0; i--) back = i % 2 ? (back as { items: unknown }).items : (back as unknown[])[0];
    expect(back).toBe('leaf');
  });
});
