/**
 * Bug (F2): Stripe `metadata` (a user-defined string-to-string map) came out as a list of optional
 * properties named after whatever keys the samples happened to carry. It must be a map.
 */
import { expect, it } from 'vitest';
import { inferSchema, type JSONSchemaObject } from '@fieldkit/core';

it('Stripe-style metadata with varying string keys is a map of strings', () => {
  const samples = [{ order_id: '1042' }, { campaign: 'spring24', source: 'web' }, {}, { cart_id: '77', order_id: '1043' }, { affiliate: 'ref-ab12' }].map((metadata) => ({ object: 'charge', metadata }));
  const metadata = (inferSchema(samples).properties as Record<string, JSONSchemaObject>).metadata!;
  expect(metadata.properties).toBeUndefined();
  expect(metadata.additionalProperties).toEqual({ type: 'string' });
});
