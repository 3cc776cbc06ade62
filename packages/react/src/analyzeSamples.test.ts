import { describe, expect, it } from 'vitest';
import { tryInferSchemaFromText } from '@fieldkit/core';
import { analyzeSamples, issuesToDiagnostics, splitJsonValues } from './analyzeSamples.js';

describe('analyzeSamples', () => {
  it('marks a parse error at the line and column the core (and so the CLI) reports', () => {
    const text = '{"a": 1}\n{"a": 2,, "b": 3}\n{"a": 3}\n';
    const core = tryInferSchemaFromText(text, { format: 'auto', source: 'input' });
    expect(core.ok).toBe(false);
    const r = analyzeSamples(text);
    expect(r.schema).toBeUndefined();
    expect(r.samples).toEqual([]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    const d = r.diagnostics[0]!;
    const i = core.issues[0]!;
    expect([d.line, d.column]).toEqual([i.line, i.column]);
    expect(d.line).toBe(2);
    // The offset points at that line/column in the text.
    const lineStart = text.indexOf('\n') + 1;
    expect(d.from).toBe(lineStart + d.column - 1);
    expect(text.slice(d.from, d.to)).toBe(text[d.from]);
  });

  it('places a truncated last value at the end of the text', () => {
    const text = '{"a": [1, 2';
    const r = analyzeSamples(text);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    for (const d of r.diagnostics) {
      expect(d.from).toBeGreaterThanOrEqual(0);
      expect(d.to).toBeLessThanOrEqual(text.length);
      expect(d.from).toBeLessThanOrEqual(d.to);
    }
  });

  it('reads NDJSON, concatenated values, and an array whose elements are samples', () => {
    expect(analyzeSamples('{"a":1}\n{"a":2}\n').samples).toHaveLength(2);
    expect(analyzeSamples('{"a":1} {"a":"x"}{"b":true}').samples).toHaveLength(3);
    const arr = '[{"a":1},{"a":2},{"b":"x"}]';
    const one = analyzeSamples(arr);
    expect(one.samples).toHaveLength(1);
    expect(one.schema?.type).toBe('array');
    const each = analyzeSamples(arr, { eachElement: true });
    expect(each.samples).toHaveLength(3);
    expect(each.schema?.type).toBe('object');
    expect(Object.keys(each.schema?.properties ?? {})).toEqual(['a', 'b']);
  });

  it('lists event types when samples carry several', () => {
    const text = ['{"eventName":"emailOpen","email":"a@b.c"}', '{"eventName":"emailClick","email":"a@b.c","url":"https://x.y"}', '{"eventName":"emailOpen","email":"c@d.e"}', '{"eventName":"emailClick","email":"x@y.z","url":"https://q.r"}'].join('\n');
    const r = analyzeSamples(text);
    expect(r.samples).toHaveLength(4);
    expect(r.variants.map((v) => v.value).sort()).toEqual(['emailClick', 'emailOpen']);
    expect(r.variants.map((v) => v.count)).toEqual([2, 2]);
  });

  it('gives nothing (and no errors) for blank text', () => {
    expect(analyzeSamples('  \n ')).toEqual({ samples: [], issues: [], diagnostics: [], variants: [] });
  });
});

describe('splitJsonValues', () => {
  it('splits on value boundaries, not inside strings', () => {
    expect(splitJsonValues('{"a":"}{"} [1,"]"] "s" 12 true null')).toEqual(['{"a":"}{"}', '[1,"]"]', '"s"', '12', 'true', 'null']);
    expect(splitJsonValues('{"a":"\\"}"}\n{"b":1}')).toEqual(['{"a":"\\"}"}', '{"b":1}']);
  });
});

describe('issuesToDiagnostics', () => {
  it('clamps locations outside the text and handles CRLF line ends', () => {
    const text = 'ab\r\ncd';
    const [d1, d2] = issuesToDiagnostics(text, [
      { code: 'infer/parse', severity: 'error', message: 'x', path: [], line: 2, column: 2 },
      { code: 'infer/parse', severity: 'error', message: 'y', path: [], line: 9, column: 99 },
    ]);
    expect(text[d1!.from]).toBe('d');
    expect(d2!.from).toBe(text.length);
    expect(d2!.to).toBe(text.length);
  });
});
