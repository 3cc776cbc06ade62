/**
 * Writing what `infer` and `merge` produce: the schema (stdout or `-o FILE`) and optionally the
 * inference state (`--state-out FILE`, or `-` for stdout instead of the schema). Files are
 * written first and whole, so a failure prints nothing on stdout.
 */
import type { Inferrer } from '@fieldkit/core/infer';
import type { CommandIO } from '../command.js';
import { stringFlag, type ParsedArgs } from '../io/args.js';
import { EXIT_OK, EXIT_USAGE } from '../io/exit-codes.js';
import { printIssues } from '../io/issues.js';
import { stringifyJson } from '../io/json-text.js';
import { writeOutputFile, writeStdout } from '../io/output.js';

/** Write schema and/or state as the flags say; resolves to the exit code. */
export async function writeResults(io: CommandIO, inferrer: Inferrer, args: ParsedArgs): Promise<number> {
  const output = stringFlag(args, 'output');
  const stateOut = stringFlag(args, 'state-out');
  // stringifyJson: a schema inferred from deeply nested payloads overflows JSON.stringify
  const schemaText = stringifyJson(inferrer.toSchema(), 2) + '\n';
  let stdoutText: string | undefined = schemaText;
  if (output !== undefined && output !== '-') {
    const w = await writeOutputFile(output, schemaText, io.cwd);
    if (!w.ok) {
      printIssues(io.stderr, w.issues);
      return EXIT_USAGE;
    }
    stdoutText = undefined;
  }
  if (stateOut !== undefined) {
    const stateText = stringifyJson(inferrer.state) + '\n';
    if (stateOut === '-') stdoutText = stateText;
    else {
      const w = await writeOutputFile(stateOut, stateText, io.cwd);
      if (!w.ok) {
        printIssues(io.stderr, w.issues);
        return EXIT_USAGE;
      }
    }
  }
  if (stdoutText !== undefined) await writeStdout(io.stdout, stdoutText);
  return EXIT_OK;
}
