/**
 * Process exit codes every `fieldkit` command uses (CONTRACTS.md §4).
 *
 * - {@link EXIT_OK}: success.
 * - {@link EXIT_INVALID}: the input was read fine but is invalid (a payload fails validation…).
 * - {@link EXIT_USAGE}: bad flags, missing/unreadable files, unparsable input.
 */
export const EXIT_OK = 0;
/** The data was read but is invalid (validation failed). */
export const EXIT_INVALID = 1;
/** Usage error or bad input: unknown flag, bad flag value, missing file, JSON that does not parse. */
export const EXIT_USAGE = 2;

/** One of the exit codes above. */
export type ExitCode = typeof EXIT_OK | typeof EXIT_INVALID | typeof EXIT_USAGE;
