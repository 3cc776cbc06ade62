/**
 * Bug (F9): Airtable payloads are keyed by ids (tbl…, rec…, fld…: a prefix and 14 base62 characters)
 * and some ids have no digit, so map detection (which wanted a digit in every key) failed and
 * `changedRecordsById` became hundreds of optional properties named rec….
 */
import { expect, it } from 'vitest';
import { inferSchema, type JSONSchemaObject } from '@fieldkit/core';

it('objects keyed by prefixed ids are maps, digits or not', () => {
  const recs = ['recUBWSTiSPulhxjR', 'recPjjWlIfqUZ5Ldq', 'recQlugDvLSHsnJF', 'recxNOeCJxwFApAz'];
  const samples = recs.map((id) => ({ changedRecordsById: { [id]: { current: { cellValuesByFieldId: { fldQ5f5OrNULXjTO2: 1 } } } } }));
  const m = (inferSchema(samples).properties as Record<string, JSONSchemaObject>).changedRecordsById!;
  expect(m.properties).toBeUndefined();
  expect((m.additionalProperties as JSONSchemaObject).type).toBe('object');
});
