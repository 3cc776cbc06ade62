import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { locateValue } from './validate.js';
import { fakeIO, type FakeIOOptions } from '../io/fake-io.test-util.js';

const dir = mkdtempSync(join(tmpdir(), 'fk-validate-'));

async function cli(argv: string[], opts: FakeIOOptions = {}) {
  const f = fakeIO({ cwd: dir, ...opts });
  const code = await main(argv, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

const schema = write(
  'schema.json',
  JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    'x-fieldkit-discriminator': 'eventName',
    oneOf: [{ $ref: '#/$defs/EmailSend' }, { $ref: '#/$defs/EmailOpen' }],
    $defs: {
      EmailSend: {
        type: 'object',
        properties: {
          eventName: { const: 'emailSend' },
          email: { type: 'string', format: 'email' },
          dataFields: { type: 'object', properties: { age: { type: 'integer' } } },
        },
        required: ['eventName', 'email'],
      },
      EmailOpen: { type: 'object', properties: { eventName: { const: 'emailOpen' } }, required: ['eventName'] },
    },
  }),
);

describe('fieldkit validate', () => {
  it('exit 0 when every payload is valid (NDJSON), with a summary on stderr', async () => {
    const f = write('ok.ndjson', '{"eventName":"emailSend","email":"a@b.co"}\n{"eventName":"emailOpen"}\n');
    const r = await cli(['validate', '--schema', schema, f]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '2 of 2 payloads valid\n' });
  });

  it('exit 1 with one line per problem: file:line: $.path: message', async () => {
    const f = write(
      'bad.ndjson',
      '{"eventName":"emailSend","email":"a@b.co"}\n{"eventName":"emailSend","email":"nope","dataFields":{"age":"42"}}\n{"eventName":"emailClick"}\n',
    );
    const r = await cli(['validate', '-s', schema, f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'bad.ndjson:2: $.email: "nope" is not an email (e.g. name@example.com)',
        'bad.ndjson:2: $.dataFields.age: expected integer, got string "42"',
        'bad.ndjson:3: $.eventName: "emailClick" is not a known eventName; known: "emailSend", "emailOpen"',
        '2 of 3 payloads invalid (3 problems)',
        '',
      ].join('\n'),
    );
  });

  it('in pretty-printed files the line is the line of the offending value', async () => {
    const f = write(
      'pretty.json',
      JSON.stringify({ eventName: 'emailOpen' }, null, 2) +
        '\n' +
        JSON.stringify({ eventName: 'emailSend', email: 'a@b.co', tags: ['x'], dataFields: { a: [1, { "b\"": 2 }], age: 4.5 } }, null, 2) +
        '\n' +
        JSON.stringify({ eventName: 'emailSend', dataFields: {} }, null, 2) +
        '\n',
    );
    const r = await cli(['validate', '-s', schema, '-q', f]);
    expect(r.stderr).toBe(['pretty.json:17: $.dataFields.age: expected integer, got number 4.5', 'pretty.json:20: $.email: missing required field "email"', ''].join('\n'));
    const j = await cli(['validate', '-s', schema, '--format', 'json', f]);
    expect(JSON.parse(j.stdout).map((i: { line: number; sample: number }) => [i.line, i.sample])).toEqual([
      [17, 2],
      [20, 3],
    ]);
  });

  it('--input-format ndjson streams line by line: value lines, parse errors with line and column', async () => {
    const f = write('stream.ndjson', '{"eventName":"emailOpen"}\r\n\n{"eventName":"emailSend","email":"a@b.co","dataFields":{"age":"x"}}\n');
    const r = await cli(['validate', '-s', schema, '--input-format', 'ndjson', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('stream.ndjson:3: $.dataFields.age: expected integer, got string "x"\n1 of 2 payloads invalid (1 problem)\n');
    const broken = write('broken.ndjson', '{"eventName":"emailOpen"}\n{"eventName": nope}\n');
    const b = await cli(['validate', '-s', schema, '--input-format', 'ndjson', broken]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^broken\.ndjson:2:15: error: .* \(sample 2\)\n$/);
  });

  it('big NDJSON files are streamed (auto-detected) and the error count is exact even past --max-errors', async () => {
    const good = JSON.stringify({ eventName: 'emailSend', email: 'a@b.co', dataFields: { age: 1 }, pad: 'x'.repeat(150) });
    const bad = JSON.stringify({ eventName: 'emailSend', email: 'a@b.co', dataFields: { age: 'x' } });
    const lines: string[] = [];
    for (let i = 0; i < 50_000; i++) lines.push(i % 10_000 === 9_999 ? bad : good);
    const f = write('big.ndjson', lines.join('\n') + '\n');
    const r = await cli(['validate', '-s', schema, '--max-errors', '2', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        'big.ndjson:10000: $.dataFields.age: expected integer, got string "x"',
        'big.ndjson:20000: $.dataFields.age: expected integer, got string "x"',
        '… and 3 more',
        '5 of 50000 payloads invalid (5 problems)',
        '',
      ].join('\n'),
    );
  });

  it('--format json prints the issues as JSON on stdout', async () => {
    const f = write('one.json', '{\n  "eventName": "emailSend"\n}\n');
    const r = await cli(['validate', '--schema', schema, '--format', 'json', f]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        code: 'validate/required',
        message: 'missing required field "email"',
        path: ['email'],
        source: 'one.json',
        line: 1,
        sample: 1,
        params: { keyword: 'required', missing: 'email', field: 'email' },
      },
    ]);
  });

  it('reads stdin and concatenated JSON; --no-formats skips format checks', async () => {
    const text = '{"eventName":"emailSend","email":"nope"} {"eventName":"emailOpen"}';
    expect((await cli(['validate', '-s', schema], { stdin: text })).stderr).toBe(
      'stdin:1: $.email: "nope" is not an email (e.g. name@example.com)\n1 of 2 payloads invalid (1 problem)\n',
    );
    expect((await cli(['validate', '-s', schema, '--no-formats', '-q'], { stdin: text })).code).toBe(0);
  });

  it('exit 2 for bad usage, unparsable payloads, and unusable schemas', async () => {
    expect((await cli(['validate', 'x.json'])).stderr).toBe('fieldkit validate: --schema FILE is required\n');
    const broken = write('broken.json', '{"eventName": }');
    const r = await cli(['validate', '-s', schema, broken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^broken\.json:1:15: error: /);
    const badSchema = write('bad-schema.json', JSON.stringify({ type: 'object', properties: { a: { $ref: '#/$defs/Nope' } } }));
    const s = await cli(['validate', '-s', badSchema, broken]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/^bad-schema\.json: error: the schema cannot be used for validation: .*Nope/);
    expect((await cli(['validate', '-s', 'missing.json', broken])).code).toBe(2);
    expect((await cli(['validate', '-s', schema, '--format', 'xml', broken])).stderr).toBe('fieldkit validate: --format must be text or json; got "xml"\n');
  });

  it('--help', async () => {
    const r = await cli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: fieldkit validate --schema SCHEMA_FILE');
  });
});

describe('fieldkit types', () => {
  it('prints TypeScript for a schema file, with --name', async () => {
    const r = await cli(['types', schema, '--name', 'IterableEvent']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('export type IterableEvent = EmailSend | EmailOpen;\n\nexport interface EmailSend {\n  eventName: "emailSend";\n  /** @format email */\n  email: string;\n')).toBe(true);
  });

  it('reads the schema from stdin and writes -o FILE', async () => {
    const r = await cli(['types', '-o', 'out.ts'], { stdin: '{"type":"object","properties":{"a":{"type":["string","null"]}},"required":["a"]}' });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'out.ts'), 'utf8')).toBe('export interface Root {\n  a: string | null;\n}\n');
  });

  it('--from-samples infers first', async () => {
    const f = write('samples.ndjson', '{"id":1,"tags":["a"]}\n{"id":2,"note":null}\n');
    const r = await cli(['types', '--from-samples', '--name', 'Row', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('export interface Row {\n  id: number;\n');
    expect(r.stdout).toContain('  tags?: string[];\n');
  });

  it('exit 2 for a schema it cannot convert or bad flags; warnings go to stderr with exit 0', async () => {
    const bad = write('bad-ref.json', JSON.stringify({ properties: { a: { $ref: '#/nope' } } }));
    const r = await cli(['types', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('bad-ref.json: error: $ref "#/nope" points to nothing in this schema at $.properties.a\n');
    expect((await cli(['types', schema, '--name', 'a b'])).stderr).toBe('fieldkit types: --name must be a TypeScript identifier, got "a b"\n');
    const ext = write('ext.json', JSON.stringify({ properties: { a: { $ref: 'other.json' } } }));
    const w = await cli(['types', ext]);
    expect(w.code).toBe(0);
    expect(w.stdout).toBe('export interface Root {\n  a?: unknown;\n}\n');
    expect(w.stderr).toBe('ext.json: warning: $ref "other.json" points outside this schema; typed as unknown (inline it to get a type) at $.properties.a\n');
  });
});

describe('locateValue', () => {
  it('finds the value at every path of a JSON text (pretty or compact)', async () => {
    const fc = (await import('fast-check')).default;
    const { scanJsonValue } = await import('../io/json-text.js');
    const paths = (v: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
      const out = [prefix];
      if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
      return out;
    };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 2), (value, indent) => {
        const text = ' ' + JSON.stringify(value, null, indent);
        const parsed = JSON.parse(text) as unknown;
        for (const p of paths(parsed)) {
          const at = locateValue(text, 0, p);
          const s = scanJsonValue(text, at);
          if ('error' in s) throw new Error('no value at ' + JSON.stringify(p));
          let expected: unknown = parsed;
          for (const seg of p) expected = (expected as Record<string, unknown>)[seg as string];
          expect(JSON.parse(text.slice(s.start, s.end))).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('regressions (qa reports)', () => {
  const deepSchema = (levels: number): string => {
    let s = '{"type":"string"}';
    for (let i = 0; i < levels; i++) s = `{"type":"object","properties":{"a":${s}}}`;
    return s;
  };

  it('a schema nested 2,500 levels deep is a validate/schema error with exit 2, not an internal error with a stack trace', async () => {
    // Bug: `fieldkit validate -s deep.json x.json` printed "fieldkit: internal error: RangeError: Maximum call stack size exceeded" + ajv's stack, exit 70.
    const s = write('deep.schema.json', deepSchema(2500));
    const p = write('deep-payload.json', '{"a":{"a":"x"}}');
    const r = await cli(['validate', '-s', s, p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^deep\.schema\.json: error: the schema (is nested|nests subschemas) deeper than \d+ levels/);
    expect(r.stderr).not.toMatch(/RangeError|internal error|call stack|\n\s+at /);
    // One short line: the place where the deep chain starts, not thousands of path segments.
    expect(r.stderr).toContain('below here; fieldkit refuses it rather than overflow the stack at $.properties.a.properties.a.properties.a.properties.a\n');
    expect(r.stderr.length).toBeLessThan(300);
  });

  it('a payload nested 20,000 levels deep is reported as an invalid payload, not a crash', async () => {
    // Bug guard: ajv recursion on a deep payload (recursive schema) must not escape as an internal error.
    const s = write('rec.schema.json', JSON.stringify({ type: 'array', items: { $ref: '#' } }));
    const p = write('deep-array.json', '['.repeat(20000) + ']'.repeat(20000));
    const r = await cli(['validate', '-s', s, p]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nested too deep to validate');
    expect(r.stderr.split('\n')[0]!.length).toBeLessThan(200);
    expect(r.stderr).not.toMatch(/RangeError|internal error/);
  });

  it('a payload passed as --schema is refused with exit 2 instead of "1 of 1 payload valid"', async () => {
    // Bug: an Iterable event given as the schema gave three "unknown keyword" warnings and exit 0.
    const event = write('event.json', JSON.stringify({ email: 'a@b.co', eventName: 'emailOpen', dataFields: { campaignId: 1 } }));
    const r = await cli(['validate', '-s', event, event]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^event\.json: error: this looks like a payload, not a JSON Schema: .*"email", "eventName", "dataFields".*fieldkit infer/);
    expect(r.stderr).not.toContain('valid');
  });

  it('a bad type name prints one error line with a did-you-mean, not three', async () => {
    // Bug: `{"type":"objekt"}` printed ajv's anyOf noise in three lines, each repeating "at /type".
    const s = write('objekt.schema.json', '{"type":"objekt"}');
    const p = write('obj.json', '{}');
    const r = await cli(['validate', '-s', s, p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('objekt.schema.json: error: "objekt" is not a JSON type (string, number, integer, boolean, object, array, null); did you mean "object"? at $.type\n');
  });

  it('a schema error from stdin is prefixed "stdin:" like file errors get "file:"', async () => {
    // Bug: errors about a schema read with `-s -` carried "-" (or nothing) as their source.
    const p = write('one.json', '{}');
    const r = await cli(['validate', '-s', '-', p], { stdin: '{"type":"strin"}' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^stdin: error: "strin" is not a JSON type/);
  });
});
