/**
 * `fieldkit types [SCHEMA_FILE]`: print TypeScript declarations for a JSON Schema (or, with
 * `--from-samples`, for the schema inferred from sample payloads).
 */
import { inferSchema, type Issue, type JSONSchema } from '@fieldkit/core';
import { toTypeScript, type ToTypeScriptOptions } from '@fieldkit/core/typescript';
import type { Command } from '../command.js';
import { UsageError, booleanFlag, parseArgs, stringFlag, type FlagSpecs } from '../io/args.js';
import { EXIT_OK, EXIT_USAGE } from '../io/exit-codes.js';
import { printIssues } from '../io/issues.js';
import { writeOutputFile, writeStdout } from '../io/output.js';
import { readJsonFile, readJsonInputs, STDIN_NAME } from '../io/read.js';
import { usageFailure } from '../io/usage.js';
import { inferOptionsFromArgs } from '../engine/options.js';

const SPECS: FlagSpecs = {
  name: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'from-samples': { type: 'boolean' },
  discriminator: { type: 'string' },
  'no-discriminator': { type: 'boolean' },
  'additional-properties': { type: 'boolean' },
  'no-comments': { type: 'boolean' },
  'strict-index-signatures': { type: 'boolean' },
  banner: { type: 'string' },
};

const HELP = `Usage: fieldkit types [options] [SCHEMA_FILE]
       fieldkit types --from-samples [options] [SAMPLE_FILE...]

Print TypeScript declarations for a JSON Schema (draft 2020-12 or draft-07). With no
SCHEMA_FILE (or "-"), the schema is read from stdin. Each event type of a discriminated
schema becomes its own interface and the root type is their union.

Options:
  --name NAME                  name of the root type (default: the schema's title, else Root)
  -o, --output FILE            write the declarations to FILE instead of stdout
  --from-samples               the files are sample payloads (JSON, NDJSON, concatenated):
                               infer a schema from them first, then print its types
  --discriminator NAME         with --from-samples: the event-type property (default: auto)
  --no-discriminator           with --from-samples: never split by event type
  --additional-properties      objects whose schema has no additionalProperties keyword get
                               an index signature [k: string]: unknown (default: they don't)
  --strict-index-signatures    add "| undefined" to index signatures
  --no-comments                no JSDoc from titles, descriptions and formats
  --banner TEXT                put TEXT (e.g. a comment) before the declarations
  -h, --help                   show this help

Exit codes: 0 ok (warnings, e.g. an external $ref typed as unknown, go to stderr),
2 bad usage, unreadable or invalid input, or a schema that cannot be converted.

Examples:
  fieldkit types schema.json --name IterableEvent -o iterable.d.ts
  fieldkit infer events.ndjson | fieldkit types --name Event
  fieldkit types --from-samples examples/iterable/*.json
`;

/** `fieldkit types`. */
export const typesCommand: Command = {
  name: 'types',
  summary: 'print TypeScript types for a JSON Schema (or for sample payloads)',
  help: HELP,
  async run(argv, io) {
    let args;
    const opts: ToTypeScriptOptions = {};
    let fromSamples: boolean;
    try {
      args = parseArgs(argv, SPECS);
      fromSamples = booleanFlag(args, 'from-samples');
      const name = stringFlag(args, 'name');
      if (name !== undefined) {
        if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) throw new UsageError(`--name must be a TypeScript identifier, got "${name}"`);
        opts.name = name;
      }
      if (booleanFlag(args, 'additional-properties')) opts.additionalProperties = true;
      if (booleanFlag(args, 'strict-index-signatures')) opts.strictIndexSignatures = true;
      if (booleanFlag(args, 'no-comments')) opts.comments = false;
      const banner = stringFlag(args, 'banner');
      if (banner !== undefined) opts.bannerComment = banner;
      if (!fromSamples && (stringFlag(args, 'discriminator') !== undefined || booleanFlag(args, 'no-discriminator'))) {
        throw new UsageError('--discriminator and --no-discriminator only apply with --from-samples');
      }
      if (!fromSamples && args.positionals.length > 1) throw new UsageError(`expected one schema file, got ${args.positionals.length} (use --from-samples for sample payloads)`);
    } catch (err) {
      return usageFailure(io, 'types', err);
    }

    const readsStdin = args.positionals.length === 0 || args.positionals.includes('-');
    if (io.stdin.isTTY === true && readsStdin) {
      // Someone typed `fieldkit types` without a file: say what it is waiting for.
      io.stderr.write(`fieldkit types: reading ${fromSamples ? 'samples' : 'a schema'} from stdin (end with Ctrl-D; see --help)\n`);
    }
    let schema: JSONSchema;
    // Where the schema came from, for messages (`stdin:` like files get `file:`).
    let source: string | undefined;
    if (fromSamples) {
      let inferOpts;
      try {
        inferOpts = inferOptionsFromArgs(args);
      } catch (err) {
        return usageFailure(io, 'types', err);
      }
      const samples = await readJsonInputs(args.positionals, io);
      if (!samples.ok) {
        printIssues(io.stderr, samples.issues);
        return EXIT_USAGE;
      }
      schema = inferSchema(
        samples.value.map((s) => s.value),
        inferOpts,
      );
    } else {
      const file = args.positionals[0] ?? '-';
      source = file === '-' ? STDIN_NAME : file;
      const read = await readJsonFile(file, io);
      if (!read.ok) {
        printIssues(io.stderr, read.issues);
        return EXIT_USAGE;
      }
      schema = read.value as JSONSchema;
    }

    const result = await toTypeScript(schema, opts);
    const located = (issues: readonly Issue[]) => issues.map((i) => (source === undefined || i.source !== undefined ? i : { ...i, source }));
    if (!result.ok) {
      printIssues(io.stderr, located(result.issues));
      return EXIT_USAGE;
    }
    if (result.issues.length) printIssues(io.stderr, located(result.issues));
    const out = stringFlag(args, 'output');
    if (out !== undefined && out !== '-') {
      const written = await writeOutputFile(out, result.value, io.cwd);
      if (!written.ok) {
        printIssues(io.stderr, written.issues);
        return EXIT_USAGE;
      }
      return EXIT_OK;
    }
    await writeStdout(io.stdout, result.value);
    return EXIT_OK;
  },
};
