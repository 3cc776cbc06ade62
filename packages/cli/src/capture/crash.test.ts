import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, tempDir } from './test-helpers.js';
import { DEFAULT_CAPTURE_STORE_OPTIONS } from './store.js';

/**
 * Crash safety of the real CLI: `fieldkit capture` (the built dist, in a child process) is
 * killed with SIGKILL while 40 clients post events. Every event that was answered 2xx must be
 * in the database exactly once, the file must open cleanly (integrity_check ok), the inference
 * states must account for every stored event, and a restarted server must carry on.
 */
const cliDir = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(cliDir, 'dist/bin.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

let tmp: ReturnType<typeof tempDir>;
const children: ChildProcess[] = [];

beforeAll(() => {
  // The test runs the built CLI; build it (tsc emits even if someone else's file has type errors) when missing or older than the capture sources.
  const built = join(cliDir, 'dist/capture/server.js');
  if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(cliDir, 'src/capture')) || !existsSync(join(cliDir, '../core/dist/index.js'))) {
    const tsc = join(cliDir, '../../node_modules/typescript/bin/tsc');
    if (!existsSync(join(cliDir, '../core/dist/index.js'))) spawnSync(process.execPath, [tsc, '-p', join(cliDir, '../core/tsconfig.build.json')], { stdio: 'ignore' });
    spawnSync(process.execPath, [tsc, '-p', join(cliDir, 'tsconfig.build.json')], { stdio: 'ignore' });
  }
  expect(existsSync(bin), `${bin} missing: run pnpm build`).toBe(true);
  tmp = tempDir();
}, 180_000);

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  tmp.remove();
});

function startCli(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'capture', '--port', '0', '--db', db, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`capture exited (${code}) before listening: ${err}`)));
  });
}

describe('fieldkit capture under SIGKILL', () => {
  it('keeps every acknowledged event and reopens cleanly', async () => {
    const db = join(tmp.dir, 'crash.db');
    const { child, url } = await startCli(db);
    const acked = new Map<string, number>();
    let killed = false;
    let n = 0;
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_c, sig) => r(sig)));
    const client = async (k: number) => {
      for (;;) {
        const loadId = `c${k}-${n++}`;
        try {
          const r = await send(url, '/hooks/crash', { body: JSON.stringify({ eventName: n % 2 ? 'a' : 'b', loadId, k }) });
          if (r.status === 200) acked.set(loadId, (r.json as { id: number }).id);
          if (!killed && acked.size >= 400) {
            killed = true;
            child.kill('SIGKILL');
          }
        } catch {
          return; // connection refused or reset: the server is gone
        }
        if (killed && child.exitCode === null && child.signalCode === null) continue;
        if (killed) return;
      }
    };
    await Promise.all(Array.from({ length: 40 }, (_, k) => client(k)));
    expect(await exited).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(400);

    // Opening the file recovers the WAL; the database must be sound and hold every acknowledged event once.
    let stored = 0;
    const d = new Database(db);
    try {
      expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = d.prepare("SELECT id, json_extract(payload, '$.loadId') AS loadId FROM events").all() as { id: number; loadId: string }[];
      const byId = new Map(rows.map((r) => [r.loadId, r.id]));
      expect(byId.size).toBe(rows.length); // no duplicates
      for (const [loadId, id] of acked) expect(byId.get(loadId), loadId).toBe(id);
      // The last state checkpoint committed with an event: the states count exactly the events up
      // to its mark, and fewer than one checkpoint interval of events (plus a batch) came after.
      const folded = d.prepare("SELECT SUM(count) FROM inference WHERE source = 'crash'").pluck().get() as number;
      const hwm = Number(d.prepare("SELECT value FROM meta WHERE key = 'inference_hwm'").pluck().get());
      expect(rows.some((r) => r.id === hwm)).toBe(true);
      expect(folded).toBe(rows.filter((r) => r.id <= hwm).length);
      expect(rows.length - folded).toBeLessThan(DEFAULT_CAPTURE_STORE_OPTIONS.stateEvery + 64);
      stored = rows.length;
    } finally {
      d.close();
    }

    // A restarted server carries on from there.
    const again = await startCli(db);
    const r = await send(again.url, '/hooks/crash', { body: '{"eventName":"a","after":"restart"}' });
    expect(r.status).toBe(200);
    expect((r.json as { id: number }).id).toBeGreaterThan(Math.max(...acked.values()));
    // It folded the events after the mark back in from their raw bodies: every stored event counts once.
    const schema = (await send(again.url, '/api/sources/crash/schema')).json as { count: number };
    expect(schema.count).toBe(stored + 1);
    const stopped = new Promise<number | null>((res) => again.child.once('exit', (code) => res(code)));
    again.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
  });
});
