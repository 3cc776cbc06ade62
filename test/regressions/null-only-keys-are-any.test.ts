/**
 * Bug (F10): a key only ever seen as null (Iterable `experimentId`, Stripe `shipping`, GitHub
 * `merged_at` on opened pull requests) was written as `{type:"null"}`, so the first real value failed
 * validation; in held-out fixture deliveries this was half of all failures. Null-only means "nullable,
 * type unknown": `{}`.
 */
import { expect, it } from 'vitest';
import { inferSchema, type JSONSchemaObject } from '@fieldkit/core';
import { failingSamples } from '../helpers/ajv.js';

it('a key only seen as null accepts any value later, and stays required', () => {
  const schema = inferSchema([{ experimentId: null }, { experimentId: null }]);
  expect((schema.properties as Record<string, JSONSchemaObject>).experimentId).toEqual({});
  expect(schema.required).toEqual(['experimentId']);
  expect(failingSamples(schema, [{ experimentId: 12345 }, { experimentId: null }, { experimentId: 'exp-1' }])).toEqual([]);
});
