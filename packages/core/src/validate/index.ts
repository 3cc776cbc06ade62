/**
 * `@fieldkit/core/validate`: check payloads against a JSON Schema with ajv, and get back
 * issues people can read. A subpath export because ajv compiles schemas with `new Function`.
 */
export { createValidator, DEFAULT_VALIDATOR_OPTIONS, FIELDKIT_KEYWORDS, fieldName } from './create-validator.js';
export type { Validator, ValidatorOptions } from './create-validator.js';
export { MESSAGES, FORMAT_EXAMPLES, describeValue, previewValue } from './messages.js';
