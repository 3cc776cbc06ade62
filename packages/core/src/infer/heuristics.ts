/**
 * The named heuristics of inference, each a pure function of final counts (never of sample
 * order): enums, maps, epoch timestamps, event-type discriminators.
 */
import { ALL_STRING_FORMATS, K_ARR, K_BOOL, K_FLT, K_INT, K_OBJ, K_STR, kindMask, stringFormats, type Node } from './node.js';

/** Most distinct values an automatically detected enum may have. */
export const ENUM_MAX_VALUES = 8;
/** Fewest strings at a path before an enum is considered. */
export const ENUM_MIN_COUNT = 10;
/** Each enum value must be seen on average this many times (count ≥ factor × distinct). */
export const ENUM_REPEAT_FACTOR = 3;
/** Longest automatically detected enum value. */
export const ENUM_MAX_VALUE_LENGTH = 40;

// Keys whose strings are identifiers or free text, never enums.
// (Arrays pass their own key to their elements: `tags` -> each tag.)
const NOT_ENUM_KEY =
  /(?:^|[_\-.\s])(?:id|ids|uuid|guid|token|hash|sha|key|secret|password|email|url|uri|href|link|path|paths|title|description|desc|message|msg|text|body|content|comment|note|notes|subject|summary|html|address|phone|slug|name|version|currency|currency_code|presentment_currency|country|country_code|locale|customer_locale|language|lang|timezone|time_zone|login|username|user|color|colour|city|street|zip|postcode|postal_code|labels|tags|topics|categories|keywords|added|removed|modified|files|filename)$|[a-z0-9](?:Id|ID|Ids|Uuid|UUID|Token|Hash|Key|Email|Url|URL|Uri|Href|Link|Path|Title|Description|Message|Text|Body|Content|Comment|Note|Subject|Summary|Html|Address|Phone|Slug|Name|Version|Currency|CurrencyCode|Country|CountryCode|Locale|Language|Timezone|TimeZone|Login|Username|Color|City|Labels|Tags|Topics|Files)$/;
/** Event-type names are closed sets even though they end in "name". */
const EVENT_NAME_KEY = /^event_?name$/i;
// (ISO code lists — currencies, countries, locales, time zones — are closed but large: the few
// values a stream shows are always too narrow an enum: fixtures F11.)
const NUMERIC = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Strings at `node` (under property `key`) look like a closed set of values. */
export function looksLikeEnum(node: Node, key: string | null): boolean {
  if (node.str < ENUM_MIN_COUNT || node.svOver || node.sv === null) return false; // cheap checks first (no Map built)
  const sv = node.values();
  if (sv === null) return false;
  const d = sv.size;
  if (d < 2 || d > ENUM_MAX_VALUES) return false;
  if (node.str < ENUM_MIN_COUNT || node.str < ENUM_REPEAT_FACTOR * d) return false;
  if (key !== null && NOT_ENUM_KEY.test(key) && !EVENT_NAME_KEY.test(key)) return false;
  for (const [v, c] of sv) {
    if (c < 2) return false;
    if (v.length === 0 || v.length > ENUM_MAX_VALUE_LENGTH) return false;
    if (NUMERIC.test(v)) return false;
    if (stringFormats(v, ALL_STRING_FORMATS) !== 0) return false; // dates, emails, uuids… are open sets
    if (K_ID.test(v) || K_HEX.test(v)) return false; // generated ids (prod_PqB7mXzL2kV9aC, U02AB3CD4EF) repeat only because streams are small
    if (/[\n\r\t]/.test(v) || v.split(' ').length > 3) return false;
  }
  return true;
}

// Key names that make an integer in epoch range a timestamp: *At, *_at, time, timestamp, date, ts, created, updated…
const EPOCH_KEY =
  /(?:^|[_\-.])(?:at|time|timestamp|ts|date|datetime|created|updated|modified|expires|expiry|exp|iat|nbf|when|since|until|start|end|anchor)$|[a-z0-9](?:At|Time|Timestamp|TS|Ts|Date|DateTime|Datetime|Created|Updated|Modified|Expires|Expiry|Start|End|Anchor)$/;
const ID_KEY = /(?:^|[_\-.])id$|[a-z0-9](?:Id|ID)$|^id/i;

/** The key name is evidence that an integer in epoch range is a timestamp (never ids). */
export function isEpochKey(key: string | null): boolean {
  if (key === null || key.length > 64) return false;
  if (ID_KEY.test(key)) return false;
  return EPOCH_KEY.test(key);
}

// Map keys: what a key that is data (an id, a date, a code) looks like.
const K_NUM = /^-?\d+$/;
const K_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const K_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]*)?$/;
const K_HEX = /^(?=[^0-9]*[0-9])[0-9a-f]{8,}$/i;
// Generated ids: an optional short prefix, then a token mixing letters and ≥ 2 digits (`cus_9s6XKzkNRiz8i3`, `U024BE7LH`).
const K_ID = /^(?:[A-Za-z]{1,12}[_\-:])?(?=(?:[A-Za-z]*[0-9]){2})(?=[0-9]*[A-Za-z])[A-Za-z0-9]{6,}$/;
// A word plus a sequence number (`field_00001`, `item12`): a map only when the values are alike.
const K_SEQ = /^[A-Za-z][A-Za-z_\-]{0,30}\d+$/;
/** Fewest keys for a word+number key set to be considered a map. */
export const MAP_MIN_SEQ_KEYS = 20;
const K_CODE = /^(?:[A-Z]{2,3}|[a-z]{2}(?:[-_][A-Za-z]{2,4})?)$/;

const isDigitCode = (c: number) => c >= 48 && c <= 57;

/** Key classes in order of specificity, with the `propertyNames` pattern each implies. */
const KEY_CLASSES: { re: RegExp; min: number; pattern: string | null }[] = [
  { re: K_NUM, min: 2, pattern: '^-?[0-9]+$' },
  { re: K_UUID, min: 1, pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
  { re: K_DATE, min: 2, pattern: null },
  { re: K_HEX, min: 3, pattern: '^[0-9a-fA-F]+$' },
  { re: K_ID, min: 3, pattern: null },
  { re: K_CODE, min: 8, pattern: null },
];

/**
 * A necessary condition (length, first character) of KEY_CLASSES[cls].re, tested first: most
 * objects' keys are ordinary names that fail it, and a regex call costs ~40 ns against ~2 for
 * this (on the bench's 5,000-level value detectMap was a third of toSchema). A switch, not a
 * function per class: one call site calling six closures is not inlined.
 */
export function keyMayFit(cls: number, k: string): boolean {
  const len = k.length;
  switch (cls) {
    case 0: {
      const c = k.charCodeAt(0);
      return c === 45 || isDigitCode(c);
    }
    case 1:
      return len === 36;
    case 2:
      return len >= 10 && isDigitCode(k.charCodeAt(0));
    case 3:
      return len >= 8;
    case 4:
      return len >= 6;
    default:
      return len >= 2 && len <= 7;
  }
}

/** The key classes' regexes, for tests of {@link keyMayFit}. */
export const KEY_CLASS_PATTERNS: readonly RegExp[] = KEY_CLASSES.map((c) => c.re);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export const MAP_NAME_KEY = /(?:ById|ByName|ByKey|ByFieldId|ByID|_by_id|_by_name|_by_key|Map|_map)$/;
/** A necessary condition of MAP_NAME_KEY: it ends in d, e, y, D or p. */
export function mayBeMapName(key: string): boolean {
  const c = key.charCodeAt(key.length - 1);
  return c === 100 || c === 101 || c === 121 || c === 68 || c === 112;
}
const PREFIXED_ID = /^([a-z]{2,4})[A-Za-z0-9]{10,}$/;

/** All keys are one short lower-case prefix + a random tail of one length (Airtable tbl…/rec…/fld…), digits or not. */
function sharePrefixedIdShape(keys: Iterable<string>): boolean {
  let prefix: string | null = null;
  let len = -1;
  for (const k of keys) {
    const m = PREFIXED_ID.exec(k);
    if (m === null) return false;
    if (prefix === null) {
      prefix = m[1]!.slice(0, 3);
      len = k.length;
    } else if (k.length !== len || !k.startsWith(prefix)) return false;
    // A tail that is one lower-case word (`recordsXyzabc…`) is a name, not an id: require a capital or digit.
    if (!/[A-Z0-9]/.test(k.slice(prefix.length))) return false;
  }
  return prefix !== null;
}

/** Keys that conventionally hold user-defined string maps (Stripe `metadata`, …). */
export const FREE_MAP_KEY = /^(?:metadata|meta|custom_fields|customFields|custom_attributes|customAttributes|custom_data|customData)$/;
/** A necessary condition of FREE_MAP_KEY: 4 to 17 characters starting with m or c. */
export function mayBeFreeMap(key: string): boolean {
  const c = key.charCodeAt(0);
  return (c === 109 || c === 99) && key.length >= 4 && key.length <= 17;
}

/** Every value a string (or null) and no key in every object: user-defined keys. */
function looksLikeStringMap(node: Node): boolean {
  for (const c of node.props!.values()) {
    if (c.n === node.obj) return false;
    if (c.str + c.nul !== c.n) return false;
  }
  return true;
}

/** Objects with at least this many distinct keys whose values are alike are maps. */
export const MAP_MIN_ALIKE_KEYS = 200;
/** Share of values with the same kind signature for "alike". */
export const MAP_ALIKE_SHARE = 0.9;

/** Kinds present at a node, as a bit set. */
export function kindSignature(n: Node): number {
  const m = kindMask(n);
  return (n.nul > 0 ? 1 : 0) | (m & (1 << K_BOOL) ? 2 : 0) | (m & ((1 << K_INT) | (1 << K_FLT)) ? 4 : 0) | (m & (1 << K_STR) ? 8 : 0) | (m & (1 << K_OBJ) ? 16 : 0) | (m & (1 << K_ARR) ? 32 : 0);
}

/**
 * Decide whether the object node is a map (keys are data). Returns null for "not a map", else
 * the `propertyNames` pattern (or '' for none).
 */
export function detectMap(node: Node, key: string | null = null): string | null {
  const props = node.props;
  if (props === null || props.size === 0) return null;
  const size = props.size;
  if (key !== null && mayBeFreeMap(key) && FREE_MAP_KEY.test(key) && looksLikeStringMap(node)) return '';
  // The parent key says "map": changedTablesById, users_by_id, fieldMap…
  if (key !== null && mayBeMapName(key) && MAP_NAME_KEY.test(key)) return mapPattern(props.keys(), null);
  if (size >= 3 && sharePrefixedIdShape(props.keys())) return mapPattern(props.keys(), null);
  for (let ci = 0; ci < KEY_CLASSES.length; ci++) {
    const cls = KEY_CLASSES[ci]!;
    if (size < cls.min) continue;
    let all = true;
    for (const k of props.keys()) {
      if (!keyMayFit(ci, k) || !cls.re.test(k)) {
        all = false;
        break;
      }
    }
    if (all) return mapPattern(props.keys(), cls.pattern);
  }
  // From MAP_MIN_ALIKE_KEYS keys on, alike values alone decide: the word+number key test (a
  // regex per key, ~1.5 ms on 50,000 keys) is only needed below.
  let seq = size >= MAP_MIN_SEQ_KEYS && size < MAP_MIN_ALIKE_KEYS;
  if (seq) {
    for (const k of props.keys()) {
      if (!K_SEQ.test(k)) {
        seq = false;
        break;
      }
    }
  }
  if (seq || size >= MAP_MIN_ALIKE_KEYS) {
    const counts = new Array<number>(64).fill(0); // by kind signature (6 bits)
    let best = 0;
    for (const c of props.values()) {
      const x = ++counts[kindSignature(c)]!;
      if (x > best) best = x;
    }
    if (best >= MAP_ALIKE_SHARE * size) return mapPattern(props.keys(), null);
  }
  return null;
}

/** The pattern every key fits, or '' when there is none worth writing. */
export function mapPattern(keys: Iterable<string>, pattern: string | null): string {
  if (pattern !== null) return pattern;
  let dates = true;
  for (const k of keys) if (!DATE_ONLY.test(k)) { dates = false; break; }
  return dates ? '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' : '';
}

/** Built-in event-type keys, most specific first. */
export const DISCRIMINATOR_KEYS: readonly string[] = [
  'eventName', 'event_name', 'eventType', 'event_type', 'webhookEvent', 'webhook_event', 'event',
  'type', 'action', 'topic', 'kind', 'object',
];
// Identifier-like, inner spaces allowed (Segment's "Order Completed").
const TAG_VALUE = /^[A-Za-z0-9](?:[A-Za-z0-9 _.:\/-]{0,62}[A-Za-z0-9_.:\/-])?$/;

/** A value of a built-in event-type key that can name a variant (identifier-like). */
export function isTagValue(v: string, named: boolean): boolean {
  return named ? v.length <= 200 : TAG_VALUE.test(v);
}

/** Most distinct values one event-type key may have before it is given up. */
export const DISCRIMINATOR_MAX_VALUES = 64;
/** Most sample groups kept; beyond, the lowest-priority keys are given up. */
export const MAX_PARTITIONS = 256;

/** PascalCase of an event value for a `$defs` name: `invoice.paid` -> `InvoicePaid`. */
export function pascalName(v: string): string {
  const parts = v.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let out = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
  if (out === '' || /^[0-9]/.test(out)) out = 'Event' + out;
  return out;
}
