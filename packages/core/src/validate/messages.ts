import { CUSTOM_FORMATS } from '../formats.js';

/**
 * The one table of texts a person reads when a payload does not match its schema.
 * Every function returns a sentence fragment without the location: the Issue carries the
 * path, and the CLI prints `file:line: $.path: message`.
 */

const MAX_PREVIEW = 60;
const MAX_LISTED = 10;

/** A short, JSON-escaped preview of a value: `"42"`, `3.5`, `true`, `null`, `array (3 items)`, `object`. */
export function previewValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array (${plural(value.length, 'item')})`;
  if (typeof value === 'object') return 'object';
  if (typeof value === 'string') {
    const s = value.length > MAX_PREVIEW ? value.slice(0, MAX_PREVIEW) + '…' : value;
    return JSON.stringify(s);
  }
  return String(value);
}

/** The JSON kind of a value as schemas name them (`integer` is reported as `number`). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** `string "42"`, `number 3.5`, `null`, `array (2 items)`, `object`. */
export function describeValue(value: unknown): string {
  const kind = kindOf(value);
  if (kind === 'null' || kind === 'object' || kind === 'array') return previewValue(value);
  return `${kind} ${previewValue(value)}`;
}

/** `1 item`, `2 items`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `"red", "blue"`, or the first ten and `… (5 more)`. */
export function listValues(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_LISTED).map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : previewValue(v)));
  return values.length > MAX_LISTED ? `${shown.join(', ')}, … (${values.length - MAX_LISTED} more)` : shown.join(', ');
}

/** `string or null`, `string, number or null`. */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Examples shown next to a failed format, so people see what is expected. */
export const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  'date-time': '2024-05-01T12:00:00Z',
  'iso-date-time': '2024-05-01T12:00:00',
  date: '2024-05-01',
  time: '12:00:00Z',
  'iso-time': '12:00:00',
  duration: 'P3DT4H',
  email: 'name@example.com',
  hostname: 'example.com',
  uri: 'https://example.com/path',
  'uri-reference': '/path?q=1',
  url: 'https://example.com/path',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  ipv4: '192.168.0.1',
  ipv6: '2001:db8::1',
  'json-pointer': '/data/items/0',
  byte: 'aGVsbG8=',
  ...Object.fromEntries(Object.entries(CUSTOM_FORMATS).map(([name, def]) => [name, String(def.example)])),
};

function article(word: string): string {
  return /^[aeio]/i.test(word) ? 'an' : 'a';
}

/** Message texts, one per ajv keyword (and fieldkit's own collapsed kinds). */
export const MESSAGES = {
  type: (expected: readonly string[], value: unknown) => `expected ${orList(expected)}, got ${describeValue(value)}`,
  required: (field: string) => `missing required field ${JSON.stringify(field)}`,
  additionalProperties: (field: string) => `unexpected field ${JSON.stringify(field)}`,
  unevaluatedProperties: (field: string) => `unexpected field ${JSON.stringify(field)}`,
  enum: (value: unknown, allowed: readonly unknown[]) => `${previewValue(value)} is not an allowed value; allowed: ${listValues(allowed)}`,
  const: (value: unknown, expected: unknown) => `expected ${listValues([expected])}, got ${describeValue(value)}`,
  format: (value: unknown, format: string) => {
    const example = FORMAT_EXAMPLES[format];
    return `${previewValue(value)} is not ${article(format)} ${format}${example !== undefined ? ` (e.g. ${example})` : ''}`;
  },
  pattern: (value: unknown, pattern: string) => `${previewValue(value)} does not match the pattern ${pattern}`,
  minLength: (value: string, limit: number) => `expected at least ${plural(limit, 'character')}, got ${[...value].length}`,
  maxLength: (value: string, limit: number) => `expected at most ${plural(limit, 'character')}, got ${[...value].length}`,
  limit: (value: unknown, comparison: string, limit: number) => `expected a number ${comparison} ${limit}, got ${previewValue(value)}`,
  multipleOf: (value: unknown, multipleOf: number) => `expected a multiple of ${multipleOf}, got ${previewValue(value)}`,
  minItems: (count: number, limit: number) => `expected at least ${plural(limit, 'item')}, got ${count}`,
  maxItems: (count: number, limit: number) => `expected at most ${plural(limit, 'item')}, got ${count}`,
  minProperties: (count: number, limit: number) => `expected at least ${plural(limit, 'field')}, got ${count}`,
  maxProperties: (count: number, limit: number) => `expected at most ${plural(limit, 'field')}, got ${count}`,
  uniqueItems: (i: number, j: number) => `items ${j} and ${i} are identical; items must be unique`,
  contains: () => `no item matches the required item shape`,
  dependentRequired: (property: string, missing: string) => `field ${JSON.stringify(property)} requires field ${JSON.stringify(missing)}`,
  propertyName: (name: string, inner: string) => `field name ${JSON.stringify(name)} is not allowed: ${inner}`,
  oneOfMany: (branches: readonly number[]) =>
    `matches more than one of the allowed shapes (options ${orList(branches.map((b) => String(b + 1))).replace(' or ', ' and ')}); it must match exactly one`,
  noBranch: () => `does not match any of the allowed shapes`,
  discriminator: (field: string, value: unknown, known: readonly unknown[]) =>
    `${previewValue(value)} is not a known ${field}; known: ${listValues(known)}`,
  not: () => `matches a shape that is not allowed here`,
  falseSchema: () => `no value is allowed here`,
  additionalItems: (limit: number) => `expected at most ${plural(limit, 'item')}`,
} as const;
