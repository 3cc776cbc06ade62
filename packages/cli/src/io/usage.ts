/** The one way commands report a bad command line (CONTRACTS.md §4: usage errors exit 2). */
import type { CommandIO } from '../command.js';
import { UsageError } from './args.js';
import { EXIT_USAGE } from './exit-codes.js';
import { printError } from './issues.js';

/**
 * Handle an error caught around argument parsing: a {@link UsageError} is printed as
 * `fieldkit <command>: <message>` on stderr and gives {@link EXIT_USAGE} to return; anything
 * else is a bug, not bad usage, and is rethrown unchanged.
 *
 * @example
 * try { args = parseArgs(argv, SPECS); } catch (err) { return usageFailure(io, 'merge', err); }
 */
export function usageFailure(io: Pick<CommandIO, 'stderr'>, command: string, err: unknown): typeof EXIT_USAGE {
  if (err instanceof UsageError) {
    printError(io.stderr, command, err.message);
    return EXIT_USAGE;
  }
  throw err;
}
