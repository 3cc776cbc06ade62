import { fail, issue, ok, type Issue, type Result } from '../errors.js';
import { SCHEMA_DRAFTS, type JSONSchemaObject, type JSONType } from '../types.js';
import type { Field, FieldList } from '../fields/model.js';
import { schemaToFields } from '../fields/from-schema.js';
import { findNearMiss } from '../fields/near-miss.js';
import { isRecord, own } from '../fields/schema-util.js';
import { buildRequestBody } from './build.js';

/**
 * Request presets: the body of a known API call as DATA (a schema, the field list made from it,
 * the method and URL), so a person only designs the custom part (`dataFields`). Adding a preset is
 * adding a row to {@link PRESET_TABLE}; no code knows about a particular preset.
 */
export interface RequestPreset {
  /** `<provider>.<endpoint>`, e.g. `iterable.users/update`. */
  id: string;
  title: string;
  method: 'POST' | 'GET';
  /** Full URL of the endpoint. */
  url: string;
  /** Request headers other than Content-Type; `$NAME` is an environment variable the caller fills in. */
  headers: Record<string, string>;
  /** Where the provider documents it. */
  docs: string;
  /** The body's schema (the custom-data object is a free-form map here). */
  schema: JSONSchemaObject;
  /** The body as fields (from `schema`). */
  fields: FieldList;
  /** Path of names to the custom-data object; `*` steps into array items (`['subscribers', '*', 'dataFields']`). */
  dataFieldsPath?: string[];
  /** At least one of these names must be present in the object at `path` (`*` = every array item). */
  atLeastOne?: { path: string[]; names: string[]; why: string }[];
}

const S = (type: JSONType, description?: string, extra: Record<string, unknown> = {}): JSONSchemaObject => ({ type, ...(description ? { description } : {}), ...extra });
const FREE_OBJECT = (description: string): JSONSchemaObject => ({ type: 'object', description, additionalProperties: true });

const ITERABLE_HEADERS = { 'Api-Key': '$ITERABLE_API_KEY' };
const ITERABLE_DOCS = 'https://api.iterable.com/api/docs';
const USER_ID_WHY = 'Iterable identifies the user by email or userId';

const userFields = {
  email: S('string', 'The user\'s email address; identifies the user in email-based projects.', { format: 'email' }),
  userId: S('string', 'The user\'s userId; identifies the user in userId-based or hybrid projects.'),
};

/** Table row: everything but `fields`, which is made from `schema`. */
type PresetRow = Omit<RequestPreset, 'fields'>;

/** The preset table. Field names follow Iterable's API reference exactly. */
export const PRESET_TABLE: readonly PresetRow[] = [
  {
    id: 'iterable.users/update',
    title: 'Iterable: update a user (create if missing)',
    method: 'POST',
    url: 'https://api.iterable.com/api/users/update',
    headers: ITERABLE_HEADERS,
    docs: ITERABLE_DOCS + '#users_updateUser',
    schema: {
      $schema: SCHEMA_DRAFTS['2020-12'],
      title: 'UpdateUserRequest',
      type: 'object',
      properties: {
        ...userFields,
        dataFields: FREE_OBJECT('The user\'s custom fields: names must match the project\'s data fields exactly.'),
        preferUserId: S('boolean', 'Create a new user by userId when none exists with this userId (ignored when email is given).'),
        mergeNestedObjects: S('boolean', 'Merge top-level objects in dataFields instead of overwriting them.'),
      },
    },
    dataFieldsPath: ['dataFields'],
    atLeastOne: [{ path: [], names: ['email', 'userId'], why: USER_ID_WHY }],
  },
  {
    id: 'iterable.events/track',
    title: 'Iterable: track a custom event',
    method: 'POST',
    url: 'https://api.iterable.com/api/events/track',
    headers: ITERABLE_HEADERS,
    docs: ITERABLE_DOCS + '#events_track',
    schema: {
      $schema: SCHEMA_DRAFTS['2020-12'],
      title: 'TrackEventRequest',
      type: 'object',
      properties: {
        ...userFields,
        eventName: S('string', 'Name of the event.'),
        id: S('string', 'Optional event id (letters, digits and hyphens, at most 512 bytes); an event with the same id is updated instead of created.', { pattern: '^[A-Za-z0-9-]+$', maxLength: 512 }),
        createdAt: S('integer', 'When the event happened, in seconds since the epoch (defaults to when Iterable received it).', { format: 'unix-time' }),
        dataFields: FREE_OBJECT('Custom fields of the event.'),
        campaignId: S('integer', 'Campaign to attribute the event to.'),
        templateId: S('integer', 'Template to attribute the event to.'),
      },
      required: ['eventName'],
    },
    dataFieldsPath: ['dataFields'],
    atLeastOne: [{ path: [], names: ['email', 'userId'], why: USER_ID_WHY }],
  },
  {
    id: 'iterable.commerce/trackPurchase',
    title: 'Iterable: track a purchase',
    method: 'POST',
    url: 'https://api.iterable.com/api/commerce/trackPurchase',
    headers: ITERABLE_HEADERS,
    docs: ITERABLE_DOCS + '#commerce_trackPurchase',
    schema: {
      $schema: SCHEMA_DRAFTS['2020-12'],
      title: 'TrackPurchaseRequest',
      type: 'object',
      properties: {
        id: S('string', 'Optional purchase id; a purchase with the same id is replaced.'),
        user: {
          type: 'object',
          description: 'The buyer; updated with dataFields like users/update.',
          properties: {
            ...userFields,
            dataFields: FREE_OBJECT('The user\'s custom fields.'),
            preferUserId: S('boolean', 'Create a new user by userId when none exists.'),
            mergeNestedObjects: S('boolean', 'Merge top-level objects in dataFields instead of overwriting them.'),
          },
        },
        items: {
          type: 'array',
          description: 'The items bought (at least one).',
          minItems: 1,
          items: {
            type: 'object',
            properties: {
              id: S('string', 'Item id (e.g. the product id).'),
              sku: S('string', 'Stock keeping unit.'),
              name: S('string', 'Item name.'),
              description: S('string', 'Item description.'),
              categories: { type: 'array', description: 'Categories, e.g. ["shoes", "sale"].', items: { type: 'string' } },
              price: S('number', 'Price of one unit.'),
              quantity: S('integer', 'Number of units.'),
              imageUrl: S('string', 'Image URL.', { format: 'uri' }),
              url: S('string', 'Product page URL.', { format: 'uri' }),
              dataFields: FREE_OBJECT('Custom fields of the item.'),
            },
            required: ['id', 'name', 'price', 'quantity'],
          },
        },
        campaignId: S('integer', 'Campaign to attribute the purchase to.'),
        templateId: S('integer', 'Template to attribute the purchase to.'),
        total: S('number', 'Total of the purchase.'),
        createdAt: S('integer', 'When the purchase happened, in seconds since the epoch.', { format: 'unix-time' }),
        dataFields: FREE_OBJECT('Custom fields of the purchase.'),
      },
      required: ['user', 'items', 'total'],
    },
    dataFieldsPath: ['dataFields'],
    atLeastOne: [{ path: ['user'], names: ['email', 'userId'], why: USER_ID_WHY }],
  },
  {
    id: 'iterable.lists/subscribe',
    title: 'Iterable: add subscribers to a static list',
    method: 'POST',
    url: 'https://api.iterable.com/api/lists/subscribe',
    headers: ITERABLE_HEADERS,
    docs: ITERABLE_DOCS + '#lists_subscribe',
    schema: {
      $schema: SCHEMA_DRAFTS['2020-12'],
      title: 'SubscribeRequest',
      type: 'object',
      properties: {
        listId: S('integer', 'Id of the static list.'),
        subscribers: {
          type: 'array',
          description: 'Users to add (at least one); each is created or updated like users/update.',
          minItems: 1,
          items: {
            type: 'object',
            properties: {
              ...userFields,
              dataFields: FREE_OBJECT('The subscriber\'s custom fields.'),
              preferUserId: S('boolean', 'Create a new user by userId when none exists.'),
              mergeNestedObjects: S('boolean', 'Merge top-level objects in dataFields instead of overwriting them.'),
            },
          },
        },
        updateExistingUsersOnly: S('boolean', 'Only add users that already exist; skip unknown ones.'),
      },
      required: ['listId', 'subscribers'],
    },
    dataFieldsPath: ['subscribers', '*', 'dataFields'],
    atLeastOne: [{ path: ['subscribers', '*'], names: ['email', 'userId'], why: USER_ID_WHY }],
  },
];

function toPreset(row: PresetRow): RequestPreset {
  const r = schemaToFields(row.schema);
  if (!r.ok) throw new Error(`preset ${row.id}: ${r.issues.map((i) => i.message).join('; ')}`);
  return { ...row, fields: r.value };
}

/** Every preset by id: 'iterable.users/update', 'iterable.events/track', 'iterable.commerce/trackPurchase', 'iterable.lists/subscribe'. */
export const PRESETS: Record<string, RequestPreset> = Object.fromEntries(PRESET_TABLE.map((row) => [row.id, toPreset(row)]));

/** Look a preset up by id; unknown ids give a `body/preset` issue with the closest id. */
export function getPreset(id: string): Result<RequestPreset> {
  const p = Object.prototype.hasOwnProperty.call(PRESETS, id) ? PRESETS[id] : undefined;
  if (p) return ok(p);
  const nm = findNearMiss(id, Object.keys(PRESETS));
  return fail([
    issue('body/preset', `There is no preset "${id}". Presets: ${Object.keys(PRESETS).join(', ')}.`, nm ? { suggestion: nm.name } : {}),
  ]);
}

/**
 * The preset's fields with the person's designed data fields placed at `dataFieldsPath`
 * (exact names: the free-form map becomes a fixed object). `dataFields` undefined keeps the map.
 */
export function presetFields(preset: RequestPreset, dataFields?: FieldList): FieldList {
  if (!preset.dataFieldsPath || dataFields === undefined) return preset.fields;
  const place = (fields: readonly Field[], path: readonly string[]): Field[] =>
    fields.map((f) => {
      if (f.name !== path[0]) return f;
      if (path.length === 1) {
        const { extra, ...rest } = f;
        const kept = { ...(extra ?? {}) };
        delete kept.additionalProperties;
        return { ...rest, type: 'object', properties: [...dataFields], ...(Object.keys(kept).length ? { extra: kept } : {}) };
      }
      if (path[1] === '*' && f.of) return { ...f, of: { ...f.of, properties: place(f.of.properties ?? [], path.slice(2)) } };
      return { ...f, properties: place(f.properties ?? [], path.slice(1)) };
    });
  return place(preset.fields, preset.dataFieldsPath);
}

/**
 * Build a preset's request body: `values` is the whole body as a nested tree (e.g.
 * `{ email: 'a@b.co', dataFields: { plan: 'pro' } }`), `dataFields` the designed custom fields
 * (undefined: any data field is accepted, values parsed as JSON or kept as text). The preset's own
 * rules (e.g. Iterable's "email or userId") are checked too (`body/one-of`).
 */
export function buildPresetBody(preset: RequestPreset | string, dataFields: FieldList | undefined, values: Record<string, unknown>): Result<unknown> {
  let p: RequestPreset;
  if (typeof preset === 'string') {
    const r = getPreset(preset);
    if (!r.ok) return r;
    p = r.value;
  } else p = preset;
  const r = buildRequestBody(presetFields(p, dataFields), values);
  // The preset's rules are checked on the values as given (blank = absent), so every problem is
  // reported at once, also when a field problem already failed the body.
  if (r.issues.some((i) => i.code === 'body/depth')) return r;
  const issues: Issue[] = [...r.issues];
  for (const rule of p.atLeastOne ?? []) checkAtLeastOne(values, rule, [], issues);
  return r.ok && !issues.some((i) => i.severity === 'error') ? ok(r.value, issues) : fail(issues);
}

function checkAtLeastOne(v: unknown, rule: NonNullable<RequestPreset['atLeastOne']>[number], at: (string | number)[], issues: Issue[], depth = 0): void {
  if (depth === rule.path.length) {
    if (!isRecord(v)) return;
    if (rule.names.some((n) => !isBlankValue(own(v, n)))) return;
    const names = rule.names.map((n) => `"${n}"`).join(' or ');
    issues.push(issue('body/one-of', `Give ${names}: ${rule.why}.`, { path: at, params: { names: rule.names } }));
    return;
  }
  const seg = rule.path[depth]!;
  if (seg === '*') {
    // Rows left blank are skipped by buildRequestBody, so they need no user either.
    if (Array.isArray(v) || isRecord(v)) for (const k of Object.keys(v)) if (/^(0|[1-9]\d*)$/.test(k) && !isBlankValue(own(v, k))) checkAtLeastOne(own(v, k), rule, [...at, Number(k)], issues, depth + 1);
    return;
  }
  // A missing container counts as empty: { user: {} } must still name the user.
  const next = isRecord(v) ? own(v, seg) : undefined;
  checkAtLeastOne(next === undefined || next === '' ? {} : next, rule, [...at, seg], issues, depth + 1);
}

/** Not filled in: undefined, "" or null, or an object/list of such values (as a form leaves it). */
function isBlankValue(v: unknown): boolean {
  if (v === undefined || v === '' || v === null) return true;
  if (Array.isArray(v)) return Object.keys(v).every((k) => isBlankValue(own(v, k)));
  if (isRecord(v)) return Object.keys(v).every((k) => isBlankValue(own(v, k)));
  return false;
}
