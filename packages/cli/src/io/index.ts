/**
 * Shared helpers for `fieldkit` commands (see packages/cli/README.md, "Writing a command"):
 * argv parsing, reading inputs (files/stdin, JSON/NDJSON with located errors), writing output
 * (EPIPE-safe stdout, whole-or-nothing files), printing issues, progress bars, exit codes.
 */
export * from './args.js';
export * from './exit-codes.js';
export * from './issues.js';
export * from './json-text.js';
export * from './output.js';
export * from './progress.js';
export * from './read.js';
export * from './usage.js';
