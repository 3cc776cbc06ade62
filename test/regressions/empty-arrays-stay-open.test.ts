/**
 * Bug (F1): an array only ever seen empty (Iterable `labels: []`, Shopify `refunds: []`) was written
 * as `{type:"array", maxItems:0}`, so the first delivery with a label or a refund failed validation.
 * Payloads grow: an empty-only array must stay open, like an empty-only object.
 */
import { expect, it } from 'vitest';
import { inferSchema, type JSONSchemaObject } from '@fieldkit/core';
import { failingSamples } from '../helpers/ajv.js';

it('an array only seen empty accepts items later', () => {
  const schema = inferSchema([{ labels: [] }, { labels: [] }, { labels: [] }]);
  const labels = (schema.properties as Record<string, JSONSchemaObject>).labels!;
  expect(labels).toEqual({ type: 'array' });
  expect(failingSamples(schema, [{ labels: ['promo'] }, { labels: [{ id: 1 }] }])).toEqual([]);
});
