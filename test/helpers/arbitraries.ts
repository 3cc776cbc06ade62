/**
 * fast-check arbitraries that look like webhook JSON rather than fc.jsonValue() noise:
 * objects drawn from a small vocabulary of recurring keys (so the same path is seen many times,
 * with optional keys and type changes), nested objects and arrays of objects, nulls, and the
 * strings and numbers real payloads carry (emails, ISO and Iterable timestamps, epoch seconds and
 * milliseconds, UUIDs, URLs, ids, money strings).
 */
import fc from 'fast-check';

/** Runs per property: many on CI, few locally (2 shared cores). */
export const NUM_RUNS = process.env.CI ? 1000 : 100;

const pad = (n: number) => String(n).padStart(2, '0');
const dateParts = fc.record({
  y: fc.integer({ min: 2001, max: 2099 }),
  mo: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 28 }),
  h: fc.integer({ min: 0, max: 23 }),
  mi: fc.integer({ min: 0, max: 59 }),
  s: fc.integer({ min: 0, max: 59 }),
});
const ymd = (p: { y: number; mo: number; d: number }) => `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
const hms = (p: { h: number; mi: number; s: number }) => `${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;

/** Strings as webhooks send them. */
export const webhookString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('emailSend', 'emailOpen', 'emailClick', 'active', 'past_due', 'opened', 'closed', 'usd', 'eur', 'card'),
  fc.tuple(fc.stringMatching(/^[a-z]{1,8}(\.[a-z]{1,6})?$/), fc.constantFrom('example.com', 'acme.io', 'mail.co.uk')).map(([u, d]) => `${u}@${d}`),
  dateParts.map((p) => `${ymd(p)}T${hms(p)}Z`),
  dateParts.map((p) => `${ymd(p)}T${hms(p)}.123+02:00`),
  dateParts.map((p) => `${ymd(p)} ${hms(p)} +00:00`),
  dateParts.map((p) => `${ymd(p)}T${hms(p)}`),
  dateParts.map(ymd),
  fc.uuid(),
  fc.webPath().map((p) => `https://api.example.com${p.startsWith('/') ? p : '/' + p}`),
  fc.stringMatching(/^(evt|cus|pi|ch)_[A-Za-z0-9]{8,14}$/),
  fc.stringMatching(/^[0-9a-f]{32}$/),
  fc.integer({ min: 0, max: 99999 }).map((c) => (c / 100).toFixed(2)),
  fc.constantFrom('', ' ', '0', '123', 'null', 'true', '2024-13-45', 'not an email@', '<b>hi</b>'),
  fc.string({ maxLength: 12 }),
);

/** Numbers as webhooks send them: small ints, ids, cents, epoch seconds/ms, floats. Never -0 or NaN (not JSON). */
export const webhookNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -5, max: 100 }),
  fc.integer({ min: 100_000, max: 20_000_000 }),
  fc.integer({ min: 946_684_800, max: 4_102_444_799 }),
  fc.integer({ min: 946_684_800_000, max: 4_102_444_799_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
  fc.constantFrom(0, 1, 0.5, 19.99, 2 ** 53 - 1),
);

const scalar: fc.Arbitrary<unknown> = fc.oneof({ weight: 4, arbitrary: webhookString }, { weight: 3, arbitrary: webhookNumber }, { weight: 1, arbitrary: fc.boolean() }, { weight: 2, arbitrary: fc.constant(null) });

/** Recurring keys: the same few names at every level, so paths repeat across samples. */
export const KEYS = ['id', 'email', 'createdAt', 'userId', 'campaignId', 'status', 'amount', 'url', 'name', 'tags', 'timestamp', 'metadata', 'items', 'dataFields', 'user', 'type', 'byId'] as const;
type Key = (typeof KEYS)[number];

const isoDate = dateParts.map((p) => `${ymd(p)}T${hms(p)}Z`);
const spaceDate = dateParts.map((p) => `${ymd(p)} ${hms(p)} +00:00`);
const email = fc.tuple(fc.stringMatching(/^[a-z]{1,8}(\.[a-z]{1,6})?$/), fc.constantFrom('example.com', 'acme.io', 'mail.co.uk')).map(([u, d]) => `${u}@${d}`);

const tree = fc.letrec<{ value: unknown; object: Record<string, unknown>; array: unknown[] }>((tie) => {
  // What each key usually holds in real payloads (so a path keeps its type most of the time);
  // one time in eight it holds anything at all, so type changes and unions are exercised too.
  const typical: Record<Key, fc.Arbitrary<unknown>> = {
    id: fc.oneof(fc.stringMatching(/^(evt|cus|pi|ch)_[A-Za-z0-9]{8,14}$/), fc.integer({ min: 1, max: 2 ** 40 })),
    email: fc.oneof(email, fc.constant(null)),
    createdAt: fc.oneof(isoDate, spaceDate),
    userId: fc.oneof(fc.stringMatching(/^usr_[a-z0-9]{6}$/), fc.constant(null)),
    campaignId: fc.integer({ min: 100_000, max: 20_000_000 }),
    status: fc.constantFrom('active', 'past_due', 'canceled', 'trialing'),
    amount: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, max: 1e5, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x))),
    url: fc.webPath().map((p) => `https://api.example.com${p.startsWith('/') ? p : '/' + p}`),
    name: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null)),
    tags: fc.array(fc.constantFrom('promo', 'vip', 'q2', 'new'), { maxLength: 3 }),
    timestamp: fc.oneof(fc.integer({ min: 946_684_800, max: 4_102_444_799 }), fc.integer({ min: 946_684_800_000, max: 4_102_444_799_000 })),
    metadata: fc.dictionary(fc.stringMatching(/^[a-z_]{1,10}$/), fc.oneof(fc.string({ maxLength: 6 }), fc.constant(null)), { maxKeys: 4 }),
    items: fc.array(tie('object'), { maxLength: 3 }),
    dataFields: tie('object'),
    user: fc.oneof(tie('object'), fc.constant(null)),
    type: fc.constantFrom('card', 'bank', 'wallet'),
    // Keys that are data (ids, dates): what map detection has to recognise, seen a few keys at a time.
    byId: fc.dictionary(fc.oneof(fc.uuid(), fc.integer({ min: 1, max: 99999 }).map(String), dateParts.map(ymd)), fc.oneof(tie('object'), fc.integer(), fc.constant(null)), { maxKeys: 4 }),
  };
  return {
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, { weight: 6, arbitrary: scalar }, { weight: 2, arbitrary: tie('object') }, { weight: 1, arbitrary: tie('array') }),
    object: fc
      .uniqueArray(fc.tuple(fc.constantFrom(...KEYS), fc.nat(7)), { maxLength: 6, selector: ([k]) => k })
      .chain((entries) => fc.tuple(...entries.map(([k, r]) => (r === 0 ? tie('value') : typical[k]).map((v) => [k, v] as const))))
      .map((entries) => Object.fromEntries(entries)),
    array: fc.array(fc.oneof(tie('object'), scalar), { maxLength: 4 }),
  };
});

/** Any webhook-like JSON value (objects most of the time). */
export const webhookValue: fc.Arbitrary<unknown> = tree.value;

/** One webhook delivery: an object at the root, with an optional event-type key drawn from a few values. */
export const webhookSample: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(tree.object, fc.option(fc.constantFrom('emailSend', 'emailOpen', 'emailBounce'), { nil: undefined }))
  .map(([o, ev]) => (ev === undefined ? o : { eventName: ev, ...o }));

/** A batch of deliveries, sometimes with the root not an object (arrays, scalars) to exercise unions. */
export const webhookSamples: fc.Arbitrary<unknown[]> = fc.oneof(
  { weight: 5, arbitrary: fc.array(webhookSample, { minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(webhookValue, { minLength: 1, maxLength: 8 }) },
);

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '<script>alert(1)</script>', 'a/b~c', ''];

/** Rename some keys of a JSON value to hostile ones, building objects with defineProperty so `__proto__` stays an own key. */
function renameKeys(v: unknown, pickKey: (k: string, depth: number) => string, depth = 0): unknown {
  if (Array.isArray(v)) return v.map((x) => renameKeys(x, pickKey, depth + 1));
  if (v === null || typeof v !== 'object') return v;
  const out = {};
  for (const [k, x] of Object.entries(v)) Object.defineProperty(out, pickKey(k, depth), { value: renameKeys(x, pickKey, depth + 1), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Webhook-like samples where some recurring keys are `__proto__`, `constructor`, HTML…: the same key is renamed in every sample, so paths still repeat. */
export const hostileWebhookSamples: fc.Arbitrary<unknown[]> = fc
  .tuple(webhookSamples, fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...HOSTILE_KEYS), { minKeys: 1, maxKeys: 4 }))
  .map(([samples, renames]) => samples.map((s) => renameKeys(s, (k) => (Object.hasOwn(renames, k) ? renames[k]! : k))));
