import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CaptureStore, StoredEvent } from './store.js';

/**
 * Server-sent events for the app: `event: capture` for every stored event (payload included
 * when small; the app fetches `/api/events/:id` otherwise), `event: drift` for events that
 * drifted from the saved schema, `event: schema` when a schema is saved. The SSE `id` is the
 * event id, so a reconnecting EventSource (Last-Event-ID) gets what it missed.
 */
export interface EventStream {
  /** Serve one client (the response stays open). */
  attach(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void;
  publish(events: readonly StoredEvent[]): void;
  publishSchema(source: string, version: number): void;
  readonly clients: number;
  close(): void;
}

/** Events larger than this (serialized) are sent without payload; the client fetches them. */
export const STREAM_INLINE_LIMIT = 256 * 1024;
/** A client whose unsent output grows past this is too slow and is dropped (it reconnects and replays). */
const SLOW_CLIENT_BYTES = 8 * 1024 * 1024;
const REPLAY_LIMIT = 1000;
/** Most open streams at once; more are refused with 503 (each holds a socket and a buffer). */
export const MAX_STREAM_CLIENTS = 64;

/** The event as sent on the stream: whole when small, else without payload and with `truncated: true`. */
export function streamView(e: StoredEvent): StoredEvent & { truncated?: boolean } {
  const whole = JSON.stringify(e);
  if (whole.length <= STREAM_INLINE_LIMIT) return e;
  const { payload: _p, bodyPreview: _b, ...rest } = e;
  return { ...rest, truncated: true };
}

function frames(e: StoredEvent): string {
  let out = `id: ${e.id}\nevent: capture\ndata: ${JSON.stringify(streamView(e))}\n\n`;
  if (e.drift.length) out += `event: drift\ndata: ${JSON.stringify({ id: e.id, source: e.source, type: e.type, drift: e.drift })}\n\n`;
  return out;
}

/** Create the stream hub for a store. */
export function createStream(store: CaptureStore): EventStream {
  const clients = new Set<ServerResponse>();
  const send = (res: ServerResponse, text: string) => {
    if (res.writableLength > SLOW_CLIENT_BYTES) {
      clients.delete(res);
      res.destroy();
      return;
    }
    res.write(text);
  };
  const ping = setInterval(() => {
    for (const c of clients) send(c, ': ping\n\n');
  }, 15_000);
  ping.unref();
  return {
    get clients() {
      return clients.size;
    },
    attach(req, res, headers) {
      if (clients.size >= MAX_STREAM_CLIENTS) {
        const text = JSON.stringify({ ok: false, error: { code: 'capture/busy', severity: 'error', message: `too many open streams (${MAX_STREAM_CLIENTS}); close a tab and retry`, path: [] } });
        res.writeHead(503, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '5' });
        res.end(text);
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      res.write('retry: 2000\n\n');
      const last = Number(req.headers['last-event-id']);
      if (Number.isSafeInteger(last) && last >= 0) for (const e of store.eventsAfter(last, REPLAY_LIMIT)) send(res, frames(e));
      clients.add(res);
      const drop = () => clients.delete(res);
      req.on('close', drop);
      res.on('close', drop);
      res.on('error', drop);
    },
    publish(events) {
      if (!clients.size) return;
      const text = events.map(frames).join('');
      for (const c of clients) send(c, text);
    },
    publishSchema(source, version) {
      const text = `event: schema\ndata: ${JSON.stringify({ source, version })}\n\n`;
      for (const c of clients) send(c, text);
    },
    close() {
      clearInterval(ping);
      for (const c of clients) c.end();
      clients.clear();
    },
  };
}
