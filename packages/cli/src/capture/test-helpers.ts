import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A finished HTTP exchange as the tests see it. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

/**
 * Send one request with exact bytes and headers (fetch would normalise them). A body may be a
 * generator of chunks (sent chunked); write errors after an early answer (413) are expected and
 * ignored, as a provider would see them.
 */
export function send(
  base: string,
  path: string,
  opts: { method?: string; body?: Buffer | string | (() => Iterable<Buffer>); headers?: Record<string, string | number> } = {},
): Promise<Reply> {
  const u = new URL(base);
  const headers: Record<string, string | number> = { ...opts.headers };
  // Node's client sends a DELETE/OPTIONS body without framing unless told its length.
  const b0 = opts.body;
  if ((typeof b0 === 'string' || Buffer.isBuffer(b0)) && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) headers['Content-Length'] = Buffer.byteLength(b0);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path, method: opts.method ?? (opts.body !== undefined ? 'POST' : 'GET'), headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => {});
        // 'close' also settles a response cut short; resolving twice is a no-op.
        const settle = () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        };
        res.on('end', settle);
        res.on('close', settle);
      },
    );
    req.on('error', (err) => reject(err));
    const b = opts.body;
    if (typeof b === 'function') {
      (async () => {
        for (const chunk of b()) {
          if (req.destroyed) return;
          if (!req.write(chunk)) {
            await new Promise<void>((r) => {
              const done = () => {
                req.off('drain', done);
                req.off('close', done);
                r();
              };
              req.on('drain', done);
              req.on('close', done);
            });
          }
        }
        req.end();
      })().catch(() => {});
    } else req.end(b);
  });
}

/** A fresh temp directory, removed by the returned function. */
export function tempDir(prefix = 'fieldkit-capture-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
