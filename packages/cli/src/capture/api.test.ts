import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from './server.js';
import { send, tempDir } from './test-helpers.js';

let tmp: ReturnType<typeof tempDir>;
let server: CaptureServer;

beforeEach(async () => {
  tmp = tempDir();
  server = await startCaptureServer({ db: join(tmp.dir, 'c.db'), port: 0 });
});
afterEach(async () => {
  await server.close();
  tmp.remove();
});

const post = (source: string, v: unknown) => send(server.url, `/hooks/${source}`, { body: JSON.stringify(v), headers: { 'Content-Type': 'application/json' } });

/** Open the SSE stream and collect parsed frames until `until` says stop. */
function collectStream(headers: Record<string, string>, until: (frames: { event: string; data: unknown; id?: string }[]) => boolean): { done: Promise<{ event: string; data: unknown; id?: string }[]>; ready: Promise<void> } {
  const u = new URL(server.url);
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  const done = new Promise<{ event: string; data: unknown; id?: string }[]>((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: '/api/stream', headers, agent: false }, (res) => {
      expect(res.headers['content-type']).toMatch(/text\/event-stream/);
      markReady();
      let buf = '';
      const frames: { event: string; data: unknown; id?: string }[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const f: { event: string; data: unknown; id?: string } = { event: 'message', data: undefined };
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) f.event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
            else if (line.startsWith('id: ')) f.id = line.slice(4);
          }
          if (!data) continue;
          f.data = JSON.parse(data);
          frames.push(f);
          if (until(frames)) {
            req.destroy();
            resolve(frames);
          }
        }
      });
    });
    req.on('error', (e) => reject(e));
    req.end();
  });
  return { done, ready };
}

describe('capture API', () => {
  it('lists sources with counts, types and their webhook URL', async () => {
    await post('iterable', { eventName: 'emailSend', email: 'a@x.io' });
    await post('iterable', { eventName: 'emailOpen', email: 'a@x.io' });
    await send(server.url, '/hooks/iterable', { body: '{oops' });
    await post('github', { action: 'opened' });
    const r = await send(server.url, '/api/sources');
    expect(r.status).toBe(200);
    const body = r.json as { hookBase: string; sources: { source: string; count: number; rejected: number; url: string; types: { type: string; count: number }[] }[] };
    expect(body.hookBase).toBe(`${server.url}/hooks/`);
    expect(body.sources.map((s) => s.source)).toEqual(['github', 'iterable']);
    const it = body.sources[1];
    expect(it).toMatchObject({ count: 3, rejected: 1, url: `${server.url}/hooks/iterable` });
    expect(it.types.sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { type: 'emailOpen', count: 1 },
      { type: 'emailSend', count: 1 },
    ]);
  });

  it('pages events newest first with before/limit', async () => {
    for (let i = 0; i < 7; i++) await post('p', { i });
    const first = (await send(server.url, '/api/sources/p/events?limit=3')).json as { events: { id: number; payload: { i: number } }[]; nextBefore: number };
    expect(first.events.map((e) => e.payload.i)).toEqual([6, 5, 4]);
    const second = (await send(server.url, `/api/sources/p/events?limit=3&before=${first.nextBefore}`)).json as typeof first;
    expect(second.events.map((e) => e.payload.i)).toEqual([3, 2, 1]);
    const last = (await send(server.url, `/api/sources/p/events?limit=3&before=${second.nextBefore}`)).json as { events: unknown[]; nextBefore: number | null };
    expect(last.events).toHaveLength(1);
    expect(last.nextBefore).toBeNull();
    expect((await send(server.url, '/api/sources/p/events?limit=abc')).status).toBe(400);
    expect((await send(server.url, '/api/sources/..%2f/events')).status).toBe(400);
    const one = await send(server.url, `/api/events/${first.events[0].id}`);
    expect((one.json as { payload: { i: number } }).payload.i).toBe(6);
    const raw = await send(server.url, `/api/events/${first.events[0].id}/raw`);
    expect(raw.text).toBe('{"i":6}');
    expect((await send(server.url, '/api/events/999999')).status).toBe(404);
  });

  it('saves a schema and records drift against it, on the stream too', async () => {
    const schema = { type: 'object', properties: { email: { type: 'string' }, count: { type: 'integer' } }, required: ['email', 'count'] };
    const put = await send(server.url, '/api/sources/shop/schema', { method: 'PUT', body: JSON.stringify(schema) });
    expect(put.status).toBe(200);
    expect((put.json as { version: number }).version).toBeGreaterThan(0);
    const stream = collectStream({}, (f) => f.some((x) => x.event === 'drift'));
    await stream.ready;
    const ok = await post('shop', { email: 'a', count: 1 });
    expect((ok.json as { drift: number }).drift).toBe(0);
    const drifted = await post('shop', { email: 'a', count: 'one', coupon: 'X' });
    expect((drifted.json as { drift: number }).drift).toBe(2);
    const frames = await stream.done;
    const captures = frames.filter((f) => f.event === 'capture').map((f) => f.data as { id: number; payload: unknown });
    expect(captures.map((c) => c.payload)).toEqual([{ email: 'a', count: 1 }, { email: 'a', count: 'one', coupon: 'X' }]);
    const drift = frames.find((f) => f.event === 'drift')!.data as { id: number; drift: { kind: string; path: string[] }[] };
    expect(drift.id).toBe((drifted.json as { id: number }).id);
    expect(drift.drift.map((d) => d.kind).sort()).toEqual(['added', 'type-changed']);
    const events = (await send(server.url, '/api/sources/shop/events')).json as { events: { drift: { kind: string }[] }[] };
    expect(events.events[0].drift).toHaveLength(2);
    expect(events.events[1].drift).toHaveLength(0);
    const got = (await send(server.url, '/api/sources/shop/schema')).json as { saved: { schema: unknown } };
    expect(got.saved.schema).toEqual(schema);
    const sources = (await send(server.url, '/api/sources')).json as { sources: { source: string; driftEvents: number }[] };
    expect(sources.sources.find((s) => s.source === 'shop')?.driftEvents).toBe(1);
  });

  it('refuses a schema that is not an object or not JSON', async () => {
    expect((await send(server.url, '/api/sources/s/schema', { method: 'PUT', body: '[1]' })).status).toBe(400);
    const uncompilable = await send(server.url, '/api/sources/s/schema', { method: 'PUT', body: '{"type": "object", "properties": {"a": {"type": 5}}}' });
    expect(uncompilable.status).toBe(400);
    expect((uncompilable.json as { error: { code: string } }).error.code).toBe('validate/schema');
    expect(((await send(server.url, '/api/sources/s/schema')).json as { saved: unknown }).saved).toBeNull();
    const bad = await send(server.url, '/api/sources/s/schema', { method: 'PUT', body: '{"type": }' });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { line: number } }).error.line).toBe(1);
  });

  it('replays missed events to a reconnecting stream (Last-Event-ID)', async () => {
    const a = (await post('r', { n: 1 })).json as { id: number };
    await post('r', { n: 2 });
    await post('r', { n: 3 });
    const stream = collectStream({ 'Last-Event-ID': String(a.id) }, (f) => f.filter((x) => x.event === 'capture').length >= 2);
    const frames = await stream.done;
    expect(frames.map((f) => (f.data as { payload: { n: number } }).payload.n)).toEqual([2, 3]);
  });

  it('allows CORS from loopback origins only, and the API only for loopback Host names', async () => {
    const pre = await send(server.url, '/api/sources', { method: 'OPTIONS', headers: { Origin: 'http://localhost:5178', 'Access-Control-Request-Method': 'PUT' } });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('http://localhost:5178');
    const evil = await send(server.url, '/api/sources', { headers: { Origin: 'https://evil.example' } });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const rebound = await send(server.url, '/api/sources', { headers: { Host: 'evil.example:5179' } });
    expect(rebound.status).toBe(403);
    expect((await send(server.url, '/nope')).status).toBe(404);
    expect((await send(server.url, '/api/nope')).status).toBe(404);
  });
});
