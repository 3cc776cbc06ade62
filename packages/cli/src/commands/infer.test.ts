import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInferrer, type InferOptions } from '@fieldkit/core';
import { main } from '../main.js';
import { fakeIO, type FakeIOOptions } from '../io/fake-io.test-util.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const EXAMPLES = join(ROOT, 'examples/iterable');
const dir = mkdtempSync(join(tmpdir(), 'fk-infer-'));

async function cli(argv: string[], opts: FakeIOOptions = {}) {
  const f = fakeIO({ cwd: dir, ...opts });
  const code = await main(argv, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

/** The schema the core inferrer gives for these samples: the oracle for what the CLI prints. */
function expected(samples: unknown[], opts: InferOptions = {}): unknown {
  const inf = createInferrer(opts);
  for (const s of samples) inf.add(s);
  return inf.toSchema();
}

/** Webhook-like events, deterministic, some with nested and optional fields. */
function events(n: number, seed = 1): Record<string, unknown>[] {
  const names = ['emailSend', 'emailOpen', 'emailClick', 'hostedUnsubscribeClick'];
  const out: Record<string, unknown>[] = [];
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < n; i++) {
    const eventName = names[next() % names.length];
    const dataFields: Record<string, unknown> = {
      email: `user${next() % 1000}@example.com`,
      createdAt: `2024-05-01 12:${String(next() % 60).padStart(2, '0')}:00 +00:00`,
      campaignId: next() % 100000,
      templateId: next() % 2 ? next() % 100000 : null,
      messageId: next().toString(16),
    };
    if (eventName === 'emailClick') dataFields.url = `https://example.com/${next() % 10}`;
    if (next() % 3 === 0) dataFields.plan = ['free', 'pro'][next() % 2];
    out.push({ email: dataFields.email, eventName, dataFields });
  }
  return out;
}

const ndjson = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join('\n') + '\n';

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe('fieldkit infer', () => {
  it('infers from several JSON files: schema on stdout, nothing on stderr', async () => {
    const names = ['emailSend-1.json', 'emailOpen-1.json', 'emailClick.json'];
    const r = await cli(['infer', ...names.map((n) => join(EXAMPLES, n))]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const samples = names.map((n) => JSON.parse(readFileSync(join(EXAMPLES, n), 'utf8')) as unknown);
    expect(JSON.parse(r.stdout)).toEqual(expected(samples));
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(r.stdout).toContain('\n  "');
  });

  it('reads NDJSON from stdin in chunks split mid-token ("-" and no file alike)', async () => {
    const samples = events(50);
    const text = ndjson(samples);
    const chunks = [text.slice(0, 7), text.slice(7, 1000), text.slice(1000, 1001), text.slice(1001)];
    const a = await cli(['infer'], { stdin: chunks });
    const b = await cli(['infer', '-'], { stdin: [Buffer.from(text).subarray(0, 3), Buffer.from(text).subarray(3)] });
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual(expected(samples));
    expect(b.stdout).toBe(a.stdout);
  });

  it('splits multi-byte characters across chunks correctly', async () => {
    const samples = [{ name: 'Zoë 😀' }, { name: 'Ünïcode' }];
    const buf = Buffer.from(ndjson(samples));
    const r = await cli(['infer', '--stats'], { stdin: Array.from(buf).map((b) => Buffer.from([b])) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected(samples, { stats: true }));
  });

  it('names file, line, column and sample of an NDJSON error and prints nothing on stdout', async () => {
    const lines = ndjson(events(5)).split('\n');
    lines[3] = '{"email": "x@example.com", "eventName": oops}';
    const name = file('bad.ndjson', lines.join('\n'));
    const r = await cli(['infer', name]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bad\.ndjson:4:\d+: error: .*\(sample 4\)/m);
  });

  it('refuses invalid UTF-8 with file:line:column, on one thread and on several', async () => {
    const lines = ndjson(events(3000, 4)).split('\n');
    const bad = Buffer.concat([Buffer.from(lines.slice(0, 2500).join('\n') + '\n{"name": "Ren'), Buffer.from([0xe9]), Buffer.from('"}\n' + lines.slice(2500).join('\n'))]);
    writeFileSync(join(dir, 'latin1.ndjson'), bad);
    const env = { FIELDKIT_PARALLEL_MIN_BYTES: '1' };
    for (const jobs of ['1', '3']) {
      const r = await cli(['infer', '--jobs', jobs, '--format', 'ndjson', 'latin1.ndjson'], { env });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('latin1.ndjson:2501:14: error: invalid UTF-8: byte 0xE9 is not valid UTF-8 here (the input must be UTF-8 text)\n');
    }
  });

  it('infers from payloads nested 5,000 levels deep (arrays and objects), and merges their states', async () => {
    for (const [open, close] of [['[', ']'], ['{"a":', '}']]) {
      const name = file('deep.json', open.repeat(5000) + '1' + close.repeat(5000));
      const r = await cli(['infer', '--state-out', 'deep.state.json', name]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      let schema = JSON.parse(r.stdout) as Record<string, unknown>;
      let depth = 0;
      while (schema.items || schema.properties) {
        schema = (schema.items ?? (schema.properties as Record<string, unknown>).a) as Record<string, unknown>;
        depth++;
      }
      expect(depth).toBe(5000);
      expect(schema.type).toBe('integer');
      const merged = await cli(['merge', 'deep.state.json']);
      expect(merged.stdout).toBe(r.stdout);
    }
  });

  it('reads concatenated (pretty-printed) JSON values', async () => {
    const samples = events(4);
    const text = samples.map((s) => JSON.stringify(s, null, 2)).join('\n');
    const r = await cli(['infer', file('cat.json', text)]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected(samples));
    const forced = await cli(['infer', '--format', 'json', 'cat.json']);
    expect(forced.stdout).toBe(r.stdout);
  });

  it('treats an array as one sample, or its elements with --each', async () => {
    const samples = events(6);
    const name = file('array.json', JSON.stringify(samples, null, 2));
    const one = await cli(['infer', name]);
    const each = await cli(['infer', '--each', name]);
    expect(one.code).toBe(0);
    expect(each.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual(expected([samples]));
    expect(JSON.parse(each.stdout)).toEqual(expected(samples));
  });

  it('locates errors with --each: inside an element and in the array structure', async () => {
    const inside = await cli(['infer', '--each', file('each-bad.json', '[\n  {"a": 1},\n  {"a": }\n]\n')]);
    expect(inside.code).toBe(2);
    expect(inside.stdout).toBe('');
    expect(inside.stderr).toMatch(/^each-bad\.json:3:\d+: error: .*\(sample 2\)/m);
    const structure = await cli(['infer', '--each', file('each-obj.json', '{"a": 1}')]);
    expect(structure.code).toBe(2);
    expect(structure.stderr).toMatch(/^each-obj\.json:1:1: error: with --each the input must be one JSON array[^\n]*\n$/);
    const trailing = await cli(['infer', '--each', file('each-trailing.json', '[{"a":1},]')]);
    expect(trailing.stderr).toMatch(/^each-trailing\.json:1:10: error: [^\n]*trailing comma[^\n]*\n$/);
  });

  it('gives the same schema with --jobs N as with --jobs 1, and the same error lines', async () => {
    const samples = events(3000, 7);
    const name = file('big.ndjson', ndjson(samples));
    const env = { FIELDKIT_PARALLEL_MIN_BYTES: '1' };
    const one = await cli(['infer', '--jobs', '1', name], { env });
    const three = await cli(['infer', '--jobs', '3', name], { env });
    expect(one.code).toBe(0);
    expect(three.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout)).toEqual(expected(samples));

    // an error in the last third: line and sample numbers must be whole-file numbers
    const lines = ndjson(samples).split('\n');
    lines.splice(2500, 0, '', '{"broken": tru}');
    const bad = file('big-bad.ndjson', lines.join('\n'));
    for (const format of ['ndjson', 'auto']) {
      const seq = await cli(['infer', '--jobs', '1', '--format', format, bad], { env });
      const par = await cli(['infer', '--jobs', '3', '--format', format, bad], { env });
      expect(seq.code).toBe(2);
      expect(seq.stderr).toMatch(/^big-bad\.ndjson:2502:\d+: error: .*\(sample 2501\)/m);
      expect(par.stderr).toBe(seq.stderr);
      expect(par.stdout).toBe('');
    }
  });

  it('falls back to one reader when a file only looked like NDJSON (a pretty value further down)', async () => {
    const samples = events(2000, 8);
    const text = ndjson(samples.slice(0, 1500)) + JSON.stringify(samples[1500], null, 2) + '\n' + ndjson(samples.slice(1501));
    const name = file('mixed.json', text);
    const env = { FIELDKIT_PARALLEL_MIN_BYTES: '1' };
    const one = await cli(['infer', '--jobs', '1', name], { env });
    const three = await cli(['infer', '--jobs', '3', name], { env });
    expect(one.code).toBe(0);
    expect(three.stderr).toBe('');
    expect(three.stdout).toBe(one.stdout);
    expect(JSON.parse(three.stdout)).toEqual(expected(samples));
  });

  it('writes the state with --state-out; merge of part states equals the whole-input schema', async () => {
    const samples = events(400, 3);
    const whole = file('whole.ndjson', ndjson(samples));
    file('part1.ndjson', ndjson(samples.slice(0, 150)));
    file('part2.ndjson', ndjson(samples.slice(150, 151)));
    file('part3.ndjson', ndjson(samples.slice(151)));
    for (const flags of [[], ['--stats', '--draft', 'draft-07'], ['--no-discriminator', '--hint', '/dataFields/plan=no-enum']]) {
      const all = await cli(['infer', ...flags, whole]);
      expect(all.code).toBe(0);
      for (const p of ['part1', 'part2', 'part3']) {
        const r = await cli(['infer', ...flags, '--state-out', `${p}.state.json`, `${p}.ndjson`]);
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout)).toHaveProperty('$schema');
      }
      const merged = await cli(['merge', ...flags, 'part3.state.json', 'part1.state.json', 'part2.state.json']);
      expect(merged.stderr).toBe('');
      expect(merged.code).toBe(0);
      expect(merged.stdout).toBe(all.stdout);
    }
  });

  it('--state-out - prints the state instead of the schema; -o writes the schema file', async () => {
    const name = file('s.ndjson', ndjson(events(10)));
    const r = await cli(['infer', '--state-out', '-', '-o', 'schema.json', name]);
    expect(r.code).toBe(0);
    const state = JSON.parse(r.stdout) as { format: string; count: number };
    expect(state.count).toBe(10);
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8'))).toEqual(expected(events(10)));
  });

  it('passes --draft, --discriminator, --hint and --stats to the inferrer', async () => {
    const samples = events(30);
    const name = file('opts.ndjson', ndjson(samples));
    const opts: InferOptions = { draft: 'draft-07', discriminator: 'eventName', hints: { '/dataFields/plan': 'no-enum' }, stats: true };
    const r = await cli(['infer', '--draft', 'draft-07', '--discriminator', 'eventName', '--hint', '/dataFields/plan=no-enum', '--stats', name]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected(samples, opts));
    const off = await cli(['infer', '--no-discriminator', name]);
    expect(JSON.parse(off.stdout)).toEqual(expected(samples, { discriminator: false }));
  });

  it('fails with one clear line for missing files, empty input and bad flag values', async () => {
    const cases: [string[], RegExp, FakeIOOptions?][] = [
      [['infer', 'nope.json'], /^nope\.json: error: no such file\n$/],
      [['infer', '.'], /^\.: error: is a folder, not a file\n$/],
      [['infer', file('empty.json', '  \n')], /^fieldkit infer: empty input: no JSON samples in empty\.json\n$/],
      [['infer'], /^fieldkit infer: empty input: no JSON samples in stdin\n$/, { stdin: '' }],
      [['infer', '--draft', '2019', 'x'], /^fieldkit infer: --draft must be one of 2020-12, draft-07; got "2019"\n$/],
      [['infer', '--jobs', '0', 'x'], /^fieldkit infer: --jobs expects a positive integer, got "0"\n$/],
      [['infer', '--format', 'yaml', 'x'], /^fieldkit infer: --format must be one of auto, json, ndjson; got "yaml"\n$/],
      [['infer', '--hint', '/a=maybe', 'x'], /^fieldkit infer: --hint kind must be one of enum, .*; got "maybe"\n$/],
      [['infer', '--hint', 'a=enum', 'x'], /^fieldkit infer: --hint pointer must be a JSON Pointer/],
      [['infer', '--discriminator', 'type', '--no-discriminator', 'x'], /cannot be used together\n$/],
      [['infer', '--bogus'], /^fieldkit infer: unknown option "--bogus" \(see --help\)\n$/],
      [['infer', '-o', join(dir, 'no/such/dir/s.json'), file('ok.json', '{"a":1}')], /s\.json: error: cannot write output file: its folder does not exist\n$/],
    ];
    for (const [argv, message, opts] of cases) {
      const r = await cli(argv, opts);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout, argv.join(' ')).toBe('');
      expect(r.stderr, argv.join(' ')).toMatch(message);
    }
  });

  it('draws a progress bar on a TTY stderr only', async () => {
    const name = file('progress.ndjson', ndjson(events(200)));
    const env = { FIELDKIT_PROGRESS_DELAY_MS: '0' };
    const tty = await cli(['infer', name], { stderrIsTTY: true, env });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/\r\[#+\.*\] +\d+% .* MB {2}[\d,]+ samples {2}[\d.]+ MB\/s/);
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
    const pipe = await cli(['infer', name], { stderrIsTTY: false, env });
    expect(pipe.stderr).toBe('');
    const off = await cli(['infer', '--no-progress', name], { stderrIsTTY: true, env });
    expect(off.stderr).toBe('');
    expect(tty.stdout).toBe(pipe.stdout);
  });

  it('reads pipes and devices named as files (<(cmd), /dev/stdin) front to back', async () => {
    const { execFileSync, spawn } = await import('node:child_process');
    const samples = events(300, 9);
    const src = file('fifo-src.ndjson', ndjson(samples));
    const fifo = join(dir, 'events.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat ${src} > ${fifo}`], { cwd: dir });
    const r = await cli(['infer', '--jobs', '2', 'events.fifo'], { env: { FIELDKIT_PARALLEL_MIN_BYTES: '1' } });
    await new Promise((res) => writer.on('close', res));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected(samples));
    const empty = await cli(['infer', '/dev/null']);
    expect(empty.stderr).toBe('fieldkit infer: empty input: no JSON samples in /dev/null\n'); // (first, so a failure shows the text)
    expect(empty).toMatchObject({ code: 2, stdout: '' });
  });

  it('says it is waiting for stdin only when stdin is a terminal', async () => {
    const f = fakeIO({ cwd: dir, stdin: '{"a": 1}' });
    f.io.stdin.isTTY = true;
    expect(await main(['infer'], f.io)).toBe(0);
    expect(f.stderr()).toBe('fieldkit infer: reading samples from stdin (end with Ctrl-D; see --help)\n');
    const piped = await cli(['infer'], { stdin: '{"a": 1}' });
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(f.stdout());
  });

  it('ends quietly with exit 0 when stdout is a closed pipe', async () => {
    const r = await cli(['infer', join(EXAMPLES, 'emailSend-1.json')], { brokenStdout: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('shows help for infer and merge', async () => {
    for (const c of ['infer', 'merge']) {
      const r = await cli([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: fieldkit ${c} `));
      expect(r.stdout).toContain('--draft');
    }
  });
});

describe('fieldkit merge', () => {
  it('nests: merging a merged state with the rest equals merging all at once', async () => {
    const samples = events(90, 5);
    const names = ['n1', 'n2', 'n3'].map((n, i) => file(`${n}.ndjson`, ndjson(samples.slice(i * 30, i * 30 + 30))));
    for (const [i, n] of names.entries()) expect((await cli(['infer', '--state-out', `n${i + 1}.state.json`, n])).code).toBe(0);
    const partial = await cli(['merge', '--state-out', 'n12.state.json', 'n1.state.json', 'n2.state.json']);
    expect(partial.code).toBe(0);
    const nested = await cli(['merge', 'n12.state.json', 'n3.state.json']);
    const flat = await cli(['merge', 'n1.state.json', 'n2.state.json', 'n3.state.json']);
    expect(nested.code).toBe(0);
    expect(nested.stdout).toBe(flat.stdout);
    expect(JSON.parse(flat.stdout)).toEqual(expected(samples));
  });

  it('names the file of a foreign, corrupt or missing state', async () => {
    file('foreign.json', '{"type": "object"}');
    file('corrupt.json', '{"format": "fieldkit-inference-state",\n "count": }');
    const cases: [string, RegExp][] = [
      ['foreign.json', /^foreign\.json: error: not a valid fieldkit inference state/m],
      ['corrupt.json', /^corrupt\.json:2:\d+: error: /m],
      ['missing.json', /^missing\.json: error: no such file/m],
    ];
    for (const [name, message] of cases) {
      const r = await cli(['merge', name]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
    const none = await cli(['merge']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^fieldkit merge: give at least one state file/);
  });
});

// Regression (lead): a broken line in `events.ndjson` was reported through the concatenated-JSON
// fallback with a note to "use format ndjson", and a truncated single `.json` document got the same
// note about formats although nothing about lines was wrong. The file name now decides NDJSON, and
// the note appears only when earlier lines were whole values.
describe('format by file name', () => {
  it('reads *.ndjson and *.jsonl as NDJSON under --format auto: the broken line is reported as itself', async () => {
    for (const name of ['broken.ndjson', 'broken.jsonl']) {
      const r = await cli(['infer', file(name, '{"a":1}\n{"a":2,}\n{"a":3}\n')]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')}:2:8: error: .* \\(sample 2\\)\\n$`));
      expect(r.stderr).not.toMatch(/concatenated/);
    }
  });
  it('says nothing about formats for a truncated single document', async () => {
    const r = await cli(['infer', file('trunc.json', '{"eventName":"a",\n "x": [1, 2\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/trunc\.json:3:1: error: Unexpected end of JSON input \(sample 1\)/);
    expect(r.stderr).not.toMatch(/ndjson/);
  });
  it('keeps the content guess for other names (concatenated JSON across lines)', async () => {
    const r = await cli(['infer', file('cat.json', '{"a":\n1} {"a":\n2}\n')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).required).toEqual(['a']);
  });
});

// Regression (qa): a --hint whose path matched nothing (a typo like /dataFeilds/…) was silently
// ignored, so the user believed the hint applied. It is now a warning with the near-miss path;
// the schema is still printed and the exit code stays 0.
describe('--hint that matches nothing', () => {
  it('warns on stderr with the near-miss path and still prints the schema', async () => {
    const r = await cli(['infer', join(EXAMPLES, 'emailSend-1.json'), '--hint', '/dataFeilds/campaignId=enum', '--hint', '/email=no-format']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).$schema).toMatch(/json-schema/);
    expect(r.stderr).toContain('--hint: warning: Hint /dataFeilds/campaignId matched no value in the samples (did you mean "/dataFields/campaignId"?)');
    expect(r.stderr).not.toContain('/email ');
  });
});
