import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issue } from '@fieldkit/core';
import { handleApi, type ApiContext } from './api.js';
import { headersWorthKeeping, isSourceName, readBody, sendIssue, sendJson, type ByteBudget } from './http-util.js';
import { eventTypeOf, UNTYPED } from './inference.js';
import { decodeAndParse } from './parse-body.js';
import { SCHEME_HINTS, verifySignature, type SignatureScheme } from './signature.js';
import { openCaptureStore, type CaptureStore, type IncomingEvent, type StoredEvent, type SyncMode } from './store.js';
import { createStream, type EventStream } from './stream.js';

/** Options for {@link startCaptureServer}. */
export interface CaptureServerOptions {
  /** SQLite file to store events in (created if missing). */
  db: string;
  /** Interface to listen on; loopback unless you mean to expose the server. */
  host?: string;
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** Largest accepted body in bytes; larger bodies get 413 without being read whole. */
  maxBody?: number;
  /** Deepest JSON nesting accepted (deeper bodies are stored as rejected). At most {@link MAX_DEPTH_LIMIT}. */
  maxDepth?: number;
  /**
   * Per-source HMAC-SHA256 secrets: the request must carry a valid signature of its raw body,
   * in the source's scheme (see `signatures`; default `hmac`: `X-Signature: sha256=<hex>` or
   * GitHub's `X-Hub-Signature-256`).
   */
  secrets?: ReadonlyMap<string, string>;
  /** Per-source signature scheme for sources with a secret: `hmac` (default), `github`, `stripe` or `shopify`. */
  signatures?: ReadonlyMap<string, SignatureScheme>;
  /** Per-source tokens: the request must carry `Authorization: Bearer <token>` or `X-Fieldkit-Token: <token>`. */
  tokens?: ReadonlyMap<string, string>;
  /** Extra origins allowed to call the API from a browser (loopback origins always are). */
  corsOrigins?: readonly string[];
  /** SQLite synchronous mode. */
  sync?: SyncMode;
  /** Group-commit window in ms: requests arriving within it share one transaction. 0 = commit at the end of the current I/O turn. */
  commitWindowMs?: number;
  /** Most events in one transaction. */
  maxBatch?: number;
  /** Most body bytes held at once (being read or waiting to commit); beyond it requests get 503. */
  maxPendingBytes?: number;
  /** One line per notable thing (startup, warnings). */
  log?: (line: string) => void;
}

/** The deepest `maxDepth` allowed: consumers of a payload (inference, drift, JSON.stringify) may recurse once per level. */
export const MAX_DEPTH_LIMIT = 2048;

/** Default options for {@link startCaptureServer}. */
export const DEFAULT_CAPTURE_SERVER_OPTIONS = {
  host: '127.0.0.1',
  port: 5179,
  maxBody: 1024 * 1024,
  maxDepth: 512,
  sync: 'full' as SyncMode,
  commitWindowMs: 0,
  maxBatch: 2000,
  maxPendingBytes: 256 * 1024 * 1024,
} as const;

/** A running capture server. */
export interface CaptureServer {
  /** Base URL, e.g. `http://127.0.0.1:5179`. */
  readonly url: string;
  readonly port: number;
  readonly store: CaptureStore;
  /** Stop accepting, commit what is pending, close the database. */
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

interface Pending {
  event: IncomingEvent;
  resolve(e: StoredEvent): void;
  reject(err: unknown): void;
}

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Start a capture server: webhooks in at `POST /hooks/:source`, the app's API under `/api/`. */
export async function startCaptureServer(options: CaptureServerOptions): Promise<CaptureServer> {
  const o = { ...DEFAULT_CAPTURE_SERVER_OPTIONS, ...options };
  const maxDepth = Math.min(MAX_DEPTH_LIMIT, Math.max(1, o.maxDepth));
  const log = o.log ?? (() => {});
  const store = openCaptureStore(o.db, { sync: o.sync, onWarning: (m) => log(`warning: ${m}`) });
  const stream: EventStream = createStream(store);

  // Group commit: every request whose body completed in the same turn (or window) shares one
  // transaction; each is answered only after that transaction committed.
  let pending: Pending[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    while (pending.length) {
      const batch = pending.slice(0, o.maxBatch);
      pending = pending.slice(batch.length);
      let stored: StoredEvent[];
      try {
        stored = store.append(batch.map((p) => p.event));
      } catch (err) {
        log(`error: could not store ${batch.length} event(s): ${err instanceof Error ? err.message : String(err)}`);
        for (const p of batch) p.reject(err);
        continue;
      }
      batch.forEach((p, i) => p.resolve(stored[i]));
      stream.publish(stored);
    }
  };
  const commit = (event: IncomingEvent) =>
    new Promise<StoredEvent>((resolve, reject) => {
      pending.push({ event, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        if (o.commitWindowMs > 0) setTimeout(flush, o.commitWindowMs);
        else setImmediate(flush);
      }
    });

  const budget: ByteBudget = { used: 0, max: o.maxPendingBytes };
  const boundLoopback = LOOPBACK.test(o.host);
  let baseUrl = '';
  const ctx: ApiContext = { store, stream, get baseUrl() { return baseUrl; }, checkHost: boundLoopback, corsOrigins: o.corsOrigins ?? [], maxBody: Math.max(o.maxBody, 4 * 1024 * 1024) };

  async function capture(req: IncomingMessage, res: ServerResponse, source: string): Promise<void> {
    const receivedAt = () => new Date().toISOString();
    const token = o.tokens?.get(source);
    if (token !== undefined) {
      const auth = req.headers.authorization;
      const given = typeof auth === 'string' && /^Bearer /i.test(auth) ? auth.slice(7).trim() : req.headers['x-fieldkit-token'];
      if (typeof given !== 'string' || !sameSecret(given, token)) {
        sendIssue(req, res, 401, issue('capture/unauthorized', `source "${source}" needs a token: send "Authorization: Bearer <token>"`, { source }), { close: true });
        return;
      }
    }
    const secret = o.secrets?.get(source);
    const declared = Number(req.headers['content-length']);
    const tooLarge = (received: number) => {
      const why = issue('capture/too-large', `the body (${received} bytes or more) is larger than the limit of ${o.maxBody} bytes (--max-body)`, { source, params: { limit: o.maxBody, received } });
      const answer = (id?: number) => sendIssue(req, res, 413, why, { close: true, ...(id !== undefined ? { id } : {}) });
      // Unverifiable when signed: not stored. Otherwise remembered (without a body) so the user sees what the provider tried.
      if (secret !== undefined) return answer();
      commit({ receivedAt: receivedAt(), source, headers: headersWorthKeeping(req.headers), body: null, status: 'rejected', reason: why, type: UNTYPED }).then(
        (e) => answer(e.id),
        () => answer(),
      );
    };
    if (Number.isFinite(declared) && declared > o.maxBody) return tooLarge(declared);
    const read = await readBody(req, o.maxBody, budget);
    if (read.kind === 'aborted') return; // never acknowledged: nothing to keep
    if (read.kind === 'too-large') return tooLarge(read.received);
    if (read.kind === 'busy') {
      sendIssue(req, res, 503, issue('capture/busy', 'too many large bodies in flight; retry shortly', { source }), { close: true, headers: { 'Retry-After': '1' } });
      return;
    }
    const body = read.body;
    try {
      await handleBody(req, res, source, body, secret);
    } finally {
      budget.used -= body.length;
    }
  }

  async function handleBody(req: IncomingMessage, res: ServerResponse, source: string, body: Buffer, secret: string | undefined): Promise<void> {
    const receivedAt = () => new Date().toISOString();
    if (secret !== undefined) {
      const scheme = o.signatures?.get(source) ?? 'hmac';
      if (!verifySignature(scheme, req.headers, body, secret, Math.floor(Date.now() / 1000))) {
        sendIssue(req, res, 401, issue('capture/signature', `the signature of this request does not match the secret of source "${source}" (${scheme}): send ${SCHEME_HINTS[scheme]}`, { source, params: { scheme } }));
        return;
      }
    }
    const headers = headersWorthKeeping(req.headers);
    const parsed = decodeAndParse(body, maxDepth);
    const event: IncomingEvent = parsed.ok
      ? { receivedAt: receivedAt(), source, headers, body, status: 'accepted', payload: parsed.payload, type: eventTypeOf(parsed.payload, headers) }
      : { receivedAt: receivedAt(), source, headers, body, status: 'rejected', reason: { ...parsed.issue, source }, type: UNTYPED };
    let stored: StoredEvent;
    try {
      stored = await commit(event);
    } catch {
      sendIssue(req, res, 503, issue('capture/store', 'the event could not be stored; it was NOT recorded, please retry', { source }));
      return;
    }
    if (stored.status === 'rejected') sendIssue(req, res, 400, stored.reason!, { id: stored.id });
    else sendJson(req, res, 200, { ok: true, id: stored.id, source, type: stored.type, drift: stored.drift.length });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const hook = /^\/hooks\/([^/]*)\/?$/.exec(path);
    if (hook) {
      const source = hook[1];
      if (!isSourceName(source)) {
        sendIssue(req, res, 400, issue('capture/source', `"${source.slice(0, 80)}" is not a source name: use 1 to 64 of A-Z a-z 0-9 . _ - (no encoding)`), { close: true });
        return;
      }
      if (req.method === 'OPTIONS') return void handleApi(req, res, ctx);
      if (req.method !== 'POST') {
        sendIssue(req, res, 405, issue('capture/method', `send webhooks with POST to ${baseUrl}/hooks/${source}`), { close: true, headers: { Allow: 'POST' } });
        return;
      }
      return capture(req, res, source);
    }
    if (path.startsWith('/hooks/') || path === '/hooks') {
      sendIssue(req, res, 404, issue('capture/source', 'webhook URLs look like /hooks/<source>, source = 1 to 64 of A-Z a-z 0-9 . _ -'), { close: true });
      return;
    }
    return handleApi(req, res, ctx);
  }

  const server: Server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000, keepAliveTimeout: 5_000 }, (req, res) => {
    req.on('error', () => {});
    res.on('error', () => {});
    route(req, res).catch((err: unknown) => {
      log(`error: ${req.method} ${req.url}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      sendIssue(req, res, 500, issue('capture/internal', 'internal error in fieldkit capture (this is a bug; the server keeps running)'));
    });
  });
  server.maxHeadersCount = 200;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n{"ok":false,"error":{"code":"capture/http","message":"malformed HTTP request"}}');
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A deep accept queue: a provider (or a load test) opening 1,000 connections at once would
    // otherwise overflow the default 511 and wait a full SYN retry (1 s) per dropped connection.
    server.listen({ port: o.port, host: o.host, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => {
    store.close();
    throw err;
  });
  store.markServer(process.pid);
  const addr = server.address() as AddressInfo;
  const hostPart = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  baseUrl = `http://${hostPart}:${addr.port}`;

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    port: addr.port,
    store,
    close() {
      closing ??= new Promise<void>((resolve) => {
        stream.close();
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }).then(() => {
        flush();
        store.markServer(undefined);
        store.close();
      });
      return closing;
    },
  };
}
