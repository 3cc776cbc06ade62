import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { fakeIO, type FakeIOOptions } from '../io/fake-io.test-util.js';
import { shellQuote } from './body.js';

const dir = mkdtempSync(join(tmpdir(), 'fk-body-'));

async function cli(argv: string[], opts: FakeIOOptions = {}) {
  const f = fakeIO({ cwd: dir, ...opts });
  const code = await main(argv, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

function write(name: string, value: unknown): string {
  writeFileSync(join(dir, name), JSON.stringify(value));
  return name;
}

const dataSchema = write('data.schema.json', {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { plan: { type: 'string', enum: ['free', 'pro'] }, seats: { type: 'integer' }, trialEnds: { type: 'string', format: 'date-time-space' } },
  required: ['plan'],
});
const workato = write('data.workato.json', [
  { name: 'plan', type: 'string', optional: false },
  { name: 'seats', type: 'integer', optional: true },
]);

describe('fieldkit body', () => {
  it('builds an Iterable users/update body with designed data fields', async () => {
    const r = await cli(['body', '--preset', 'iterable.users/update', '--fields', dataSchema, '--set', 'email=a@b.co', '--set', 'dataFields.plan=pro', '--set', 'dataFields.seats=5', '--compact']);
    expect(r).toEqual({ code: 0, stdout: '{"email":"a@b.co","dataFields":{"plan":"pro","seats":5}}\n', stderr: '' });
  });

  it('takes a Workato schema as FIELDS too', async () => {
    const r = await cli(['body', '-p', 'iterable.users/update', '-f', workato, '-s', 'userId=u1', '-s', 'dataFields.plan=free', '--compact']);
    expect(r.stdout).toBe('{"userId":"u1","dataFields":{"plan":"free"}}\n');
  });

  it('exits 1 with one line per field problem and nothing on stdout', async () => {
    const r = await cli(['body', '--preset', 'iterable.users/update', '--fields', dataSchema, '--set', 'email=a@b.co', '--set', 'dataFields.Plan=pro', '--set', 'dataFields.seats=five']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'error: "dataFields.Plan" is not a field; did you mean "plan"? (different case)',
      'error: "dataFields.plan" is required.',
      'error: "dataFields.seats" must be a whole number (e.g. 42); got "five".',
    ]);
  });

  // Regression (qa): each problem line named the field twice, the second time after the sentence's full stop
  // ('error: "dataFields.seats" must be at least 1. at $.dataFields.seats'), and the JSON path spelling
  // differed from the --set path the person typed. The message names the path as --set takes it; that is enough.
  it('names_each_problem_path_once_as_typed_in_set', async () => {
    const r = await cli(['body', '--fields', dataSchema, '--set', 'plan=gold', '--set', 'trialEnds=tomorrow']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      'error: "plan" must be one of "free", "pro"; got "gold".',
      'error: "trialEnds" must be a date and time like 2024-05-01 12:00:00 +00:00 (e.g. 2024-05-01 12:00:00 +00:00); got "tomorrow".',
    ]);
    for (const l of lines) expect(l).not.toMatch(/ at \$/);
  });

  // Regression (qa): a fields file 5,000 levels deep crashed `fieldkit body` / `fieldkit fields` with
  // "internal error: RangeError: Maximum call stack size exceeded" and a stack trace (exit 70).
  it('refuses_fields_nested_thousands_of_levels_with_one_clear_line', async () => {
    const deep = '{"type":"object","properties":{"a":'.repeat(2500) + '{"type":"string"}' + '}}'.repeat(2500);
    writeFileSync(join(dir, 'deep.schema.json'), deep);
    for (const argv of [['body', '--fields', 'deep.schema.json', '--example'], ['fields', 'deep.schema.json'], ['fields', '--to', 'workato', 'deep.schema.json']]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^deep\.schema\.json: error: The file is nested more than 1000 levels deep \(under \$\.properties\.a\.properties\.a\.properties\.a…, 1000 keys down\); /);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('prints a curl command with the API key taken from the environment', async () => {
    const r = await cli(['body', '-p', 'iterable.events/track', '-s', 'email=a@b.co', '-s', 'eventName=signup', '-s', "dataFields.note=it's", '--curl']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `curl -sS -X POST 'https://api.iterable.com/api/events/track' -H "Api-Key: $ITERABLE_API_KEY" -H 'Content-Type: application/json' --data-raw '{"email":"a@b.co","eventName":"signup","dataFields":{"note":"it'\\''s"}}'\n`,
    );
  });

  it('lists presets, prints examples and refuses bad usage', async () => {
    const list = await cli(['body', '--list-presets']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('iterable.commerce/trackPurchase');
    expect(list.stdout).toContain('POST https://api.iterable.com/api/lists/subscribe');
    const ex = await cli(['body', '-p', 'iterable.users/update', '-f', dataSchema, '--example', '--compact']);
    expect(JSON.parse(ex.stdout).dataFields).toEqual({ plan: 'free', seats: 1, trialEnds: '2024-05-01 12:00:00 +00:00' });
    const bad = await cli(['body', '--preset', 'iterable.user/update']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Did you mean "iterable.users/update"?');
    expect((await cli(['body', '--set', 'a=1'])).code).toBe(2);
    expect((await cli(['body', '-p', 'iterable.users/update', '--set', 'novalue'])).code).toBe(2);
    const help = await cli(['body', '--help']);
    expect(help.stdout).toContain('--list-presets');
  });

  it('takes a hand-written field list without ids (fieldkit types detected)', async () => {
    const list = write('hand.fields.json', [
      { name: 'signup', type: 'date-time-space' },
      { name: 'contact', type: 'email', optional: true },
    ]);
    const r = await cli(['body', '-p', 'iterable.users/update', '-f', list, '-s', 'email=a@b.co', '-s', 'dataFields.signup=2024-05-01 12:00:00 +00:00', '--compact']);
    expect(r).toEqual({ code: 0, stdout: '{"email":"a@b.co","dataFields":{"signup":"2024-05-01 12:00:00 +00:00"}}\n', stderr: '' });
    const bad = write('bad.fields.json', [{ name: 'x', type: 'datetime', nullable: false }]);
    const b = await cli(['body', '-p', 'iterable.users/update', '-f', bad, '-s', 'email=a@b.co']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('Unknown field type "datetime"');
  });

  // Regression (qa): `--example --curl` printed the example body and silently dropped --curl, and `--example --set …`
  // silently dropped the values: the person got something other than what they asked for, with exit 0.
  it('refuses_example_combined_with_curl_or_values', async () => {
    for (const extra of [['--curl'], ['--set', 'email=a@b.co']]) {
      const r = await cli(['body', '-p', 'iterable.users/update', '--example', ...extra]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^fieldkit body: --example (prints placeholder data and cannot be combined with --curl|ignores values)/);
    }
  });

  // Regression (qa): `fieldkit body --fields events.schema.json --set eventName=emailOpen …` built against the MERGED
  // fields of every event type (a warning, then checks that mixed event types); the event type was right there in
  // the values. The discriminator's value now picks the variant; --variant still wins.
  it('picks_the_event_type_named_in_the_values', async () => {
    const events = write('events2.schema.json', {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      'x-fieldkit-discriminator': 'eventName',
      oneOf: [{ $ref: '#/$defs/EmailOpen' }, { $ref: '#/$defs/EmailClick' }],
      $defs: {
        EmailOpen: { title: 'emailOpen', type: 'object', properties: { eventName: { const: 'emailOpen' }, email: { type: 'string' } }, required: ['eventName', 'email'] },
        EmailClick: { title: 'emailClick', type: 'object', properties: { eventName: { const: 'emailClick' }, url: { type: 'string', format: 'uri' } }, required: ['eventName', 'url'] },
      },
    });
    const open = await cli(['body', '--fields', events, '-s', 'eventName=emailOpen', '-s', 'email=a@b.co', '--compact']);
    expect(open).toEqual({ code: 0, stdout: '{"eventName":"emailOpen","email":"a@b.co"}\n', stderr: '' });
    const click = await cli(['body', '--fields', events, '-s', 'eventName=emailClick', '-s', 'email=a@b.co']);
    expect(click.code).toBe(1);
    expect(click.stderr.trim().split('\n')).toEqual(['error: "email" is not a field.', 'error: "url" is required.']);
    const forced = await cli(['body', '--fields', events, '--variant', 'emailOpen', '-s', 'eventName=emailClick', '-s', 'email=a@b.co']);
    expect(forced.stderr.trim()).toBe('error: "eventName" must be "emailOpen".');
  });

  it('builds bodies from plain fields with array paths', async () => {
    const order = write('order.schema.json', {
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } }, required: ['sku'] } } },
    });
    const r = await cli(['body', '-f', order, '-s', 'items.0.sku=A1', '-s', 'items.0.qty=2', '-s', 'items.1.sku=B', '--compact']);
    expect(r.stdout).toBe('{"items":[{"sku":"A1","qty":2},{"sku":"B"}]}\n');
  });

  it('quotes for the shell', () => {
    expect(shellQuote("a'b")).toBe("'a'\\''b'");
  });
});

describe('fieldkit fields', () => {
  it('converts schema -> fields -> workato -> schema', async () => {
    const f = await cli(['fields', dataSchema]);
    expect(f.code).toBe(0);
    const fields = JSON.parse(f.stdout);
    expect(fields.map((x: { name: string; type: string }) => [x.name, x.type])).toEqual([
      ['plan', 'string'],
      ['seats', 'integer'],
      ['trialEnds', 'date-time-space'],
    ]);
    const w = await cli(['fields', '--to', 'workato', '-'], { stdin: f.stdout });
    // date-time-space has no Workato equivalent: said on stderr, not silently dropped (qa regression).
    expect(w.stderr).toBe('stdin: warning: Workato has no place for the format date-time-space (exported as date_time) on "trialEnds"; left out. at $.trialEnds\n');
    expect(JSON.parse(w.stdout)).toEqual([
      { name: 'plan', type: 'string', optional: false, control_type: 'select', pick_list: [['free', 'free'], ['pro', 'pro']] },
      { name: 'seats', type: 'integer', optional: true, control_type: 'number' },
      { name: 'trialEnds', type: 'date_time', optional: true, control_type: 'date_time' },
    ]);
    const back = await cli(['fields', '--from', 'fields', '--to', 'schema'], { stdin: f.stdout });
    expect(JSON.parse(back.stdout)).toEqual(JSON.parse(JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { plan: { type: 'string', enum: ['free', 'pro'] }, seats: { type: 'integer' }, trialEnds: { type: 'string', format: 'date-time-space' } },
      required: ['plan'],
    })));
  });

  it('picks one event type of a discriminated schema and reports bad input', async () => {
    const events = write('events.schema.json', {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      'x-fieldkit-discriminator': 'eventName',
      oneOf: [{ $ref: '#/$defs/EmailOpen' }],
      $defs: { EmailOpen: { title: 'emailOpen', type: 'object', properties: { eventName: { const: 'emailOpen' }, email: { type: 'string' } }, required: ['eventName'] } },
    });
    const r = await cli(['fields', '--variant', 'emailOpen', '--to', 'workato', events]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((x: { name: string }) => x.name)).toEqual(['eventName', 'email']);
    const missing = await cli(['fields', '--variant', 'nope', events]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No event type "nope"; this schema has: emailOpen.');
    const notObject = write('arr.schema.json', { type: 'array' });
    expect((await cli(['fields', notObject])).code).toBe(2);
    const dup = write('dup.fields.json', [
      { id: 'a', name: 'x', type: 'string', optional: false, nullable: false },
      { id: 'b', name: 'x', type: 'string', optional: false, nullable: false },
    ]);
    const checked = await cli(['fields', '--check', dup]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toBe('');
    expect(checked.stderr).toContain('Two fields are named "x"');
  });

  // Regression (qa): schema -> field list -> schema added `"properties": {}` to objects that had none ({ type: object,
  // patternProperties } became an object with NO keys allowed by the designer's view), and the root's title, $id,
  // definitions and additionalProperties: false vanished from `--to fields` / `--to workato` without a word.
  it('keeps_objects_without_properties_and_warns_about_root_keywords_left_out', async () => {
    const s = write('hw.schema.json', {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Order',
      type: 'object',
      properties: { meta: { type: 'object', patternProperties: { '^x-': { type: 'string' } } }, any: { type: 'object' } },
      additionalProperties: false,
    });
    const f = await cli(['fields', s]);
    expect(f.code).toBe(0);
    expect(f.stderr).toBe('hw.schema.json: warning: The schema root\'s "additionalProperties" is not part of a field list; left out (--to schema keeps it).\n');
    expect((await cli(['fields', '-v', s])).stderr).toContain('The schema root\'s "title", "additionalProperties" are not part of a field list');
    const back = await cli(['fields', '--from', 'fields', '--to', 'schema'], { stdin: f.stdout });
    expect(JSON.parse(back.stdout).properties).toEqual({ meta: { type: 'object', patternProperties: { '^x-': { type: 'string' } } }, any: { type: 'object' } });
    // Straight schema -> schema keeps the root.
    const same = await cli(['fields', '--to', 'schema', s]);
    expect(JSON.parse(same.stdout)).toEqual(JSON.parse(JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'Order', type: 'object', properties: { meta: { type: 'object', patternProperties: { '^x-': { type: 'string' } } }, any: { type: 'object' } }, additionalProperties: false })));
    expect(same.stderr).toBe('');
  });

  // Regression (qa): `fieldkit infer --draft draft-07 … | fieldkit fields --variant emailOpen --to schema` wrote a
  // 2020-12 "$schema": without --draft the output silently changed the draft the person had chosen.
  it('keeps_the_input_schema_draft_when_no_draft_is_given', async () => {
    const d7 = write('d7.schema.json', {
      $schema: 'http://json-schema.org/draft-07/schema#',
      'x-fieldkit-discriminator': 'eventName',
      oneOf: [{ $ref: '#/definitions/EmailOpen' }],
      definitions: { EmailOpen: { title: 'emailOpen', type: 'object', properties: { eventName: { const: 'emailOpen' } }, required: ['eventName'] } },
    });
    const kept = await cli(['fields', '--variant', 'emailOpen', '--to', 'schema', d7]);
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.stdout).$schema).toBe('http://json-schema.org/draft-07/schema#');
    const asked = await cli(['fields', '--variant', 'emailOpen', '--to', 'schema', '--draft', '2020-12', d7]);
    expect(JSON.parse(asked.stdout).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    // Field lists and Workato files carry no draft: 2020-12.
    const f = await cli(['fields', '--variant', 'emailOpen', d7]);
    const back = await cli(['fields', '--from', 'fields', '--to', 'schema'], { stdin: f.stdout });
    expect(JSON.parse(back.stdout).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});
