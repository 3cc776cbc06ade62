/** Printing issues the way every command does: one line each on stderr via `formatIssue`. */
import type { Writable } from 'node:stream';
import { formatIssue, type Issue } from '@fieldkit/core/infer';

/** How many issues {@link printIssues} prints before summarising the rest. */
export const DEFAULT_MAX_PRINTED_ISSUES = 20;

/**
 * Write `issues` to `stderr`, one line each, at most `max` of them followed by a count of the
 * rest. `omitted` adds issues known to exist but not kept (e.g. a reader that stopped collecting).
 */
export function printIssues(stderr: Writable, issues: readonly Issue[], max = DEFAULT_MAX_PRINTED_ISSUES, omitted = 0): void {
  const shown = issues.slice(0, max);
  let text = shown.map((i) => formatIssue(i) + '\n').join('');
  const rest = issues.length - shown.length + omitted;
  if (rest > 0) text += `… and ${rest} more issue${rest === 1 ? '' : 's'}\n`;
  stderr.write(text);
}

/** Print a single usage-style error line: `fieldkit <command>: <message>`. */
export function printError(stderr: Writable, command: string, message: string): void {
  stderr.write(`fieldkit ${command}: ${message}\n`);
}
