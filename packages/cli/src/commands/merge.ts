/**
 * `fieldkit merge STATE.json...`: merge inference states written by `fieldkit infer --state-out`
 * (one per shard, machine or day) and print the schema of all their samples together.
 */
import { inferrerFromState, type InferenceState, type Inferrer, type Issue } from '@fieldkit/core';
import type { Command } from '../command.js';
import { UsageError, booleanFlag, parseArgs } from '../io/args.js';
import { EXIT_USAGE } from '../io/exit-codes.js';
import { printIssues } from '../io/issues.js';
import { readJsonFile } from '../io/read.js';
import { usageFailure } from '../io/usage.js';
import { SCHEMA_FLAG_HELP, SCHEMA_FLAG_SPECS, inferOptionsFromArgs } from '../engine/options.js';
import { writeResults } from '../engine/output.js';

const HELP = `Usage: fieldkit merge [options] STATE.json...

Merge inference states written by \`fieldkit infer --state-out FILE\` and print the schema
of all their samples together: the same schema \`fieldkit infer\` prints for the whole input.
Use it to infer on many machines (one state per shard), or to add new samples to an old state.
Pass the same --hint flags the states were made with. --stats shows examples only if the
states were made with \`fieldkit infer --stats\` (merge warns otherwise).

Options:
${SCHEMA_FLAG_HELP}  -h, --help                 show this help

Exit codes: 0 ok, 2 bad usage, unreadable or foreign state files (the error names the file).

Example:
  fieldkit infer --state-out a.state.json part-a.ndjson > /dev/null
  fieldkit infer --state-out b.state.json part-b.ndjson > /dev/null
  fieldkit merge a.state.json b.state.json > schema.json
`;

/** The warning `merge --stats` prints when no state kept examples (exit code unchanged). */
export const STATS_WITHOUT_EXAMPLES =
  'fieldkit merge: warning: the states were inferred without --stats, so they hold no examples to show ' +
  '(only seen counts); run `fieldkit infer --stats --state-out FILE` to make states that keep examples\n';

/** `fieldkit merge`. */
export const mergeCommand: Command = {
  name: 'merge',
  summary: 'merge inference states (from infer --state-out) into one schema',
  help: HELP,
  async run(argv, io) {
    let args;
    let options;
    try {
      args = parseArgs(argv, SCHEMA_FLAG_SPECS);
      options = inferOptionsFromArgs(args);
      if (args.positionals.length === 0) throw new UsageError('give at least one state file (written by `fieldkit infer --state-out FILE`)');
    } catch (err) {
      return usageFailure(io, 'merge', err);
    }
    let merged: Inferrer | undefined;
    const issues: Issue[] = [];
    // Whether any state kept examples (made by `infer --stats`); without them --stats can only show seen counts.
    let keepsExamples = false;
    for (const file of args.positionals) {
      const json = await readJsonFile(file, io);
      if (!json.ok) {
        issues.push(...json.issues);
        continue;
      }
      const r = inferrerFromState(json.value, options);
      if (!r.ok) {
        // Name the file on every issue: the inferrer does not know where the state came from.
        issues.push(...r.issues.map((i) => ({ ...i, source: file, message: `not a valid fieldkit inference state: ${i.message}` })));
        continue;
      }
      // inferrerFromState accepted it, so it is a well-formed state
      if ((json.value as InferenceState).maxExamples > 0) keepsExamples = true;
      if (!merged) merged = r.value;
      else merged.merge(r.value);
    }
    if (issues.length > 0 || !merged) {
      printIssues(io.stderr, issues);
      return EXIT_USAGE;
    }
    if (booleanFlag(args, 'stats') && !keepsExamples) io.stderr.write(STATS_WITHOUT_EXAMPLES);
    return writeResults(io, merged, args);
  },
};
