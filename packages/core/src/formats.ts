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

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Dates and times: one regex for the shape (V8 compiles regexes to native code on first use, so
// they are fast from the first sample on; hand-written char loops run interpreted until the JIT
// has optimised them, most of a small input's time), then a calendar check on fixed positions.
const DATE = '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])';
// Seconds stop at 59: ajv accepts a leap second only at 23:59 UTC, so 60 is refused here (stricter).
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?';
const NUM_OFFSET = '[+-](?:[01]\\d|2[0-3]):?[0-5]\\d';
const OFFSET = `(?:[Zz]|${NUM_OFFSET})`;
const DATE_RE = new RegExp(`^${DATE}$`);
const TIME_RE = new RegExp(`^${TIME}${OFFSET}$`);
const DATE_TIME_RE = new RegExp(`^${DATE}[Tt]${TIME}${OFFSET}$`);
const LOCAL_DATE_TIME_RE = new RegExp(`^${DATE}[Tt]${TIME}$`);
const SPACE_DATE_TIME_RE = new RegExp(`^${DATE} ${TIME}(?: ?(?:[Zz]|[Uu][Tt][Cc]|[Gg][Mm][Tt]|${NUM_OFFSET}))?$`);

/** The YYYY-MM-DD at the start of `s` (shape already checked) names a real calendar day. */
function calendarDay(s: string): boolean {
  const d = (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48);
  if (d <= 28) return true;
  const mo = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48);
  if (mo !== 2) return d <= DAYS[mo]!;
  const y = (s.charCodeAt(0) - 48) * 1000 + (s.charCodeAt(1) - 48) * 100 + (s.charCodeAt(2) - 48) * 10 + (s.charCodeAt(3) - 48);
  return d <= (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28);
}

/** Calendar check for YYYY-MM-DD (leap years included). */
export function isDate(s: string): boolean {
  return DATE_RE.test(s) && calendarDay(s);
}

/** RFC 3339 full-time (with offset). */
export function isTime(s: string): boolean {
  return TIME_RE.test(s);
}

/** RFC 3339 date-time: date, `T` (or `t`), time, offset. */
export function isDateTime(s: string): boolean {
  return DATE_TIME_RE.test(s) && calendarDay(s);
}

/** ISO date-time without an offset (`2024-05-01T12:00:00`): ajv-formats' `iso-date-time`. */
export function isLocalDateTime(s: string): boolean {
  return LOCAL_DATE_TIME_RE.test(s) && calendarDay(s);
}

/** `2024-05-01 12:00:00 +00:00` (Iterable), `2024-05-01 12:00:00 UTC`, `2024-05-01 12:00:00`. */
export function isSpaceDateTime(s: string): boolean {
  return SPACE_DATE_TIME_RE.test(s) && calendarDay(s);
}

const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
/** An email address as ajv-formats (full) accepts it, at most 254 characters. */
export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL.test(s);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UUID in 8-4-4-4-12 hex form (no `urn:uuid:` prefix). */
export function isUuid(s: string): boolean {
  return s.length === 36 && UUID.test(s);
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
/** A dotted-quad IPv4 address. */
export function isIpv4(s: string): boolean {
  return s.length <= 15 && IPV4.test(s);
}

// ajv-formats' ipv6 regex (full mode), kept identical so inference never claims more than ajv accepts.
const IPV6 =
  /^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$/i;
/** An IPv6 address (ajv-formats' own expression). */
export function isIpv6(s: string): boolean {
  return s.length >= 2 && s.length <= 45 && s.indexOf(':') >= 0 && IPV6.test(s);
}

// URI characters as ajv-formats' RFC 3986 regex allows them (ASCII only): host chars (unreserved,
// sub-delims), path chars (+ `:` `@`), query/fragment chars (+ `/` `?`); `%` is allowed in each
// class and checked separately (only as %HH), which keeps every part a plain character run.
const URI_HOST = "[a-z0-9\\-._~!$&'()*+,;=%]";
const URI_PCHAR = "[a-z0-9\\-._~!$&'()*+,;=:@%]";
const URI_QCHAR = "[a-z0-9\\-._~!$&'()*+,;=:@/?%]";
/**
 * `scheme://host[:port]/path?query#fragment` (no userinfo: rare in payloads, refused — stricter),
 * or `mailto:`/`urn:`/`tel:` + path. A regex rather than a char loop: V8 compiles it to native
 * code on its first use, while a hand-written checker runs interpreted until the JIT has
 * optimised it — most of a small input's inference time (measured: bench github warm-up).
 */
const URI = new RegExp(
  `^(?:[a-z][a-z0-9+.\\-]*://${URI_HOST}+(?::[0-9]*)?(?:/${URI_PCHAR}*)*|(?:mailto|urn|tel):${URI_PCHAR}+(?:/${URI_PCHAR}*)*)(?:\\?${URI_QCHAR}*)?(?:#${URI_QCHAR}*)?$`,
  'i',
);
/** A `%` that does not start a %HH escape. */
const BAD_PERCENT = /%(?![0-9a-f]{2})/i;

/**
 * Absolute URI: a subset of ajv-formats' `uri` (RFC 3986), so whatever it accepts ajv accepts;
 * at most 2,048 characters.
 */
export function isUri(s: string): boolean {
  return s.length >= 4 && s.length <= 2048 && URI.test(s) && (s.indexOf('%') < 0 || !BAD_PERCENT.test(s));
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
