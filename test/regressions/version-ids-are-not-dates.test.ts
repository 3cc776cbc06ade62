/**
 * Bug (F6): Stripe's `api_version: "2024-04-10"` got `format: "date"`; it is a version id that only
 * looks like a date (current ones read "2024-09-30.acacia"), so the schema rejected newer deliveries.
 */
import { expect, it } from 'vitest';
import { inferSchema, type JSONSchemaObject } from '@fieldkit/core';

it('no date format under version keys', () => {
  const p = inferSchema([{ api_version: '2024-04-10' }, { api_version: '2023-10-16' }]).properties as Record<string, JSONSchemaObject>;
  expect(p.api_version).toEqual({ type: 'string' });
});
