import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inferSchema, type JSONSchemaObject } from '@fieldkit/core';
import { rebuildCommand } from '../commands/rebuild.js';
import { eventTypeOf } from './inference.js';
import { startCaptureServer, type CaptureServer } from './server.js';
import { MAX_TYPES_PER_SOURCE, openCaptureStore, OTHER_TYPES } from './store.js';
import { send, tempDir } from './test-helpers.js';
import { PassThrough } from 'node:stream';

let tmp: ReturnType<typeof tempDir>;
let dbFile: string;
let server: CaptureServer | undefined;

beforeEach(() => {
  tmp = tempDir();
  dbFile = join(tmp.dir, 'c.db');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  tmp.remove();
});

const samples = [
  { eventName: 'emailSend', email: 'a@x.io', campaignId: 1, createdAt: '2024-01-02T03:04:05Z' },
  { eventName: 'emailSend', email: 'b@x.io', campaignId: 2, createdAt: '2024-01-03T03:04:05Z', templateId: 9 },
  { eventName: 'emailOpen', email: 'a@x.io', ip: '10.0.0.1' },
  { eventName: 'emailOpen', email: 'c@x.io', ip: '10.0.0.2', userAgent: 'x' },
];

async function postAll(s: CaptureServer, list: readonly unknown[], source = 'iterable') {
  for (const v of list) expect((await send(s.url, `/hooks/${source}`, { body: JSON.stringify(v) })).status).toBe(200);
}

const schemaOf = async (s: CaptureServer, q = '') => (await send(s.url, `/api/sources/iterable/schema${q}`)).json as { count: number; types: { type: string; count: number }[]; inferred: JSONSchemaObject };

/** Strip the statistics annotations, which count samples rather than describe shape. */
const shape = (s: unknown): unknown => JSON.parse(JSON.stringify(s, (k, v: unknown) => (k === 'x-fieldkit-stats' || k === 'examples' ? undefined : v)));

describe('capture inference', () => {
  it('names event types from the body or the provider headers', () => {
    expect(eventTypeOf({ eventName: 'emailSend', type: 'x' }, {})).toBe('emailSend');
    expect(eventTypeOf({ type: 'charge.succeeded', object: 'event' }, {})).toBe('charge.succeeded');
    expect(eventTypeOf({ action: 'opened' }, { 'x-github-event': 'pull_request' })).toBe('pull_request');
    expect(eventTypeOf({ n: 1 }, {})).toBe('');
    expect(eventTypeOf(JSON.parse('{"__proto__": "p"}'), {})).toBe('');
  });

  it('keeps one state per event type, equal to inferring the same samples at once', async () => {
    server = await startCaptureServer({ db: dbFile, port: 0 });
    await postAll(server, samples);
    const all = await schemaOf(server);
    expect(all.count).toBe(4);
    expect(all.types.sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { type: 'emailOpen', count: 2 },
      { type: 'emailSend', count: 2 },
    ]);
    const send1 = await schemaOf(server, '?type=emailSend');
    expect(shape(send1.inferred)).toEqual(shape(inferSchema(samples.slice(0, 2), { discriminator: false })));
    // Statistics ride along: templateId was seen in 1 of 2 events.
    const props = send1.inferred.properties as Record<string, { 'x-fieldkit-stats'?: { seen: number; total: number } }>;
    expect(props.templateId['x-fieldkit-stats']).toEqual({ seen: 1, total: 2 });
    expect(shape(all.inferred)).toEqual(shape(inferSchema(samples)));
  });

  it('resumes the persisted states after a restart without re-reading history', async () => {
    server = await startCaptureServer({ db: dbFile, port: 0 });
    await postAll(server, samples.slice(0, 3));
    await server.close();
    // Re-reading history on top of the loaded states would count the first three twice (7).
    server = await startCaptureServer({ db: dbFile, port: 0 });
    await postAll(server, samples.slice(3));
    const after = await schemaOf(server);
    expect(after.count).toBe(4);
    expect(shape(after.inferred)).toEqual(shape(inferSchema(samples)));
    // Closing writes the last checkpoint: every event folded in.
    await server.close();
    server = undefined;
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.prepare("SELECT value FROM meta WHERE key = 'inference_hwm'").pluck().get()).toBe('4');
    } finally {
      db.close();
    }
  });

  it('rebuild re-derives the same states and drift from the raw bodies', async () => {
    server = await startCaptureServer({ db: dbFile, port: 0 });
    expect((await send(server.url, '/api/sources/iterable/schema', { method: 'PUT', body: JSON.stringify(inferSchema(samples.slice(0, 1))) })).status).toBe(200);
    await postAll(server, samples);
    await send(server.url, '/hooks/iterable', { body: '{"broken": ' });
    const before = await schemaOf(server);
    const driftBefore = ((await send(server.url, '/api/sources/iterable/events')).json as { events: { drift: unknown[] }[] }).events.map((e) => e.drift);
    await server.close();
    server = undefined;

    const out = new PassThrough();
    const err = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const code = await rebuildCommand.run(['--db', dbFile], { stdin: new PassThrough(), stdout: out, stderr: err, cwd: tmp.dir, env: {} });
    expect(code).toBe(0);
    expect(text).toMatch(/4 event\(s\) read, 2 inference state\(s\)/);

    server = await startCaptureServer({ db: dbFile, port: 0 });
    const after = await schemaOf(server);
    expect(after.count).toBe(before.count);
    expect(after.inferred).toEqual(before.inferred);
    const driftAfter = ((await send(server.url, '/api/sources/iterable/events')).json as { events: { drift: unknown[] }[] }).events.map((e) => e.drift);
    expect(driftAfter).toEqual(driftBefore);
    expect(driftAfter.some((d) => d.length > 0)).toBe(true);
  });

  it('bounds the states: event types past the per-source limit share one state', async () => {
    server = await startCaptureServer({ db: dbFile, port: 0 });
    const many = Array.from({ length: MAX_TYPES_PER_SOURCE + 20 }, (_, i) => ({ eventName: `t${i}`, i }));
    await Promise.all(many.map((v) => send(server!.url, '/hooks/wide', { body: JSON.stringify(v) })));
    const r = (await send(server.url, '/api/sources/wide/schema')).json as { count: number; types: { type: string; count: number }[] };
    expect(r.count).toBe(many.length);
    expect(r.types).toHaveLength(MAX_TYPES_PER_SOURCE + 1);
    expect(r.types.find((t) => t.type === OTHER_TYPES)?.count).toBe(20);
  });

  it('answers 503 and keeps states equal to the stored events when a commit fails', async () => {
    server = await startCaptureServer({ db: dbFile, port: 0 });
    await postAll(server, samples.slice(0, 2));
    // Another connection holds the write lock past the busy timeout: the commit fails.
    const blocker = new Database(dbFile);
    blocker.exec('BEGIN IMMEDIATE');
    const failed = await send(server.url, '/hooks/iterable', { body: JSON.stringify(samples[2]) });
    blocker.exec('ROLLBACK');
    blocker.close();
    expect(failed.status).toBe(503);
    expect((failed.json as { error: { code: string } }).error.code).toBe('capture/store');
    await postAll(server, samples.slice(3));
    const r = await schemaOf(server);
    expect(r.count).toBe(3);
    expect(shape(r.inferred)).toEqual(shape(inferSchema([samples[0], samples[1], samples[3]])));
  });

  it('rebuild refuses to run under a live capture server', async () => {
    server = await startCaptureServer({ db: dbFile, port: 0 });
    await postAll(server, samples.slice(0, 1));
    const err = new PassThrough();
    let text = '';
    err.on('data', (d: Buffer) => (text += d.toString()));
    // The server runs in this process; a different pid is what rebuild sees in practice.
    const db = new Database(dbFile);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'server_pid'").run(String(process.ppid));
    db.close();
    const code = await rebuildCommand.run(['--db', dbFile], { stdin: new PassThrough(), stdout: new PassThrough(), stderr: err, cwd: tmp.dir, env: {} });
    expect(code).toBe(2);
    expect(text).toMatch(/capture server \(pid \d+\) is using/);
  });

  it('infers payloads at the accepted depth limit and __proto__ keys without crashing', async () => {
    server = await startCaptureServer({ db: dbFile, port: 0, maxDepth: 2048 });
    const deep = '{"a":'.repeat(2047) + '1' + '}'.repeat(2047);
    expect((await send(server.url, '/hooks/deep', { body: deep })).status).toBe(200);
    expect((await send(server.url, '/hooks/deep', { body: '{"__proto__": {"x": 1}, "constructor": "c"}' })).status).toBe(200);
    const r = (await send(server.url, '/api/sources/deep/schema')).json as { count: number; inferred: JSONSchemaObject };
    expect(r.count).toBe(2);
    expect(Object.keys(r.inferred.properties ?? {})).toEqual(expect.arrayContaining(['a', '__proto__', 'constructor']));
  });

  it('a store opened on a database with unfolded events catches up past the high-water mark', () => {
    const store = openCaptureStore(dbFile);
    store.append(samples.map((payload) => ({ receivedAt: new Date().toISOString(), source: 'iterable', headers: {}, body: Buffer.from(JSON.stringify(payload)), status: 'accepted' as const, payload, type: payload.eventName })));
    store.close();
    const db = new Database(dbFile);
    db.exec("DELETE FROM inference; UPDATE meta SET value = '0' WHERE key = 'inference_hwm'");
    db.close();
    const again = openCaptureStore(dbFile);
    try {
      expect(again.inferredSchema('iterable')?.count).toBe(4);
    } finally {
      again.close();
    }
  });

  it('writes the inference states as a checkpoint every stateEvery events and on close; a crash in between loses nothing', () => {
    const incoming = (payload: (typeof samples)[number]) => ({
      receivedAt: new Date().toISOString(),
      source: 'iterable',
      headers: {},
      body: Buffer.from(JSON.stringify(payload)),
      status: 'accepted' as const,
      payload,
      type: payload.eventName,
    });
    const persisted = () => {
      const db = new Database(dbFile, { readonly: true });
      try {
        const hwm = Number((db.prepare("SELECT value FROM meta WHERE key = 'inference_hwm'").get() as { value: string } | undefined)?.value ?? 0);
        const count = (db.prepare('SELECT COALESCE(SUM(count), 0) AS n FROM inference').get() as { n: number }).n;
        return { hwm, count };
      } finally {
        db.close();
      }
    };
    const store = openCaptureStore(dbFile, { stateEvery: 3 });
    const ids: number[] = [];
    for (const p of [...samples, samples[0]!]) ids.push(store.append([incoming(p)])[0]!.id);
    // Five events: one checkpoint after the third, none since.
    expect(persisted()).toEqual({ hwm: ids[2], count: 3 });
    expect(store.inferredSchema('iterable')?.count).toBe(5);
    // A crash now (no close): reopening folds the two events after the mark back in.
    const reopened = openCaptureStore(dbFile, { stateEvery: 3 });
    expect(reopened.inferredSchema('iterable')?.count).toBe(5);
    reopened.close();
    expect(persisted()).toEqual({ hwm: ids[4], count: 5 });
    // A clean close writes the last checkpoint.
    store.append([incoming(samples[1]!)]);
    store.close();
    expect(persisted().count).toBe(6);
    const last = openCaptureStore(dbFile);
    try {
      expect(last.inferredSchema('iterable')?.count).toBe(6);
      expect(shape(last.inferredSchema('iterable')?.schema)).toEqual(shape(inferSchema([...samples, samples[0], samples[1]], { stats: true })));
    } finally {
      last.close();
    }
  });
});
