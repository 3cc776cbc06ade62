import { createHmac } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from './server.js';
import { send, tempDir } from './test-helpers.js';

let tmp: ReturnType<typeof tempDir>;
let server: CaptureServer;
let dbFile: string;

interface Row {
  id: number;
  source: string;
  status: string;
  reason: string | null;
  headers: string;
  body: Buffer | null;
  payload: string | null;
  event_type: string;
}

const rows = (): Row[] => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare('SELECT * FROM events ORDER BY id').all() as Row[];
  } finally {
    db.close();
  }
};

beforeEach(async () => {
  tmp = tempDir();
  dbFile = join(tmp.dir, 'capture.db');
  server = await startCaptureServer({
    db: dbFile,
    port: 0,
    secrets: new Map([['signed', 's3cret'], ['stripe', 'whsec_test'], ['shopify', 'shp-secret'], ['gh', 's3cret']]),
    signatures: new Map([['stripe', 'stripe'], ['shopify', 'shopify'], ['gh', 'github']] as const),
    tokens: new Map([['tokened', 'tok-123']]),
  });
});

afterEach(async () => {
  await server.close();
  tmp.remove();
});

const json = (v: unknown) => ({ body: JSON.stringify(v), headers: { 'Content-Type': 'application/json' } });

describe('POST /hooks/:source', () => {
  it('answers 200 only once the event is committed, with the raw bytes kept exactly', async () => {
    const raw = '{ "eventName": "emailSend",\n  "email": "a@example.com", "n": 12345678901234567890 }';
    const r = await send(server.url, '/hooks/iterable', { body: raw, headers: { 'Content-Type': 'application/json', 'User-Agent': 'Iterable', Authorization: 'Bearer hunter2', 'X-Api-Key': 'k' } });
    expect(r.status).toBe(200);
    const ack = r.json as { ok: boolean; id: number; type: string };
    expect(ack.ok).toBe(true);
    expect(ack.type).toBe('emailSend');
    // Read with a second connection right after the answer: the row must already be committed.
    const all = rows();
    expect(all).toHaveLength(1);
    expect(all[0].id).toBe(ack.id);
    expect(all[0].body?.toString('utf8')).toBe(raw);
    expect(all[0].status).toBe('accepted');
    expect(JSON.parse(all[0].payload!)).toEqual(JSON.parse(raw));
    const headers = JSON.parse(all[0].headers) as Record<string, string>;
    expect(headers['user-agent']).toBe('Iterable');
    expect(headers['content-type']).toBe('application/json');
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-api-key']).toBeUndefined();
    expect(all[0].headers).not.toContain('hunter2');
  });

  it('stores truncated JSON as a rejected event and answers 400 with line and column', async () => {
    const raw = '{\n  "eventName": "emailOpen",\n  "data": [1, 2';
    const r = await send(server.url, '/hooks/iterable', { body: raw });
    expect(r.status).toBe(400);
    const err = (r.json as { error: { code: string; line: number; column: number; message: string } }).error;
    expect(err.code).toBe('capture/json');
    expect(err.line).toBe(3);
    expect(err.column).toBe(16);
    expect(err.message).toMatch(/truncated/);
    const [row] = rows();
    expect(row.status).toBe('rejected');
    expect(row.body?.toString('utf8')).toBe(raw);
    expect(JSON.parse(row.reason!).code).toBe('capture/json');
  });

  it('locates a syntax error in the middle of a body', async () => {
    const r = await send(server.url, '/hooks/iterable', { body: '{"a": 1,\n "b": tru }' });
    expect(r.status).toBe(400);
    expect((r.json as { error: { line: number; column: number } }).error).toMatchObject({ line: 2, column: 7 });
  });

  it('stores invalid UTF-8 byte for byte as rejected, answers 400', async () => {
    const raw = Buffer.concat([Buffer.from('{"name": "caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const r = await send(server.url, '/hooks/iterable', { body: raw });
    expect(r.status).toBe(400);
    const err = (r.json as { error: { code: string; params: { byteOffset: number } } }).error;
    expect(err.code).toBe('capture/utf8');
    expect(err.params.byteOffset).toBe(13);
    const [row] = rows();
    expect(row.status).toBe('rejected');
    expect(Buffer.compare(row.body!, raw)).toBe(0);
  });

  it('refuses a 10 MB body with 413 (declared length and streamed) and keeps serving', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x20);
    const declared = await send(server.url, '/hooks/big', { body: big, headers: { 'Content-Length': big.length } });
    expect(declared.status).toBe(413);
    expect((declared.json as { error: { code: string } }).error.code).toBe('capture/too-large');
    const streamed = await send(server.url, '/hooks/big', {
      body: function* () {
        yield Buffer.from('{"pad": "');
        for (let i = 0; i < 160; i++) yield Buffer.alloc(64 * 1024, 0x61);
        yield Buffer.from('"}');
      },
    });
    expect(streamed.status).toBe(413);
    const ok = await send(server.url, '/hooks/big', json({ small: true }));
    expect(ok.status).toBe(200);
    const all = rows();
    expect(all.map((r) => r.status)).toEqual(['rejected', 'rejected', 'accepted']);
    expect(all[0].body).toBeNull();
  });

  it('rejects 100,000 levels of nesting with a clear reason instead of overflowing the stack', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = await send(server.url, '/hooks/deep', { body: deep });
    expect(r.status).toBe(400);
    const err = (r.json as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('capture/depth');
    expect(err.message).toMatch(/nested deeper than 512/);
    const objDeep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect((await send(server.url, '/hooks/deep', { body: objDeep })).status).toBe(400);
    expect((await send(server.url, '/hooks/deep', json({ still: 'alive' }))).status).toBe(200);
  });

  it('keeps a __proto__ payload as data without polluting prototypes', async () => {
    const raw = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "type": "evil"}';
    const r = await send(server.url, '/hooks/proto', { body: raw });
    expect(r.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const [row] = rows();
    const payload = JSON.parse(row.payload!) as object;
    expect(Object.keys(payload)).toEqual(['__proto__', 'constructor', 'type']);
    const list = await send(server.url, '/api/sources/proto/events');
    const ev = (list.json as { events: { payload: Record<string, unknown> }[] }).events[0];
    expect(Object.prototype.hasOwnProperty.call(ev.payload, '__proto__')).toBe(true);
  });

  it('refuses bad source names (path traversal) without touching the filesystem', async () => {
    const before = readdirSync(tmp.dir).sort();
    for (const path of ['/hooks/..%2f..%2fetc%2fpasswd', '/hooks/..', '/hooks/a%00b', '/hooks/' + 'x'.repeat(65), '/hooks/a/b', '/hooks/', '/hooks/%2e%2e']) {
      const r = await send(server.url, path, json({ a: 1 }));
      expect([400, 404], path).toContain(r.status);
      expect((r.json as { ok: boolean }).ok).toBe(false);
    }
    expect(readdirSync(tmp.dir).sort()).toEqual(before);
    expect(rows()).toHaveLength(0);
    expect((await send(server.url, '/hooks/ok.name_1-2', json({ a: 1 }))).status).toBe(200);
  });

  it('answers other methods with 405', async () => {
    const r = await send(server.url, '/hooks/iterable', { method: 'GET' });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
  });

  it('checks HMAC-SHA256 signatures over the raw body in constant time; mismatches are 401 and not stored', async () => {
    const raw = '{"type":"signed.event","v":1}';
    const good = 'sha256=' + createHmac('sha256', 's3cret').update(raw).digest('hex');
    const bad = 'sha256=' + createHmac('sha256', 'wrong').update(raw).digest('hex');
    expect((await send(server.url, '/hooks/signed', { body: raw, headers: { 'X-Signature': good } })).status).toBe(200);
    expect((await send(server.url, '/hooks/signed', { body: raw, headers: { 'X-Hub-Signature-256': good } })).status).toBe(200);
    expect((await send(server.url, '/hooks/signed', { body: raw, headers: { 'X-Signature': bad } })).status).toBe(401);
    expect((await send(server.url, '/hooks/signed', { body: raw, headers: { 'X-Signature': 'sha256=abc' } })).status).toBe(401);
    expect((await send(server.url, '/hooks/signed', { body: raw })).status).toBe(401);
    expect((await send(server.url, '/hooks/signed', { body: raw + ' ', headers: { 'X-Signature': good } })).status).toBe(401);
    const all = rows();
    expect(all).toHaveLength(2);
    expect(JSON.parse(all[0].headers)['x-signature']).toBe(good);
  });

  it('checks each source in its own provider scheme (Stripe, Shopify, GitHub) and no other', async () => {
    const raw = '{"type":"invoice.paid","id":"evt_1"}';
    const now = Math.floor(Date.now() / 1000);
    const stripeSig = (t: number, secret = 'whsec_test', body = raw) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    const stripe = (value: string) => ({ body: raw, headers: { 'Stripe-Signature': value } });
    expect((await send(server.url, '/hooks/stripe', stripe(`t=${now},v1=${stripeSig(now)}`))).status).toBe(200);
    // While a secret is rolled, Stripe sends one v1 per secret: any may match.
    expect((await send(server.url, '/hooks/stripe', stripe(`t=${now},v1=${stripeSig(now, 'old')},v1=${stripeSig(now)},v0=x`))).status).toBe(200);
    const refused = [
      stripe(`t=${now},v1=${stripeSig(now, 'wrong')}`),
      stripe(`t=${now - 301},v1=${stripeSig(now - 301)}`), // a replay from more than 5 minutes ago
      stripe(`t=${now + 1},v1=${stripeSig(now)}`), // the timestamp is signed
      stripe(`v1=${stripeSig(now)}`),
      // The same HMAC as a plain body signature over "t.body" is not accepted by a Stripe source.
      { body: `${now}.${raw}`, headers: { 'X-Signature': 'sha256=' + stripeSig(now) } },
    ];
    for (const r of refused) {
      const res = await send(server.url, '/hooks/stripe', r);
      expect(res.status, JSON.stringify(r.headers)).toBe(401);
      expect(res.text).toContain('Stripe-Signature: t=<unix time>,v1=');
    }
    const shopify = createHmac('sha256', 'shp-secret').update(raw).digest('base64');
    expect((await send(server.url, '/hooks/shopify', { body: raw, headers: { 'X-Shopify-Hmac-Sha256': shopify } })).status).toBe(200);
    expect((await send(server.url, '/hooks/shopify', { body: raw + ' ', headers: { 'X-Shopify-Hmac-Sha256': shopify } })).status).toBe(401);
    const hexOfSame = 'sha256=' + createHmac('sha256', 'shp-secret').update(raw).digest('hex');
    expect((await send(server.url, '/hooks/shopify', { body: raw, headers: { 'X-Signature': hexOfSame } })).status).toBe(401);
    const gh = 'sha256=' + createHmac('sha256', 's3cret').update(raw).digest('hex');
    expect((await send(server.url, '/hooks/gh', { body: raw, headers: { 'X-Hub-Signature-256': gh } })).status).toBe(200);
    expect((await send(server.url, '/hooks/gh', { body: raw, headers: { 'X-Signature': gh } })).status).toBe(401);
    const stored = rows().map((r) => r.source);
    expect(stored).toEqual(['stripe', 'stripe', 'shopify', 'gh']);
  });

  it('checks tokens; the token itself is never stored', async () => {
    expect((await send(server.url, '/hooks/tokened', { body: '{}', headers: { Authorization: 'Bearer tok-123' } })).status).toBe(200);
    expect((await send(server.url, '/hooks/tokened', { body: '{}', headers: { 'X-Fieldkit-Token': 'tok-123' } })).status).toBe(200);
    expect((await send(server.url, '/hooks/tokened', { body: '{}', headers: { Authorization: 'Bearer tok-1234' } })).status).toBe(401);
    expect((await send(server.url, '/hooks/tokened', { body: '{}' })).status).toBe(401);
    const all = rows();
    expect(all).toHaveLength(2);
    for (const r of all) expect(r.headers).not.toContain('tok-123');
  });

  it('gives every one of 300 concurrent requests its own committed row', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `u${i}`);
    const replies = await Promise.all(ids.map((u) => send(server.url, '/hooks/load', json({ loadId: u, type: 'load' }))));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const ackIds = new Set(replies.map((r) => (r.json as { id: number }).id));
    expect(ackIds.size).toBe(300);
    const stored = rows().map((r) => (JSON.parse(r.payload!) as { loadId: string }).loadId);
    expect(stored.sort()).toEqual([...ids].sort());
  });

  it('enforces append-only events with triggers', () => {
    const db = new Database(dbFile);
    try {
      db.prepare("INSERT INTO events (received_at, source, event_type, status, headers, size) VALUES ('t', 's', '', 'accepted', '{}', 0)").run();
      expect(() => db.prepare("UPDATE events SET source = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('survives malformed HTTP and keeps answering', async () => {
    const { connect } = await import('node:net');
    const u = new URL(server.url);
    await new Promise<void>((resolve) => {
      const s = connect(Number(u.port), u.hostname, () => s.write('POST /hooks/x HTTP/1.1\r\nContent-Length: abc\r\n\r\n{}'));
      s.on('data', () => {});
      s.on('error', () => resolve());
      s.on('close', () => resolve());
    });
    expect((await send(server.url, '/hooks/x', json({ a: 1 }))).status).toBe(200);
  });
});
