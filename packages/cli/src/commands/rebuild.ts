import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { openCaptureStore } from '../capture/store.js';
import { databasePathProblem, DEFAULT_CAPTURE_DB } from './capture.js';
import { EXIT_OK, EXIT_USAGE, parseArgs, printError, stringFlag, usageFailure, UsageError, type FlagSpecs } from '../io/index.js';

const FLAGS: FlagSpecs = { db: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } };

const HELP = `Usage: fieldkit rebuild [--db FILE]

Re-derive every inferred schema state and all drift records of a capture database from the raw
event bodies stored in it (the events themselves are never changed). Use it after upgrading
fieldkit, or when a database was written by a build without schema inference.
Run it while "fieldkit capture" is stopped.

Options:
      --db FILE   the capture database (default ./${DEFAULT_CAPTURE_DB})
  -q, --quiet     print nothing on success
  -h, --help      show this help

Examples:
  fieldkit rebuild
  fieldkit rebuild --db hooks.db

Exit codes: 0 done, 2 bad options or the database cannot be opened.
`;

/** `fieldkit rebuild`: re-derive inference states and drift from a capture database's raw events. */
export const rebuildCommand: Command = {
  name: 'rebuild',
  summary: 're-derive inferred schemas and drift of a capture database from its raw events',
  help: HELP,
  async run(argv, io) {
    let file: string;
    let quiet: boolean;
    try {
      const args = parseArgs(argv, FLAGS);
      if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}" (see --help)`);
      file = resolve(io.cwd, stringFlag(args, 'db') ?? DEFAULT_CAPTURE_DB);
      quiet = args.flags.get('quiet') === true;
    } catch (err) {
      return usageFailure(io, 'rebuild', err);
    }
    const problem = databasePathProblem(file);
    if (problem) {
      printError(io.stderr, 'rebuild', problem);
      return EXIT_USAGE;
    }
    if (!existsSync(file)) {
      printError(io.stderr, 'rebuild', `no capture database at ${file}`);
      return EXIT_USAGE;
    }
    const warnings: string[] = [];
    let store;
    try {
      store = openCaptureStore(file, { onWarning: (m) => warnings.push(m) });
    } catch (err) {
      printError(io.stderr, 'rebuild', `cannot open ${file}: ${err instanceof Error ? err.message : String(err)}`);
      return EXIT_USAGE;
    }
    try {
      const live = store.liveServer();
      if (live !== undefined) {
        printError(io.stderr, 'rebuild', `a capture server (pid ${live}) is using ${file}: stop it first, then run rebuild`);
        return EXIT_USAGE;
      }
      warnings.length = 0; // warnings from opening are superseded by the rebuild
      const r = store.rebuild();
      for (const w of warnings.slice(0, 20)) io.stderr.write(`fieldkit rebuild: warning: ${w}\n`);
      if (!store.canInfer) io.stderr.write('fieldkit rebuild: warning: this build has no schema inference; only drift was re-derived\n');
      if (!quiet) io.stdout.write(`rebuilt ${file}: ${r.events} event(s) read, ${r.states} inference state(s), ${r.drift} drift record(s), ${r.unparsable} unparsable\n`);
      return EXIT_OK;
    } finally {
      store.close();
    }
  },
};
