import type { IncomingMessage, ServerResponse } from 'node:http';
import { issue, type JSONSchemaObject } from '@fieldkit/core';
import { createValidator } from '@fieldkit/core/validate';
import { isSourceName, readBody, sendIssue, sendJson } from './http-util.js';
import { decodeAndParse } from './parse-body.js';
import type { CaptureStore } from './store.js';
import type { EventStream } from './stream.js';

/** What the API handlers need from the server. */
export interface ApiContext {
  store: CaptureStore;
  stream: EventStream;
  /** The server's base URL (for the webhook URLs it lists). */
  readonly baseUrl: string;
  /** When bound to loopback: refuse API calls whose Host is not a loopback name (DNS rebinding). */
  checkHost: boolean;
  /** Extra allowed browser origins. */
  corsOrigins: readonly string[];
  /** Largest API request body (saved schemas). */
  maxBody: number;
}

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d{1,5})?$/;
const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d{1,5})?$/;

function corsHeaders(req: IncomingMessage, ctx: ApiContext): Record<string, string> {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !(LOOPBACK_ORIGIN.test(origin) || ctx.corsOrigins.includes(origin))) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    Vary: 'Origin',
    'Access-Control-Allow-Methods': 'GET, PUT, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Last-Event-ID, X-Signature, Authorization',
    'Access-Control-Max-Age': '600',
  };
}

function intParam(v: string | null): number | undefined {
  if (v === null || !/^\d{1,15}$/.test(v)) return undefined;
  return Number(v);
}

/** Handle `/api/...`, `/` and CORS preflights. Unknown paths get 404. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): Promise<void> {
  const cors = corsHeaders(req, ctx);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors);
    res.end();
    return;
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://capture.invalid');
  } catch {
    sendIssue(req, res, 400, issue('capture/url', 'malformed URL'), { headers: cors });
    return;
  }
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const { store } = ctx;
  if (path === '/' && method === 'GET') {
    sendJson(req, res, 200, {
      name: 'fieldkit capture',
      webhooks: `POST ${ctx.baseUrl}/hooks/<source>`,
      api: ['GET /api/sources', 'GET /api/sources/:source/events?before=&limit=', 'GET /api/sources/:source/schema?type=', 'PUT /api/sources/:source/schema', 'GET /api/events/:id', 'GET /api/events/:id/raw', 'GET /api/stream'],
    }, { headers: cors });
    return;
  }
  if (!path.startsWith('/api/')) {
    sendIssue(req, res, 404, issue('capture/not-found', `nothing at ${path.slice(0, 100)}: webhooks go to POST /hooks/<source>`), { headers: cors, close: true });
    return;
  }
  if (ctx.checkHost && !LOOPBACK_HOST.test(req.headers.host ?? '')) {
    sendIssue(req, res, 403, issue('capture/host', 'the API answers loopback host names only (localhost, 127.0.0.1)'), { close: true });
    return;
  }
  const seg = path.slice('/api/'.length).split('/');
  const bad = (m: string) => sendIssue(req, res, 400, issue('capture/request', m), { headers: cors });

  if (seg.length === 1 && seg[0] === 'sources' && method === 'GET') {
    sendJson(req, res, 200, {
      hookBase: `${ctx.baseUrl}/hooks/`,
      canInfer: store.canInfer,
      sources: store.sources().map((s) => ({ ...s, url: `${ctx.baseUrl}/hooks/${s.source}` })),
    }, { headers: cors });
    return;
  }
  if (seg.length === 1 && seg[0] === 'stream' && method === 'GET') {
    ctx.stream.attach(req, res, cors);
    return;
  }
  if (seg[0] === 'events' && (seg.length === 2 || (seg.length === 3 && seg[2] === 'raw')) && method === 'GET') {
    const id = intParam(seg[1]);
    const e = id === undefined ? undefined : store.event(id);
    if (!e) {
      sendIssue(req, res, 404, issue('capture/not-found', `no event ${seg[1].slice(0, 20)}`), { headers: cors });
      return;
    }
    if (seg.length === 3) {
      const body = e.body ?? Buffer.alloc(0);
      res.writeHead(200, { ...cors, 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
      res.end(body);
      return;
    }
    const { body: _b, ...rest } = e;
    sendJson(req, res, 200, rest, { headers: cors });
    return;
  }
  if (seg[0] === 'sources' && seg.length === 3) {
    const source = seg[1];
    if (!isSourceName(source)) return bad(`"${source.slice(0, 80)}" is not a source name`);
    if (seg[2] === 'events' && method === 'GET') {
      const before = url.searchParams.get('before');
      const limit = url.searchParams.get('limit');
      if ((before !== null && intParam(before) === undefined) || (limit !== null && intParam(limit) === undefined)) return bad('before and limit must be whole numbers');
      const events = store.events(source, { before: intParam(before), limit: intParam(limit) ?? 50 });
      const want = intParam(limit) ?? 50;
      sendJson(req, res, 200, { source, events, nextBefore: events.length === Math.min(500, Math.max(1, want)) ? events[events.length - 1].id : null }, { headers: cors });
      return;
    }
    if (seg[2] === 'schema' && method === 'GET') {
      const type = url.searchParams.get('type') ?? undefined;
      const inferred = store.inferredSchema(source, type);
      const saved = store.savedSchema(source);
      sendJson(req, res, 200, {
        source,
        canInfer: store.canInfer,
        count: inferred?.count ?? 0,
        types: store.inferredTypes(source),
        inferred: inferred?.schema ?? null,
        saved: saved ?? null,
      }, { headers: cors });
      return;
    }
    if (seg[2] === 'schema' && method === 'PUT') {
      const read = await readBody(req, ctx.maxBody);
      if (read.kind === 'aborted') return;
      if (read.kind === 'too-large' || read.kind === 'busy') {
        sendIssue(req, res, 413, issue('capture/too-large', `a schema may be at most ${ctx.maxBody} bytes`), { headers: cors, close: true });
        return;
      }
      const parsed = decodeAndParse(read.body);
      if (!parsed.ok) {
        sendIssue(req, res, 400, parsed.issue, { headers: cors });
        return;
      }
      const schema = parsed.payload;
      if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return bad('the body must be a JSON Schema object');
      // A schema the validator cannot compile would silently check nothing: refuse it with the reasons.
      const compiled = createValidator(schema as JSONSchemaObject);
      if (!compiled.ok) {
        sendJson(req, res, 400, { ok: false, error: compiled.issues[0], issues: compiled.issues }, { headers: cors });
        return;
      }
      const saved = store.saveSchema(source, schema as JSONSchemaObject);
      ctx.stream.publishSchema(source, saved.version);
      sendJson(req, res, 200, { ok: true, source, version: saved.version, savedAt: saved.savedAt }, { headers: cors });
      return;
    }
  }
  sendIssue(req, res, 404, issue('capture/not-found', `no API at ${method} ${path.slice(0, 100)}`), { headers: cors });
}
