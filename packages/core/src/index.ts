/**
 * @fieldkit/core: infer JSON Schemas from sample payloads, edit them as field lists, check keys
 * and build request bodies. Pure and browser-safe: no Node-only imports anywhere in this package.
 * Validation (ajv) and TypeScript export (json-schema-to-typescript) live in the subpath exports
 * `@fieldkit/core/validate` and `@fieldkit/core/typescript` so this entry stays small.
 */
export * from './types.js';
export * from './errors.js';
export * from './formats.js';
export * from './infer/index.js';
export * from './fields/index.js';
export type { Field, FieldList, FieldType, FieldStats } from './fields/model.js';
export * from './body/index.js';
