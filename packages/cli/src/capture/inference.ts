import { createInferrer, DISCRIMINATOR_KEYS, inferrerFromState, type Inferrer, type InferOptions, type Result } from '@fieldkit/core';

/** What the capture store needs from the core inferrer (CONTRACTS.md section 1). */
export interface InferApi {
  createInferrer(opts?: InferOptions): Inferrer;
  inferrerFromState(state: unknown, opts?: InferOptions): Result<Inferrer>;
}

/** The inferrer the capture store uses (a seam for tests and for builds without inference). */
export const inferApi: InferApi | undefined = { createInferrer, inferrerFromState };

/** The inferrer type the store keeps per (source, event type). */
export type CaptureInferrer = Inferrer;

/**
 * Options every capture inferrer is created with: examples and statistics on. The discriminator
 * stays on auto: within one event type it finds nothing to split, but the states keep what the
 * inferrer needs to split the merged all-types schema of a source into variants.
 */
export const CAPTURE_INFER_OPTIONS: InferOptions = { stats: true };

/**
 * Root fields that name an event type, in the order they are trusted: the inferrer's own
 * discriminator keys (Iterable `eventName`, Stripe `type`, Segment `event`, GitHub `action`…).
 */
export const EVENT_TYPE_FIELDS: readonly string[] = DISCRIMINATOR_KEYS;

/** Headers that name the event type when the body does not (GitHub, Shopify, generic). */
export const EVENT_TYPE_HEADERS = ['x-github-event', 'x-shopify-topic', 'x-event-type', 'x-webhook-event'] as const;

/** Label used for events with no recognisable type. */
export const UNTYPED = '';

/**
 * The event type of a payload: a header that names it, else the first root string field of
 * {@link EVENT_TYPE_FIELDS}; {@link UNTYPED} when none (short printable strings only).
 */
export function eventTypeOf(payload: unknown, headers: Readonly<Record<string, string>>): string {
  const ok = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 128 && !/[\u0000-\u001f]/.test(v);
  for (const h of EVENT_TYPE_HEADERS) if (Object.prototype.hasOwnProperty.call(headers, h) && ok(headers[h])) return headers[h];
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    for (const f of EVENT_TYPE_FIELDS) {
      if (!Object.prototype.hasOwnProperty.call(payload, f)) continue;
      const v = (payload as Record<string, unknown>)[f];
      if (ok(v)) return v;
    }
  }
  return UNTYPED;
}
