import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command, CommandIO } from '../command.js';
import { DEFAULT_CAPTURE_SERVER_OPTIONS, MAX_DEPTH_LIMIT, startCaptureServer } from '../capture/server.js';
import { isSourceName, parseSize } from '../capture/http-util.js';
import { SIGNATURE_SCHEMES, STRIPE_TOLERANCE_SECONDS, type SignatureScheme } from '../capture/signature.js';
import { EXIT_OK, EXIT_USAGE, parseArgs, printError, stringFlag, stringFlags, usageFailure, UsageError, type FlagSpecs } from '../io/index.js';

const FLAGS: FlagSpecs = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  db: { type: 'string' },
  'max-body': { type: 'string' },
  'max-depth': { type: 'string' },
  secret: { type: 'string', multiple: true },
  signature: { type: 'string', multiple: true },
  token: { type: 'string', multiple: true },
  'cors-origin': { type: 'string', multiple: true },
  sync: { type: 'string' },
  'commit-window': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
};

/** Default database file, relative to the working directory. */
export const DEFAULT_CAPTURE_DB = 'fieldkit-capture.db';

const HELP = `Usage: fieldkit capture [options]

Receive webhooks on this machine and keep every one: POST any JSON body to
  http://127.0.0.1:${DEFAULT_CAPTURE_SERVER_OPTIONS.port}/hooks/<source>
(<source> = 1 to 64 of A-Z a-z 0-9 . _ -, e.g. "iterable"). Each event is stored append-only in
SQLite (raw body bytes, parsed payload, useful headers; never secrets) and answered 200 only after
it is committed to disk. Bodies that are not JSON are kept as rejected events and answered 400
with the line and column of the problem. 503 means NOT stored (the database could not commit, or
too many bodies are in flight): providers retry. A schema is inferred per source and event type as events
arrive; once you save a schema for a source (from the app, or PUT /api/sources/<source>/schema),
events that add a field, change a type or lack a required field are flagged as drift.

The designer app's Capture tab talks to this server (GET /api/sources, /api/stream, ...).

Options:
  -p, --port N            TCP port (default ${DEFAULT_CAPTURE_SERVER_OPTIONS.port}; 0 = any free port)
      --host ADDR         interface to listen on (default ${DEFAULT_CAPTURE_SERVER_OPTIONS.host}, loopback only)
      --db FILE           SQLite database (default ./${DEFAULT_CAPTURE_DB})
      --max-body SIZE     largest body accepted, e.g. 512kb, 2mb (default 1mb); larger: 413
      --max-depth N       deepest JSON nesting accepted (default ${DEFAULT_CAPTURE_SERVER_OPTIONS.maxDepth}, at most ${MAX_DEPTH_LIMIT})
      --secret SRC=KEY    require "X-Signature: sha256=<hex HMAC-SHA256 of the raw body>" (or
                          X-Hub-Signature-256) for source SRC; KEY may be env:NAME to read $NAME.
                          Repeatable. Mismatch: 401, nothing stored.
      --signature SRC=SCHEME  how SRC signs (needs --secret SRC=...): hmac (default, as above),
                          github (X-Hub-Signature-256 only), stripe (Stripe-Signature: t=,v1= over
                          "t.body", t within ${STRIPE_TOLERANCE_SECONDS} s; KEY = the whsec_... secret), shopify
                          (X-Shopify-Hmac-Sha256: base64). Repeatable.
      --token SRC=TOKEN   require "Authorization: Bearer TOKEN" (or X-Fieldkit-Token) for SRC;
                          TOKEN may be env:NAME. Repeatable.
      --cors-origin URL   also let this browser origin call the API (loopback origins always can)
      --sync full|normal  full (default): fsync every commit, an acknowledged event survives power
                          loss; normal: survives a crash of fieldkit, faster
      --commit-window MS  wait up to MS ms to group more requests into one commit (default 0:
                          group what arrived in the same I/O turn)
  -q, --quiet             print only the address and errors
  -h, --help              show this help

Examples:
  fieldkit capture
  fieldkit capture --port 5179 --db hooks.db --secret iterable=env:ITERABLE_HOOK_SECRET
  fieldkit capture --secret stripe=env:STRIPE_WEBHOOK_SECRET --signature stripe=stripe
  curl -X POST http://127.0.0.1:5179/hooks/iterable -H 'Content-Type: application/json' \\
       -d '{"eventName":"emailOpen","email":"a@example.com"}'
  curl http://127.0.0.1:5179/api/sources/iterable/schema

Stop with Ctrl-C: pending events are committed before the database closes.
Re-derive inferred schemas and drift from the stored raw bodies: fieldkit rebuild --db FILE

Exit codes: 0 stopped normally, 2 bad options or the port/database could not be opened.
`;

/** Why `file` cannot be a capture database (a folder, or in a folder that does not exist); undefined when it can be tried. */
export function databasePathProblem(file: string): string | undefined {
  if (existsSync(file) && statSync(file).isDirectory()) return `${file} is a folder, not a database file`;
  const dir = dirname(file);
  if (!existsSync(dir)) return `the folder ${dir} does not exist (for --db ${file})`;
  if (!statSync(dir).isDirectory()) return `${dir} is not a folder (for --db ${file})`;
  return undefined;
}

/** `--flag SOURCE=VALUE` pairs (`what` names VALUE in errors); with `env`, a value `env:NAME` is read from $NAME. */
function pairs(values: string[], flag: string, env?: NodeJS.ProcessEnv, what = 'VALUE'): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${flag} expects SOURCE=${what}, got "${v}"`);
    const source = v.slice(0, eq);
    let value = v.slice(eq + 1);
    if (!isSourceName(source)) throw new UsageError(`--${flag}: "${source}" is not a source name (1 to 64 of A-Z a-z 0-9 . _ -)`);
    if (env !== undefined && value.startsWith('env:')) {
      const name = value.slice(4);
      const fromEnv = env[name];
      if (fromEnv === undefined || fromEnv === '') throw new UsageError(`--${flag} ${source}: environment variable ${name} is not set`);
      value = fromEnv;
    }
    if (value === '') throw new UsageError(`--${flag} ${source}: the value is empty`);
    out.set(source, value);
  }
  return out;
}

/** `--signature SRC=SCHEME` pairs; each source must have a `--secret`. */
function schemes(values: string[], secrets: ReadonlyMap<string, string>): Map<string, SignatureScheme> {
  const out = new Map<string, SignatureScheme>();
  for (const [source, scheme] of pairs(values, 'signature', undefined, 'SCHEME')) {
    if (!(SIGNATURE_SCHEMES as readonly string[]).includes(scheme)) throw new UsageError(`--signature ${source}: unknown scheme "${scheme}" (one of ${SIGNATURE_SCHEMES.join(', ')})`);
    if (!secrets.has(source)) throw new UsageError(`--signature ${source}=${scheme} needs the secret too: --secret ${source}=KEY`);
    out.set(source, scheme as SignatureScheme);
  }
  return out;
}

function intOption(v: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${flag} expects a whole number from ${min} to ${max}, got "${v}"`);
  return Number(v);
}

/**
 * Run the capture server until `signal` aborts (or SIGINT/SIGTERM when none is given).
 * Exported for tests and embedding; the command calls it with process signals.
 */
export async function runCapture(argv: string[], io: CommandIO, signal?: AbortSignal): Promise<number> {
  let opts: Parameters<typeof startCaptureServer>[0];
  let quiet: boolean;
  try {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}" (see --help)`);
    const maxBodyText = stringFlag(args, 'max-body');
    const maxBody = maxBodyText === undefined ? undefined : parseSize(maxBodyText);
    if (maxBodyText !== undefined && maxBody === undefined) throw new UsageError(`--max-body expects a size such as 512kb or 2mb, got "${maxBodyText}"`);
    const sync = stringFlag(args, 'sync');
    if (sync !== undefined && sync !== 'full' && sync !== 'normal') throw new UsageError(`--sync expects full or normal, got "${sync}"`);
    const secrets = pairs(stringFlags(args, 'secret'), 'secret', io.env);
    opts = {
      db: resolve(io.cwd, stringFlag(args, 'db') ?? DEFAULT_CAPTURE_DB),
      host: stringFlag(args, 'host') ?? DEFAULT_CAPTURE_SERVER_OPTIONS.host,
      port: intOption(stringFlag(args, 'port'), 'port', 0, 65535) ?? DEFAULT_CAPTURE_SERVER_OPTIONS.port,
      maxBody: maxBody ?? DEFAULT_CAPTURE_SERVER_OPTIONS.maxBody,
      maxDepth: intOption(stringFlag(args, 'max-depth'), 'max-depth', 1, MAX_DEPTH_LIMIT) ?? DEFAULT_CAPTURE_SERVER_OPTIONS.maxDepth,
      secrets,
      signatures: schemes(stringFlags(args, 'signature'), secrets),
      tokens: pairs(stringFlags(args, 'token'), 'token', io.env),
      corsOrigins: stringFlags(args, 'cors-origin'),
      sync: sync ?? 'full',
      commitWindowMs: intOption(stringFlag(args, 'commit-window'), 'commit-window', 0, 1000) ?? 0,
      log: (line) => io.stderr.write(`fieldkit capture: ${line}\n`),
    };
    quiet = args.flags.get('quiet') === true;
    const problem = databasePathProblem(opts.db);
    if (problem) throw new UsageError(problem);
  } catch (err) {
    return usageFailure(io, 'capture', err);
  }
  let server: Awaited<ReturnType<typeof startCaptureServer>>;
  try {
    server = await startCaptureServer(opts);
  } catch (err) {
    printError(io.stderr, 'capture', `cannot start: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT_USAGE;
  }
  // Stop handlers go in before the address is printed: whoever reads it may signal at once.
  const stopped = new Promise<void>((done) => {
    if (signal) {
      if (signal.aborted) return done();
      signal.addEventListener('abort', () => done(), { once: true });
      return;
    }
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.stdout.write(`fieldkit capture listening on ${server.url}\n`);
  if (!quiet) {
    io.stdout.write(`  webhook URL: ${server.url}/hooks/<source>   (e.g. ${server.url}/hooks/iterable)\n`);
    io.stdout.write(`  database:    ${opts.db}\n`);
    io.stdout.write(`  app API:     ${server.url}/api/sources\n`);
    if (!/^(127\.|::1$|localhost$)/.test(opts.host ?? '') && !(opts.secrets?.size || opts.tokens?.size)) {
      io.stderr.write(`fieldkit capture: warning: listening on ${opts.host} without --secret/--token: anyone who can reach this port can store events\n`);
    }
  }
  await stopped;
  await server.close();
  if (!quiet) io.stdout.write('fieldkit capture stopped; every acknowledged event is in the database\n');
  return EXIT_OK;
}

/** `fieldkit capture`: receive webhooks locally, store them, infer schemas, flag drift. */
export const captureCommand: Command = {
  name: 'capture',
  summary: 'receive webhooks locally: store every event, infer schemas, flag drift',
  help: HELP,
  run: (argv, io) => runCapture(argv, io),
};
