/**
 * `@fieldkit/core/infer`: the inference half of the package — the inferrer and its text reader,
 * formats, issues and schema types — for callers that need nothing else (the CLI's `infer` and
 * its worker threads, which each load it: the root entry also loads the field-list and
 * request-body modules). Same module instances as the root entry, so values mix freely.
 */
export * from './types.js';
export * from './errors.js';
export * from './formats.js';
export * from './infer/index.js';
