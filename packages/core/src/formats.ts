/**
 * String and number formats fieldkit recognises.
 *
 * Invariant: a checker here accepts a value only if the validator that `createValidator`
 * builds (ajv + ajv-formats in "full" mode + {@link CUSTOM_FORMATS}) accepts it too, so a
 * schema inferred from samples always validates those samples. When in doubt, be stricter.
 */

/** Formats defined by JSON Schema and known to ajv-formats. */
export type StandardFormat = 'date-time' | 'iso-date-time' | 'date' | 'time' | 'email' | 'uri' | 'uuid' | 'ipv4' | 'ipv6';

/** Formats fieldkit defines for timestamps real webhooks send that RFC 3339 does not cover. */
export type CustomFormat = 'date-time-space' | 'unix-time' | 'unix-time-ms';

export type KnownFormat = StandardFormat | CustomFormat;

/** A format of our own: what JSON type it applies to, how to check it, what it means. */
export interface CustomFormatDefinition {
  type: 'string' | 'number';
  validate: (value: string | number) => boolean;
  description: string;
  example: string | number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d+)?(z|[+-]([01]\d|2[0-3]):?([0-5]\d))$/i;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d+)?$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Calendar check for YYYY-MM-DD (leap years included). */
export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && leap ? 29 : DAYS[mo]!);
}

/** RFC 3339 full-time (with offset). */
export function isTime(s: string): boolean {
  return TIME.test(s);
}

/** RFC 3339 date-time: date, `T` (or `t`), time, offset. */
export function isDateTime(s: string): boolean {
  if (s.length < 20) return false;
  const t = s.indexOf('T') >= 0 ? s.indexOf('T') : s.indexOf('t');
  if (t !== 10) return false;
  return isDate(s.slice(0, 10)) && TIME.test(s.slice(11));
}

/** ISO date-time without an offset (`2024-05-01T12:00:00`): ajv-formats' `iso-date-time`. */
export function isLocalDateTime(s: string): boolean {
  if (s.length < 19 || (s[10] !== 'T' && s[10] !== 't')) return false;
  return isDate(s.slice(0, 10)) && LOCAL_TIME.test(s.slice(11));
}

const SPACE_DT = /^(\d{4}-\d{2}-\d{2}) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d+)?( ?(z|utc|gmt|[+-]([01]\d|2[0-3]):?[0-5]\d))?$/i;

/** `2024-05-01 12:00:00 +00:00` (Iterable), `2024-05-01 12:00:00 UTC`, `2024-05-01 12:00:00`. */
export function isSpaceDateTime(s: string): boolean {
  const m = SPACE_DT.exec(s);
  return m !== null && isDate(m[1]!);
}

const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL.test(s);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(s: string): boolean {
  return s.length === 36 && UUID.test(s);
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
export function isIpv4(s: string): boolean {
  return s.length <= 15 && IPV4.test(s);
}

// ajv-formats' ipv6 regex (full mode), kept identical so inference never claims more than ajv accepts.
const IPV6 =
  /^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$/i;
export function isIpv6(s: string): boolean {
  return s.length >= 2 && s.length <= 45 && s.indexOf(':') >= 0 && IPV6.test(s);
}

// Absolute URI with a scheme and no spaces; stricter than ajv-formats' `uri` (RFC 3986).
const URI = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+[^\s]*$|^(mailto|urn|tel):[^\s]+$/i;
export function isUri(s: string): boolean {
  return s.length <= 2048 && URI.test(s) && !/[<>"{}|\\^`]/.test(s);
}

/** Checkers for the standard formats, by name. */
export const STANDARD_FORMAT_CHECKS: Record<StandardFormat, (s: string) => boolean> = {
  'date-time': isDateTime,
  'iso-date-time': isLocalDateTime,
  date: isDate,
  time: isTime,
  email: isEmail,
  uri: isUri,
  uuid: isUuid,
  ipv4: isIpv4,
  ipv6: isIpv6,
};

// Epoch bounds: 2000-01-01 .. 2100-01-01. Outside that a number is not plausibly a timestamp.
const UNIX_MIN = 946_684_800;
const UNIX_MAX = 4_102_444_800;

/** Formats of our own; `createValidator` registers these with ajv. */
export const CUSTOM_FORMATS: Record<CustomFormat, CustomFormatDefinition> = {
  'date-time-space': {
    type: 'string',
    validate: (v) => typeof v === 'string' && isSpaceDateTime(v),
    description: 'Date and time separated by a space, optional offset or zone: 2024-05-01 12:00:00 +00:00',
    example: '2024-05-01 12:00:00 +00:00',
  },
  'unix-time': {
    type: 'number',
    validate: (v) => typeof v === 'number' && Number.isInteger(v) && v >= UNIX_MIN && v < UNIX_MAX,
    description: 'Seconds since 1970-01-01T00:00:00Z (an integer between years 2000 and 2100)',
    example: 1714564800,
  },
  'unix-time-ms': {
    type: 'number',
    validate: (v) => typeof v === 'number' && Number.isInteger(v) && v >= UNIX_MIN * 1000 && v < UNIX_MAX * 1000,
    description: 'Milliseconds since 1970-01-01T00:00:00Z (an integer between years 2000 and 2100)',
    example: 1714564800000,
  },
};
