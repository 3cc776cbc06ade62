import * as core from '@fieldkit/core';
import type { JSONSchemaObject, Result } from '@fieldkit/core';

/**
 * The slice of the inferrer contract (CONTRACTS.md §1) the capture server uses, looked up at
 * run time so capture keeps receiving and storing events even in a build whose core has no
 * inferrer (then no schemas are derived, and the API says so).
 */
export interface CaptureInferrer {
  add(sample: unknown): void;
  merge(other: CaptureInferrer | unknown): void;
  readonly state: unknown;
  readonly count: number;
  toSchema(opts?: { stats?: boolean; discriminator?: string | false }): JSONSchemaObject;
}

interface InferApi {
  createInferrer(opts?: { stats?: boolean; discriminator?: string | false }): CaptureInferrer;
  inferrerFromState(state: unknown, opts?: { stats?: boolean }): Result<CaptureInferrer>;
}

function loadInferApi(): InferApi | undefined {
  const c = core as unknown as Partial<InferApi>;
  if (typeof c.createInferrer === 'function' && typeof c.inferrerFromState === 'function') return c as InferApi;
  return undefined;
}

/** The core's inferrer, or undefined when this build of @fieldkit/core has none. */
export const inferApi: InferApi | undefined = loadInferApi();

/**
 * Root fields that name an event type, in the order they are trusted: Iterable's `eventName`,
 * then the usual spellings elsewhere (Stripe `type`, Segment `event`, GitHub `action`).
 */
export const EVENT_TYPE_FIELDS = ['eventName', 'event_type', 'eventType', 'type', 'event', 'topic', 'action'] as const;

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
