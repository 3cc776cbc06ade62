import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Issue } from '@fieldkit/core';

/** Source names: what may follow `/hooks/`. Checked on the raw (undecoded) path segment. */
export const SOURCE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** True when `s` is a usable source name (and not `.` or `..`, which mean something in paths). */
export function isSourceName(s: string): boolean {
  return SOURCE_NAME.test(s) && s !== '.' && s !== '..';
}

/** Send a JSON answer. `close` asks the client to drop the connection and destroys it shortly after (for bodies we refuse to read). */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, opts: { close?: boolean; headers?: Record<string, string> } = {}): void {
  if (res.headersSent || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  for (const [k, v] of Object.entries(opts.headers ?? {})) res.setHeader(k, v);
  if (opts.close) {
    res.setHeader('Connection', 'close');
    // Give the client a moment to read the answer before the unread body is thrown away.
    res.on('finish', () => setTimeout(() => req.socket.destroy(), 50).unref());
  }
  res.end(text);
}

/** Answer with an error Issue as `{ ok: false, error: issue }`. */
export function sendIssue(req: IncomingMessage, res: ServerResponse, status: number, i: Issue, opts: { close?: boolean; headers?: Record<string, string>; id?: number } = {}): void {
  sendJson(req, res, status, { ok: false, ...(opts.id !== undefined ? { id: opts.id } : {}), error: i }, opts);
}

/** Outcome of reading a request body with a size limit. */
export type BodyRead = { kind: 'ok'; body: Buffer } | { kind: 'too-large'; received: number } | { kind: 'busy' } | { kind: 'aborted' };

/**
 * Bytes held for bodies being read or waiting to commit, across all requests. Each request's
 * limit bounds one body; this bounds their sum, so many concurrent large bodies get 503 instead
 * of exhausting memory.
 */
export interface ByteBudget {
  used: number;
  max: number;
}

/**
 * Read a request body, counting bytes as they stream, and stop at `limit` without buffering the
 * rest. Resolves once; never rejects.
 */
export function readBody(req: IncomingMessage, limit: number, budget?: ByteBudget): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    // On success the caller owns the body's share of the budget (and releases it); otherwise it is released here.
    const finish = (r: BodyRead) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (budget && r.kind !== 'ok') budget.used -= size;
      resolve(r);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (budget) budget.used += c.length;
      if (size > limit) {
        chunks.length = 0;
        req.pause();
        finish({ kind: 'too-large', received: size });
        return;
      }
      if (budget && budget.used > budget.max) {
        chunks.length = 0;
        req.pause();
        finish({ kind: 'busy' });
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => finish({ kind: 'ok', body: Buffer.concat(chunks, size) }));
    req.on('error', () => finish({ kind: 'aborted' }));
    // A complete request still delivers its buffered chunks and 'end'; only an incomplete one is
    // settled here (resolving on 'close' could hand over a body whose last chunks are unread).
    req.on('close', () => {
      if (!req.complete) finish({ kind: 'aborted' });
    });
  });
}

const KEEP_HEADERS = new Set(['content-type', 'content-length', 'content-encoding', 'user-agent', 'x-forwarded-for', 'x-real-ip']);
const SECRET_WORDS = /(auth|token|secret|password|passwd|cookie|api-?key|session|credential)/i;

/**
 * Headers worth keeping with an event: content type, user agent, provider event/delivery ids and
 * signature headers (a signature is derived from the secret, it is not the secret). Anything
 * that may carry a credential (Authorization, cookies, tokens, API keys) is dropped.
 */
export function headersWorthKeeping(h: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const name of Object.keys(h).sort()) {
    if (n >= 32) break;
    const lower = name.toLowerCase();
    if (SECRET_WORDS.test(lower)) continue;
    if (!(KEEP_HEADERS.has(lower) || lower.startsWith('x-') || lower.includes('signature') || lower.includes('event') || lower.includes('delivery'))) continue;
    const raw = h[name];
    const v = Array.isArray(raw) ? raw.join(', ') : raw;
    if (typeof v !== 'string') continue;
    Object.defineProperty(out, lower, { value: v.slice(0, 1024), enumerable: true, writable: true, configurable: true });
    n++;
  }
  return out;
}

/** Parse a size such as `1mb`, `512kb`, `1048576`; undefined when malformed. */
export function parseSize(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(s.trim());
  if (!m) return undefined;
  const mult: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };
  const n = Math.floor(Number(m[1]) * mult[(m[2] ?? 'b').toLowerCase()]);
  return n > 0 ? n : undefined;
}
