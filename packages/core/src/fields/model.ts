import type { JSONSchemaObject } from '../types.js';

/**
 * The schema designer's data: what a person edits. A field list is an ordered array of fields;
 * an object field nests another list in `properties`; an array field describes its items in `of`.
 */

/** User-facing types: JSON types plus the formats people think of as types. */
export type FieldType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'object'
  | 'array'
  | 'null'
  | 'any'
  | 'date-time'
  | 'date'
  | 'time'
  | 'email'
  | 'uri'
  | 'uuid'
  | 'ipv4'
  | 'ipv6'
  | 'iso-date-time'
  | 'date-time-space'
  | 'unix-time'
  | 'unix-time-ms';

/** What inference saw at a field's path (shown by the designer; kept across renames). */
export interface FieldStats {
  /** How many objects that could have had this key did. */
  seen: number;
  /** How many objects were seen at the parent path. */
  total: number;
  /** A few distinct example values, in the order first seen. */
  examples?: unknown[];
}

/** One field. `name` is the exact payload key: never normalised. */
export interface Field {
  /** Stable id for UI keys and edit operations; not part of the schema. */
  id: string;
  /** The exact key in the payload. */
  name: string;
  type: FieldType;
  /** Key may be absent (not in `required`). */
  optional: boolean;
  /** Value may be `null`. */
  nullable: boolean;
  /** Human label (schema `title`). */
  label?: string;
  /** Help text (schema `description`). */
  hint?: string;
  /** Child fields when `type` is `object`. */
  properties?: Field[];
  /** Item description when `type` is `array`: a single item field (its `name` is ignored). */
  of?: Field;
  /** Allowed values. */
  enum?: unknown[];
  /** Example values. */
  examples?: unknown[];
  /** Inference statistics, when the schema carried them. */
  stats?: FieldStats;
  /** Schema keywords the field model cannot show, kept verbatim and written back unchanged. */
  extra?: JSONSchemaObject;
}

/** An ordered list of fields: the root object of a schema. */
export type FieldList = Field[];
