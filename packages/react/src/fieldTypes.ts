import type { FieldType } from '@fieldkit/core';

/** Every field type, in the order the type select lists them, with the label people see. */
export const FIELD_TYPE_OPTIONS: readonly { type: FieldType; label: string; group: 'basic' | 'format' | 'time' }[] = [
  { type: 'string', label: 'string', group: 'basic' },
  { type: 'integer', label: 'integer', group: 'basic' },
  { type: 'number', label: 'number', group: 'basic' },
  { type: 'boolean', label: 'boolean', group: 'basic' },
  { type: 'object', label: 'object', group: 'basic' },
  { type: 'array', label: 'array', group: 'basic' },
  { type: 'null', label: 'null', group: 'basic' },
  { type: 'any', label: 'any', group: 'basic' },
  { type: 'date-time', label: 'date-time (RFC 3339)', group: 'time' },
  { type: 'iso-date-time', label: 'date-time (no offset)', group: 'time' },
  { type: 'date-time-space', label: 'date-time (space)', group: 'time' },
  { type: 'date', label: 'date', group: 'time' },
  { type: 'time', label: 'time', group: 'time' },
  { type: 'unix-time', label: 'unix time (s)', group: 'time' },
  { type: 'unix-time-ms', label: 'unix time (ms)', group: 'time' },
  { type: 'email', label: 'email', group: 'format' },
  { type: 'uri', label: 'uri', group: 'format' },
  { type: 'uuid', label: 'uuid', group: 'format' },
  { type: 'ipv4', label: 'ipv4', group: 'format' },
  { type: 'ipv6', label: 'ipv6', group: 'format' },
];
