/**
 * JSON Schema as fieldkit reads and writes it: a plain object (draft 2020-12 or draft-07)
 * or a boolean schema. Keywords fieldkit does not know are kept as they are.
 */
export type JSONSchema = JSONSchemaObject | boolean;

/** The JSON value kinds a schema's `type` keyword can name. */
export type JSONType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** A JSON Schema object. Only the keywords fieldkit reads are typed; the rest pass through. */
export interface JSONSchemaObject {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JSONSchema>;
  definitions?: Record<string, JSONSchema>;
  title?: string;
  description?: string;
  type?: JSONType | JSONType[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  examples?: unknown[];
  properties?: Record<string, JSONSchema>;
  required?: string[];
  additionalProperties?: JSONSchema;
  patternProperties?: Record<string, JSONSchema>;
  propertyNames?: JSONSchema;
  items?: JSONSchema | JSONSchema[];
  prefixItems?: JSONSchema[];
  minItems?: number;
  maxItems?: number;
  anyOf?: JSONSchema[];
  oneOf?: JSONSchema[];
  allOf?: JSONSchema[];
  not?: JSONSchema;
  [keyword: string]: unknown;
}

/** Draft identifiers fieldkit writes in `$schema`. */
export const SCHEMA_DRAFTS = {
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
} as const;

/** Which JSON Schema draft to write. */
export type SchemaDraft = keyof typeof SCHEMA_DRAFTS;

/** One step of a path into a JSON value: a property name or an array index. */
export type PathSegment = string | number;
