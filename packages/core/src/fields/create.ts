import type { Field, FieldType } from './model.js';

let counter = 0;
// A per-load prefix keeps ids from two sessions (e.g. a saved list re-opened) from colliding.
const PREFIX = Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0');

/** A fresh field id, unique within this page/process. Ids are for UI keys and edit operations only. */
export function newFieldId(): string {
  counter += 1;
  return `f${PREFIX}${counter.toString(36)}`;
}

/** Every user-facing field type, in the order a type picker lists them. */
export const FIELD_TYPES: readonly FieldType[] = [
  'string',
  'integer',
  'number',
  'boolean',
  'object',
  'array',
  'date-time',
  'date',
  'time',
  'email',
  'uri',
  'uuid',
  'ipv4',
  'ipv6',
  'iso-date-time',
  'date-time-space',
  'unix-time',
  'unix-time-ms',
  'null',
  'any',
];

/**
 * Field types that are a JSON Schema `format` on a base JSON type. `fieldsToSchema` writes
 * `{ type: base, format: name }`; `schemaToFields` turns that exact pair back into the type.
 */
export const FORMAT_TYPES: Readonly<Partial<Record<FieldType, 'string' | 'integer'>>> = {
  'date-time': 'string',
  date: 'string',
  time: 'string',
  email: 'string',
  uri: 'string',
  uuid: 'string',
  ipv4: 'string',
  ipv6: 'string',
  'iso-date-time': 'string',
  'date-time-space': 'string',
  'unix-time': 'integer',
  'unix-time-ms': 'integer',
};

/** True for a string that names a {@link FieldType}. */
export function isFieldType(s: unknown): s is FieldType {
  return typeof s === 'string' && (FIELD_TYPES as readonly string[]).includes(s);
}

/** The JSON type a value of this field type has (`any` for `any`). */
export function baseJsonType(type: FieldType): 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null' | 'any' {
  return FORMAT_TYPES[type] ?? (type as 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null' | 'any');
}

/**
 * Make a field from a partial one: fills `id` (fresh unless given), `type` 'string',
 * `optional` false, `nullable` false. An object field gets `properties: []` when none are given.
 */
export function createField(partial: Partial<Field> & { name: string }): Field {
  const f: Field = {
    ...partial,
    id: partial.id ?? newFieldId(),
    name: partial.name,
    type: partial.type ?? 'string',
    optional: partial.optional ?? false,
    nullable: partial.nullable ?? false,
  };
  if (f.type === 'object' && f.properties === undefined && partial.extra?.additionalProperties === undefined) f.properties = [];
  return f;
}
