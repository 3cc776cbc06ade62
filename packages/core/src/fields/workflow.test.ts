import { describe, expect, it } from 'vitest';
import { inferSchema } from '../infer/index.js';
import { buildPresetBody } from '../body/index.js';
import { checkKeys, fieldsFromWorkato, fieldsToSchema, fieldsToWorkato, schemaToFields } from './index.js';

/**
 * The Workato + Iterable flow from the connector docs (shared seed): paste a webhook payload into
 * the JSON wizard to get the fields, export them for Workato, then check that later payloads and
 * the "Data fields" of an action use exactly those names.
 */
describe('Workato + Iterable workflow', () => {
  const payload = {
    email: 'ada@example.com',
    eventName: 'emailOpen',
    dataFields: { new_field: 'hello', test_field: 42, signupDate: '2024-05-01 12:00:00 +00:00' },
  };

  it('payload -> fields -> Workato schema -> fields keeps names and types', () => {
    const schema = inferSchema([payload], { discriminator: false });
    const r = schemaToFields(schema);
    if (!r.ok) throw new Error('expected fields');
    const workato = fieldsToWorkato(r.value);
    expect(workato.map((f) => [f.name, f.type])).toEqual([
      ['email', 'string'],
      ['eventName', 'string'],
      ['dataFields', 'object'],
    ]);
    expect(workato[2]!.properties!.map((f) => [f.name, f.type])).toEqual([
      ['new_field', 'string'],
      ['test_field', 'integer'],
      ['signupDate', 'date_time'],
    ]);
    const back = fieldsFromWorkato(JSON.parse(JSON.stringify(workato)));
    if (!back.ok) throw new Error('expected fields');
    expect(back.value[2]!.properties!.map((f) => f.name)).toEqual(['new_field', 'test_field', 'signupDate']);
    expect(fieldsToSchema(back.value).properties!.dataFields).toMatchObject({ type: 'object' });
  });

  it('names must match exactly: a later payload with near misses is reported field by field', () => {
    const r = schemaToFields(inferSchema([payload], { discriminator: false }));
    if (!r.ok) throw new Error('expected fields');
    const issues = checkKeys(r.value, { email: 'ada@example.com', eventName: 'emailOpen', dataFields: { 'new field': 'x', testField: '42', signupDate: '2024-05-02 08:00:00 +00:00' } }, { profile: 'iterable' });
    expect(issues.map((i) => i.message)).toEqual([
      'Key "new field" is not a field; did you mean "new_field"? (spaces vs snake_case) Iterable names are exact: this would create a second field.',
      'Key "testField" is not a field; did you mean "test_field"? (camelCase vs snake_case) Iterable names are exact: this would create a second field.',
    ]);
  });

  it('the designed data fields drive the action body (users/update)', () => {
    const r = schemaToFields(inferSchema([payload.dataFields]));
    if (!r.ok) throw new Error('expected fields');
    const body = buildPresetBody('iterable.users/update', r.value, { email: 'ada@example.com', dataFields: { new_field: 'hi', test_field: '7', signupDate: '2024-06-01 09:30:00 +00:00' } });
    expect(body.ok && body.value).toEqual({ email: 'ada@example.com', dataFields: { new_field: 'hi', test_field: 7, signupDate: '2024-06-01 09:30:00 +00:00' } });
  });
});
