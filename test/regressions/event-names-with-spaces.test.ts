/**
 * Bug (F4): Segment event names ("Order Completed", with spaces, as Segment's spec names them) were
 * not accepted as event-type values, so track calls were blurred into one object with every
 * `properties` key optional. They must split by `event` — but a stream where only some calls have
 * `event` (track + identify + page) must still split by `type`, present in every call.
 */
import { expect, it } from 'vitest';
import { inferSchema } from '@fieldkit/core';

const track = (event: string, properties: object) => ({ type: 'track', event, properties, userId: 'u1' });

it('track calls split by event names with spaces', () => {
  const samples = [1, 2].flatMap(() => [track('Order Completed', { order_id: 'o1', total: 9.5 }), track('Signed Up', { plan: 'pro' })]);
  const schema = inferSchema(samples);
  expect(schema['x-fieldkit-discriminator']).toBe('event');
  expect(Object.keys(schema.$defs as object).sort()).toEqual(['OrderCompleted', 'SignedUp']);
});

it('a key missing from some samples is not chosen over one present in all', () => {
  const samples = [1, 2].flatMap(() => [track('Order Completed', { order_id: 'o1' }), track('Signed Up', { plan: 'pro' }), { type: 'identify', traits: { email: 'a@example.com' }, userId: 'u1' }]);
  expect(inferSchema(samples)['x-fieldkit-discriminator']).toBe('type');
});
