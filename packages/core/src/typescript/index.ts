/**
 * `@fieldkit/core/typescript`: TypeScript declarations from a JSON Schema, in Node and in the
 * browser. A subpath export so the main entry stays small.
 */
export { toTypeScript, DEFAULT_TO_TYPESCRIPT_OPTIONS } from './to-typescript.js';
export type { ToTypeScriptOptions } from './to-typescript.js';
export { quoteKey } from './print.js';
