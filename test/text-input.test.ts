/**
 * Text as webhook captures really arrive: NDJSON with CRLF line ends and blank lines, a UTF-8 BOM,
 * concatenated JSON values, pretty-printed JSON, a SendGrid-style top-level array, and broken
 * lines. Good text gives the same schema as the parsed samples; bad text gives `infer/parse`
 * issues that name the line, column and sample, never a crash.
 */
import { describe, expect, it } from 'vitest';
import { createInferrer, FieldkitError, inferSchema, inferSchemaFromText, tryInferSchemaFromText, type Issue } from '@fieldkit/core';
import { loadFixture } from './helpers/fixtures.js';

const iterable = loadFixture('iterable.mixed').samples;

describe('good text', () => {
  it('NDJSON with CRLF line ends, blank lines and trailing spaces equals the samples', () => {
    const text = iterable.map((s) => JSON.stringify(s) + '  ').join('\r\n\r\n') + '\r\n';
    expect(inferSchemaFromText(text, { format: 'ndjson' })).toEqual(inferSchema(iterable));
    expect(inferSchemaFromText(text, { format: 'auto' })).toEqual(inferSchema(iterable));
  });

  it('concatenated pretty-printed JSON values (format json) equal the samples', () => {
    const text = iterable.map((s) => JSON.stringify(s, null, 2)).join('\n');
    expect(inferSchemaFromText(text, { format: 'json' })).toEqual(inferSchema(iterable));
    expect(inferSchemaFromText(iterable.map((s) => JSON.stringify(s)).join(''), { format: 'json' })).toEqual(inferSchema(iterable));
  });

  it('pretty-printed values are read whole by auto too', () => {
    const text = iterable.map((s) => JSON.stringify(s, null, 2)).join('\n');
    expect(inferSchemaFromText(text)).toEqual(inferSchema(iterable));
  });

  it('a top-level array (a SendGrid POST body) is one sample', () => {
    const bodies = loadFixture('sendgrid.events').samples;
    expect(inferSchemaFromText(JSON.stringify(bodies[0]), { format: 'json' })).toEqual(inferSchema([bodies[0]]));
    expect(inferSchemaFromText(JSON.stringify(bodies[0]), { format: 'json' }).type).toBe('array');
  });

  it('a UTF-8 byte order mark at the start is not an error', () => {
    const r = tryInferSchemaFromText('\ufeff' + iterable.map((s) => JSON.stringify(s)).join('\n'), { format: 'ndjson' });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.ok && r.value).toEqual(inferSchema(iterable));
  });
});

describe('bad text', () => {
  const errors = (issues: Issue[]) => issues.filter((i) => i.severity === 'error');

  it('a broken NDJSON line is reported at its line, column and sample', () => {
    const lines = iterable.slice(0, 4).map((s) => JSON.stringify(s));
    lines[2] = '{"email":"a@example.com","eventName":"emailSend",}';
    const r = tryInferSchemaFromText(lines.join('\n') + '\n', { format: 'ndjson', source: 'hooks.ndjson' });
    expect(r.ok).toBe(false);
    const [first] = errors(r.issues);
    expect(first).toMatchObject({ code: 'infer/parse', line: 3, column: 50, sample: 3, source: 'hooks.ndjson' });
  });

  it('a value cut off at the end is reported, and the lines before it are not lost', () => {
    const text = JSON.stringify(iterable[0]) + '\n' + JSON.stringify(iterable[1]).slice(0, 40);
    const r = tryInferSchemaFromText(text, { format: 'ndjson' });
    expect(r.ok).toBe(false);
    expect(errors(r.issues)[0]).toMatchObject({ code: 'infer/parse', line: 2, sample: 2 });
  });

  it('inferSchemaFromText throws a FieldkitError carrying the same issues', () => {
    const text = '{"a":1}\n{"a":}\n';
    let thrown: unknown;
    try {
      inferSchemaFromText(text, { format: 'ndjson' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FieldkitError);
    const r = tryInferSchemaFromText(text, { format: 'ndjson' });
    expect((thrown as FieldkitError).issues).toEqual(r.issues);
    expect(errors(r.issues)[0]).toMatchObject({ line: 2, column: 6 });
  });

  it('columns count UTF-16 code units after non-ASCII text on the same line', () => {
    const r = tryInferSchemaFromText('{"subject":"🎉 Welcome — hi", "n": 01}', { format: 'json' });
    expect(r.ok).toBe(false);
    // "01": JSON.parse rejects the leading zero at the "1"
    const at = '{"subject":"🎉 Welcome — hi", "n": 0'.length + 1;
    expect(errors(r.issues)[0]).toMatchObject({ code: 'infer/parse', line: 1, column: at });
  });

  it('empty and whitespace-only text is an error or an empty schema, never a crash', () => {
    for (const text of ['', '   \n\r\n  ']) {
      const r = tryInferSchemaFromText(text, { format: 'auto' });
      if (r.ok) expect(r.value.$schema).toMatch(/json-schema/);
      else expect(r.issues[0]!.code).toBe('infer/parse');
    }
  });

  it('garbage never throws from the Result variant', () => {
    for (const text of ['{', '}', '[1,', '"abc', 'nul', '{"a":1}{', '\u0000', '{"a":"\u0001"}', '[' .repeat(10_000), '{"a":'.repeat(10_000)]) {
      const r = tryInferSchemaFromText(text, { format: 'json' });
      expect(r.ok).toBe(false);
      expect(errors(r.issues).length).toBeGreaterThan(0);
      expect(errors(r.issues)[0]!.line).toBeGreaterThanOrEqual(1);
    }
  });

  it('NDJSON: bad lines are reported and skipped, the good lines around them still count', () => {
    const inf = createInferrer();
    const reader = inf.createTextReader({ format: 'ndjson', source: 'capture.ndjson' });
    // chunk boundaries fall inside values and inside the bad lines
    const text = '{"a":1}\n{"a":\n{"a":2,"b":"x"}\n[1,2\n{"c":true}\n';
    const issues = [...reader.write(text.slice(0, 11)), ...reader.write(text.slice(11, 30)), ...reader.write(text.slice(30)), ...reader.end()];
    expect(issues.map((i) => [i.code, i.line, i.sample, i.source])).toEqual([
      ['infer/parse', 2, 2, 'capture.ndjson'],
      ['infer/parse', 4, 4, 'capture.ndjson'],
    ]);
    expect([reader.samples, inf.count]).toEqual([3, 3]);
    expect(inf.toSchema()).toEqual(inferSchema([{ a: 1 }, { a: 2, b: 'x' }, { c: true }]));
  });
});
