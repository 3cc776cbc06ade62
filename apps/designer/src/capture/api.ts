/**
 * The capture server's JSON API as the app sees it (packages/cli/src/capture/api.ts is the
 * server side). Kept as plain fetch helpers so the view stays a thin layer over them.
 */
import type { JSONSchemaObject } from '@fieldkit/core';

// The wire types are defined once, next to the server (types only: erased from the bundle).
import type { DriftItem, SourceSummary as ServerSourceSummary, StoredEvent } from '../../../../packages/cli/src/capture/wire.js';

export type { DriftItem };

/** A captured event as the API and the stream send it. */
export type CapturedEvent = StoredEvent & {
  /** Set on stream events too large to inline: fetch `/api/events/:id` for the payload. */
  truncated?: boolean;
};

/** A source as `GET /api/sources` lists it, with its webhook URL. */
export type SourceSummary = ServerSourceSummary & { url: string };

/** Source names the server accepts. */
export const SOURCE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

const trimBase = (apiBase: string) => apiBase.replace(/\/+$/, '');

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { Accept: 'application/json', ...(init?.headers ?? {}) } });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${res.status} ${res.statusText}: the capture server sent something that is not JSON`);
  }
  if (!res.ok) {
    const msg = (body as { error?: { message?: string } }).error?.message;
    throw new Error(msg ?? `${res.status} ${res.statusText}`);
  }
  return body as T;
}

/** The webhook URL for a source. */
export function hookUrl(apiBase: string, source: string): string {
  return `${trimBase(apiBase)}/hooks/${source}`;
}

/** The SSE stream URL. */
export function streamUrl(apiBase: string): string {
  return `${trimBase(apiBase)}/api/stream`;
}

/** `GET /api/sources`. */
export function fetchSources(apiBase: string, signal?: AbortSignal): Promise<{ hookBase: string; canInfer: boolean; sources: SourceSummary[] }> {
  return getJson(`${trimBase(apiBase)}/api/sources`, { signal });
}

/** `GET /api/sources/:source/events` (newest first). */
export function fetchEvents(apiBase: string, source: string, before?: number, signal?: AbortSignal): Promise<{ events: CapturedEvent[]; nextBefore: number | null }> {
  const q = new URLSearchParams({ limit: '50' });
  if (before !== undefined) q.set('before', String(before));
  return getJson(`${trimBase(apiBase)}/api/sources/${encodeURIComponent(source)}/events?${q}`, { signal });
}

/** `GET /api/events/:id` (the whole event, for stream events sent without payload). */
export function fetchEvent(apiBase: string, id: number): Promise<CapturedEvent> {
  return getJson(`${trimBase(apiBase)}/api/events/${id}`);
}

/** `GET /api/sources/:source/schema`. */
export function fetchSchemaInfo(apiBase: string, source: string, signal?: AbortSignal): Promise<{ saved: { version: number; savedAt: string } | null; count: number; types: { type: string; count: number }[] }> {
  return getJson(`${trimBase(apiBase)}/api/sources/${encodeURIComponent(source)}/schema`, { signal });
}

/** `PUT /api/sources/:source/schema`: later events are checked for drift against it. */
export function saveSchema(apiBase: string, source: string, schema: JSONSchemaObject): Promise<{ version: number; savedAt: string }> {
  return getJson(`${trimBase(apiBase)}/api/sources/${encodeURIComponent(source)}/schema`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(schema),
  });
}

/** POST a small test event to a source, as a provider would. */
export function sendTestEvent(apiBase: string, source: string): Promise<{ id: number }> {
  return getJson(hookUrl(apiBase, source), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ eventName: 'fieldkitTest', sentAt: new Date().toISOString(), email: 'test@example.com', dataFields: { note: 'sent from the fieldkit designer' } }),
  });
}

/** A path as people read it: `$.items[0].sku`. */
export function formatDriftPath(path: readonly (string | number)[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}
