#!/usr/bin/env node
/**
 * Load and crash check for `fieldkit capture` (loopback only, bounded in count and time).
 *
 *   node scripts/load-capture.mjs [--events 10000] [--connections 1000] [--max-seconds 120] [--sync full|normal]
 *   node scripts/load-capture.mjs --crash [--kill-after 3000]
 *   node scripts/load-capture.mjs --with-schema   (save a schema first: every event is also checked for drift)
 *
 * Runs the built capture command (packages/cli/dist; run `pnpm build` first) in a child process
 * on a free loopback port with a fresh SQLite file, posts events with a unique `loadId` each
 * through autocannon, then stops the server and checks the database: every 2xx answer has
 * exactly one stored row with the acknowledged id, no loadId is stored twice, integrity_check ok.
 * With --crash the child is killed with SIGKILL mid-run (after --kill-after acknowledgements),
 * restarted on the same file and stopped cleanly, then the same checks run: an acknowledged
 * event must survive a crash. Exit code 0 when every check passes, 1 otherwise.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliDir = join(root, 'packages/cli');
const requireCli = createRequire(join(cliDir, 'package.json'));

const { values: opt } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '1000' },
    'max-seconds': { type: 'string', default: '120' },
    sync: { type: 'string', default: 'full' },
    crash: { type: 'boolean', default: false },
    'kill-after': { type: 'string', default: '3000' },
    keep: { type: 'boolean', default: false },
    'with-schema': { type: 'boolean', default: false },
    // internal: run the capture command in this process (the child)
    child: { type: 'boolean', default: false },
    db: { type: 'string' },
  },
});

if (opt.child) {
  // The child: the real `fieldkit capture` command code from the build, with process streams.
  const { runCapture } = await import(pathToFileURL(join(cliDir, 'dist/commands/capture.js')).href);
  const code = await runCapture(['--port', '0', '--host', '127.0.0.1', '--db', opt.db, '--sync', opt.sync, '--quiet'], {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  });
  process.exit(code);
}

const autocannon = requireCli('autocannon');
const Database = requireCli('better-sqlite3');

const EVENTS = Math.max(1, Number(opt.events));
const CONNECTIONS = Math.max(1, Number(opt.connections));
const MAX_SECONDS = Math.max(5, Number(opt['max-seconds']));
const dir = mkdtempSync(join(tmpdir(), 'fieldkit-load-'));
const dbFile = join(dir, 'load.db');
const runId = Date.now().toString(36);
const started = Date.now();

/** Start the capture child; resolves with its base URL once it prints "listening on". */
function startServer() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', '--db', dbFile, '--sync', opt.sync], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', (d) => process.stderr.write(`[server] ${d}`));
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code, sig) => reject(new Error(`capture server exited early (${code ?? sig})`)));
    setTimeout(() => reject(new Error('capture server did not start within 20 s')), 20_000).unref();
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, url, exited };
}

const acked = new Map(); // loadId -> event id from the 2xx answer
let non2xx = 0;
let seq = 0;

function runLoad(url, onAck) {
  return new Promise((resolve) => {
    const instance = autocannon(
      {
        url: `${url}/hooks/load`,
        method: 'POST',
        connections: CONNECTIONS,
        amount: EVENTS,
        timeout: 30,
        headers: { 'content-type': 'application/json', 'user-agent': 'fieldkit-load' },
        requests: [
          {
            setupRequest(req, context) {
              const loadId = `${runId}-${++seq}`;
              context.loadId = loadId;
              req.body = JSON.stringify({ eventName: seq % 3 ? 'emailSend' : 'emailOpen', loadId, seq, email: `user${seq % 97}@example.com`, dataFields: { campaignId: seq % 11, plan: seq % 2 ? 'pro' : 'free' } });
              return req;
            },
            onResponse(status, body, context) {
              if (status >= 200 && status < 300) {
                const id = JSON.parse(body).id;
                if (acked.has(context.loadId)) console.error(`duplicate acknowledgement for ${context.loadId}`);
                acked.set(context.loadId, id);
                onAck?.(instance);
              } else non2xx++;
            },
          },
        ],
      },
      (err, result) => {
        clearTimeout(guard);
        resolve({ err, result });
      },
    );
    // Bounded in time whatever happens.
    const guard = setTimeout(() => instance.stop(), MAX_SECONDS * 1000);
  });
}

function check() {
  const db = new Database(dbFile, { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const rows = db.prepare("SELECT id, json_extract(payload, '$.loadId') AS loadId FROM events WHERE source = 'load'").all();
    const byLoadId = new Map();
    let duplicates = 0;
    for (const r of rows) {
      if (byLoadId.has(r.loadId)) duplicates++;
      byLoadId.set(r.loadId, r.id);
    }
    let lost = 0;
    let wrongId = 0;
    for (const [loadId, id] of acked) {
      if (!byLoadId.has(loadId)) lost++;
      else if (byLoadId.get(loadId) !== id) wrongId++;
    }
    const states = db.prepare("SELECT event_type, count FROM inference WHERE source = 'load'").all();
    const hwm = db.prepare("SELECT value FROM meta WHERE key = 'inference_hwm'").pluck().get();
    const drift = db.prepare("SELECT COUNT(*) FROM drift WHERE source = 'load'").pluck().get();
    return { integrity, stored: rows.length, duplicates, lost, wrongId, states, hwm, drift };
  } finally {
    db.close();
  }
}

let failed = false;
const report = (label, ok, detail) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${detail ? `: ${detail}` : ''}`);
  if (!ok) failed = true;
};

try {
  const first = startServer();
  const url = await first.url;
  console.log(`capture server (${opt.sync}) at ${url}, db ${dbFile}; ${EVENTS} events, ${CONNECTIONS} connections${opt.crash ? `, SIGKILL after ${opt['kill-after']} acks` : ''}`);
  if (opt['with-schema']) {
    // A schema without `seq` and with an enum `plan` never sees: every event drifts twice.
    const schema = {
      type: 'object',
      properties: { eventName: { type: 'string' }, loadId: { type: 'string' }, email: { type: 'string', format: 'email' }, dataFields: { type: 'object', properties: { campaignId: { type: 'integer' }, plan: { enum: ['pro'] } } } },
      required: ['eventName', 'loadId'],
    };
    const r = await fetch(`${url}/api/sources/load/schema`, { method: 'PUT', body: JSON.stringify(schema) });
    if (!r.ok) throw new Error(`saving the schema failed: ${r.status} ${await r.text()}`);
  }
  let killedAt = 0;
  const killAfter = Number(opt['kill-after']);
  const { err, result } = await runLoad(
    url,
    opt.crash
      ? (instance) => {
          if (!killedAt && acked.size >= killAfter) {
            killedAt = acked.size;
            first.child.kill('SIGKILL');
            setTimeout(() => instance.stop(), 200);
          }
        }
      : undefined,
  );
  if (err) throw err;
  if (opt.crash) {
    const { signal } = await first.exited;
    report('server was killed mid-run', signal === 'SIGKILL' && killedAt > 0, `signal ${signal}, ${killedAt} acknowledged before the kill`);
    // Restart on the same file: WAL recovery must open it, then stop cleanly.
    const second = startServer();
    await second.url;
    second.child.kill('SIGTERM');
    const exit = await second.exited;
    report('restart after SIGKILL opens the database and stops cleanly', exit.code === 0, `exit ${exit.code ?? exit.signal}`);
  } else {
    first.child.kill('SIGTERM');
    const exit = await first.exited;
    report('server stopped cleanly', exit.code === 0, `exit ${exit.code ?? exit.signal}`);
    console.log(
      `throughput: ${result.requests.average.toFixed(0)} req/s average (${result.requests.total} requests in ${result.duration.toFixed(1)} s), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${non2xx}`,
    );
    report(`at least ${EVENTS} events acknowledged`, acked.size >= EVENTS, `${acked.size}`);
  }
  const c = check();
  report('integrity_check', c.integrity === 'ok', c.integrity);
  report('every 2xx has its stored row', c.lost === 0, `${acked.size} acknowledged, ${c.lost} missing`);
  report('stored ids match acknowledged ids', c.wrongId === 0, `${c.wrongId} differ`);
  report('no duplicates', c.duplicates === 0, `${c.stored} rows, ${c.duplicates} duplicate loadIds`);
  console.log(`stored ${c.stored} rows (${c.stored - acked.size} stored but unacknowledged: in flight when the run stopped); inference states: ${c.states.map((s) => `${s.event_type}=${s.count}`).join(', ') || 'none'}; hwm ${c.hwm ?? 'none'}; drift rows ${c.drift}`);
  if (c.states.length) {
    const folded = c.states.reduce((a, s) => a + s.count, 0);
    report('inference states hold every stored event', folded === c.stored, `${folded} folded of ${c.stored}`);
  }
} catch (e) {
  report('run', false, e instanceof Error ? e.message : String(e));
} finally {
  if (!opt.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
process.exit(failed ? 1 : 0);
