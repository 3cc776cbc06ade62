import { issue, ok, fail, type Issue, type Result } from '../errors.js';
import type { JSONSchema, JSONSchemaObject, JSONType, PathSegment } from '../types.js';
import { SCHEMA_DRAFTS } from '../types.js';
import type { Field, FieldList, FieldStats, FieldType } from './model.js';
import { FORMAT_TYPES, newFieldId } from './create.js';
import { constJsonType, copySchema, defineKey, findTooDeep, hasOwn, isRecord, own, ownKeys, resolveLocalRef, tooDeepMessage } from './schema-util.js';

/**
 * Schema → field list. The law (tested with fast-check): for every schema the inferrer writes and
 * for hand-written schemas inside the supported subset, `fieldsToSchema(schemaToFields(s).value)`
 * deep-equals `s` (apart from `$schema`). Keywords a field can't show go to `field.extra` verbatim
 * and are reported as `info` issues; `$ref`s to local definitions are inlined and simple `allOf`s
 * merged (reported, since the written schema then differs in form but not in meaning).
 */

const JSON_TYPES: readonly string[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

/** Keywords the field model shows itself; everything else on a property schema goes to `extra`. */
const MODEL_KEYWORDS = new Set(['type', 'title', 'description', 'enum', 'examples', 'x-fieldkit-stats', 'properties', 'required', 'items', 'format']);

/** Keywords kept in `extra` without an issue: annotations and shapes the designer knows about. */
const QUIET_KEYWORDS = new Set(['additionalProperties', 'propertyNames', 'const', 'default', '$comment']);

/** JSON Schema keywords (2020-12 and draft-07): a root with none of them is not a schema. */
const SCHEMA_KEYWORDS = new Set([
  '$schema', '$id', '$ref', '$defs', 'definitions', '$anchor', '$dynamicRef', '$dynamicAnchor', '$comment', '$vocabulary',
  'type', 'enum', 'const', 'properties', 'patternProperties', 'additionalProperties', 'propertyNames', 'required',
  'items', 'prefixItems', 'contains', 'additionalItems', 'unevaluatedItems', 'unevaluatedProperties', 'dependentSchemas',
  'dependentRequired', 'dependencies', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'format', 'title',
  'description', 'default', 'examples', 'readOnly', 'writeOnly', 'deprecated', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems',
  'minProperties', 'maxProperties', 'minContains', 'maxContains', 'contentEncoding', 'contentMediaType', 'contentSchema',
]);

/** Root keywords {@link schemaToFields} consumes; others are kept by {@link schemaToFieldsWithRoot}. */
const ROOT_CONSUMED = new Set(['$schema', 'type', 'properties', 'required']);

interface Ctx {
  root: JSONSchema;
  issues: Issue[];
  refs: string[];
}

/** A field list plus the root keywords that are not fields (title, $defs, additionalProperties…). */
export interface FieldDocument {
  fields: FieldList;
  /** Root schema keywords other than `$schema`, `type`, `properties`, `required`; written back by `fieldsToSchema({ root })`. */
  root: JSONSchemaObject;
}

/**
 * Turn an object schema into the field list a person edits. The root must describe an object
 * (`type: 'object'` or `properties`); a discriminated event schema (see `listVariants`) gives the
 * union of its variants' fields with a `fields/discriminated` warning. Root keywords other than
 * `$schema`/`type`/`properties`/`required` can't live in a FieldList: they are reported (`fields/root-keyword`);
 * use {@link schemaToFieldsWithRoot} to keep them.
 */
export function schemaToFields(schema: JSONSchema): Result<FieldList> {
  const r = schemaToFieldsWithRoot(schema);
  if (!r.ok) return r;
  const issues = [...r.value.issuesForRoot, ...r.issues];
  return ok(r.value.fields, issues);
}

/** Like {@link schemaToFields}, but also returns the root keywords so nothing is lost. */
export function schemaToFieldsWithRoot(schema: JSONSchema): Result<FieldDocument & { issuesForRoot: Issue[] }> {
  const ctx: Ctx = { root: schema, issues: [], refs: [] };
  if (typeof schema === 'boolean' || !isRecord(schema)) {
    return fail([issue('fields/root', 'The schema must be an object schema describing a JSON object, not ' + JSON.stringify(schema) + '.')]);
  }
  const deep = findTooDeep(schema);
  if (deep) return fail([issue('fields/depth', tooDeepMessage('schema'), { path: deep })]);
  let s: JSONSchemaObject = schema;
  if (typeof s.$ref === 'string' && ownKeys(s).every((k) => k === '$ref' || k === '$schema' || k === '$defs' || k === 'definitions')) {
    const target = resolveLocalRef(schema, s.$ref);
    if (isRecord(target)) s = { ...(target as JSONSchemaObject) };
  }
  const variants = discriminatedVariants(schema);
  if (variants) return mergedVariantFields(schema, variants, ctx);
  const t = s.type;
  const isObject = t === 'object' || (Array.isArray(t) && t.includes('object')) || (t === undefined && isRecord(s.properties));
  if (!isObject) {
    const keys = ownKeys(s);
    if (t === undefined && keys.length > 0 && keys.every((k) => !SCHEMA_KEYWORDS.has(k))) {
      const shown = keys.slice(0, 5).map((k) => JSON.stringify(k)).join(', ') + (keys.length > 5 ? ', …' : '');
      return fail([
        issue('fields/root', `This looks like a payload, not a JSON Schema: it has no schema keywords (its keys: ${shown}). Infer a schema from it first (fieldkit infer FILE, or inferSchema).`),
      ]);
    }
    return fail([
      issue('fields/root', `The schema's root must describe an object (type "object"), not ${t === undefined ? 'an unconstrained value' : JSON.stringify(t)}: a field list is the keys of an object.`),
    ]);
  }
  if (Array.isArray(t) && !(t.length === 1 && t[0] === 'object')) {
    ctx.issues.push(issue('fields/root-type', `The root type ${JSON.stringify(t)} allows more than objects; the field list describes the object case.`, { severity: 'warning', path: ['type'] }));
  }
  const fields = objectChildren(s, ['properties'], ctx);
  const root: JSONSchemaObject = {};
  const issuesForRoot: Issue[] = [];
  for (const k of ownKeys(s)) {
    if (ROOT_CONSUMED.has(k)) continue;
    defineKey(root, k, own(s, k));
    const quiet = k === 'title' || k === 'description' || k === '$defs' || k === 'definitions' || k === '$id' || k === '$comment';
    issuesForRoot.push(
      issue('fields/root-keyword', `The root keyword "${k}" is not a field; it is kept only with the schema's root (schemaToFieldsWithRoot / fieldsToSchema's root option).`, {
        severity: quiet ? 'info' : 'warning',
        path: [k],
      }),
    );
  }
  const required = s.required;
  if (Array.isArray(required)) {
    const names = new Set(fields.map((f) => f.name));
    const orphans = required.filter((n) => typeof n !== 'string' || !names.has(n));
    if (orphans.length > 0 || required.length === 0) defineKey(root, 'required', orphans);
  }
  if (Array.isArray(t)) defineKey(root, 'type', t);
  return ok({ fields, root, issuesForRoot }, ctx.issues);
}

/** The children of an object schema, in property order; `optional` from `required`. */
function objectChildren(s: JSONSchemaObject, path: PathSegment[], ctx: Ctx): Field[] {
  const props = s.properties;
  if (!isRecord(props)) return [];
  const required = Array.isArray(s.required) ? s.required.filter((n): n is string => typeof n === 'string') : [];
  const req = new Set(required);
  return ownKeys(props).map((name) => fieldFromSchema(name, own(props, name) as JSONSchema, !req.has(name), [...path, name], ctx));
}

function keepExtra(field: Field, key: string, value: unknown): void {
  if (!field.extra) field.extra = {};
  defineKey(field.extra, key, value);
}

function isStats(v: unknown): v is FieldStats {
  return (
    isRecord(v) &&
    ownKeys(v).length === 2 &&
    typeof v.seen === 'number' &&
    typeof v.total === 'number' &&
    Number.isFinite(v.seen) &&
    Number.isFinite(v.total)
  );
}

/** One property schema → one field. Never throws; anything unusual ends up in `extra`. */
export function fieldFromSchema(name: string, schema: JSONSchema, optional: boolean, path: PathSegment[], ctx: Ctx): Field {
  const start = ctx.issues.length;
  const field = fieldFromSchemaInner(name, schema, optional, path, ctx);
  // Issues about this field carry its id so a designer can show them on the right row.
  for (let i = start; i < ctx.issues.length; i++) {
    const it = ctx.issues[i]!;
    if (it.path === path) it.params = { ...it.params, fieldId: field.id };
  }
  return field;
}

function fieldFromSchemaInner(name: string, schema: JSONSchema, optional: boolean, path: PathSegment[], ctx: Ctx): Field {
  const field: Field = { id: newFieldId(), name, type: 'any', optional, nullable: false };
  if (typeof schema === 'boolean' || !isRecord(schema)) {
    if (schema === true) {
      ctx.issues.push(issue('fields/boolean-schema', `Field "${name}" is the schema \`true\` (anything); it becomes an "any" field and is written back as {}.`, { severity: 'info', path }));
    } else {
      keepExtra(field, 'not', {});
      ctx.issues.push(issue('fields/boolean-schema', `Field "${name}" is the schema \`${JSON.stringify(schema)}\`: no value is allowed; kept as { "not": {} }.`, { severity: 'warning', path }));
    }
    return field;
  }
  let s = schema as JSONSchemaObject;
  // $ref to a local definition: inline it (siblings win, as in 2020-12), unless it is recursive.
  if (typeof s.$ref === 'string') {
    const ref = s.$ref;
    const target = ctx.refs.includes(ref) ? undefined : resolveLocalRef(ctx.root, ref);
    if (target === undefined) {
      const why = ctx.refs.includes(ref) ? 'it refers to itself (recursive schemas cannot be shown as fields)' : 'it does not point into this schema';
      ctx.issues.push(issue('fields/ref', `Field "${name}" uses $ref "${ref}", which can't be inlined: ${why}. Kept as is.`, { severity: 'warning', path }));
      field.extra = copySchema(s);
      return field;
    }
    ctx.issues.push(issue('fields/ref-inlined', `Field "${name}": $ref "${ref}" was inlined.`, { severity: 'info', path, params: { ref } }));
    const rest = copySchema(s);
    delete rest.$ref;
    ctx.refs.push(ref);
    const inner = typeof target === 'boolean' ? (target ? {} : { not: {} }) : target;
    const merged: JSONSchemaObject = { ...copySchema(inner) };
    for (const k of ownKeys(rest)) defineKey(merged, k, own(rest, k));
    const f = fieldFromSchema(name, merged, optional, path, ctx);
    ctx.refs.pop();
    return { ...f, id: field.id };
  }
  if (Array.isArray(s.allOf)) {
    const merged = mergeAllOf(s, ctx);
    if (merged) {
      ctx.issues.push(issue('fields/allof-merged', `Field "${name}": allOf was merged into one schema.`, { severity: 'info', path }));
      s = merged;
    }
  }

  let base: JSONType | 'any' = 'any';
  const t = s.type;
  if (typeof t === 'string' && JSON_TYPES.includes(t)) base = t;
  else if (Array.isArray(t) && t.length === 2 && t[1] === 'null' && typeof t[0] === 'string' && t[0] !== 'null' && JSON_TYPES.includes(t[0])) {
    base = t[0];
    field.nullable = true;
  } else if (t === undefined && hasOwn(s, 'const') && constJsonType(s.const) !== undefined) {
    // A const-only schema ({ const: "emailOpen" }, as event schemas name their type) is a field of the
    // value's type, not "any"; the const stays in `extra` and fieldsToSchema writes it back without a type.
    base = constJsonType(s.const)!;
  } else if (t !== undefined) {
    keepExtra(field, 'type', t);
    ctx.issues.push(
      issue('fields/union', `Field "${name}" allows several types (${JSON.stringify(t)}); it is shown as "any" and its types are kept.`, { severity: 'info', path, params: { type: t } }),
    );
  }
  field.type = base as FieldType;

  const kept: string[] = [];
  for (const k of ownKeys(s)) {
    const v = own(s, k);
    switch (k) {
      case 'type':
        break;
      case 'title':
        if (typeof v === 'string') field.label = v;
        else keepExtra(field, k, v);
        break;
      case 'description':
        if (typeof v === 'string') field.hint = v;
        else keepExtra(field, k, v);
        break;
      case 'enum':
        if (Array.isArray(v)) field.enum = [...v];
        else keepExtra(field, k, v);
        break;
      case 'examples':
        if (Array.isArray(v)) field.examples = [...v];
        else keepExtra(field, k, v);
        break;
      case 'x-fieldkit-stats':
        if (isStats(v)) field.stats = { seen: v.seen, total: v.total };
        else keepExtra(field, k, v);
        break;
      case 'format': {
        const ft = typeof v === 'string' ? (v as FieldType) : undefined;
        if (ft !== undefined && hasOwn(FORMAT_TYPES, ft) && FORMAT_TYPES[ft] === base) field.type = ft;
        else {
          keepExtra(field, k, v);
          if (typeof v !== 'string' || !['hostname', 'uri-reference', 'regex', 'json-pointer', 'uri-template', 'idn-email', 'duration'].includes(v)) kept.push(k);
        }
        break;
      }
      case 'properties':
        if (base === 'object' && isRecord(v)) field.properties = objectChildren(s, [...path, 'properties'], ctx);
        else {
          keepExtra(field, k, v);
          kept.push(k);
        }
        break;
      case 'required':
        if (base === 'object' && Array.isArray(v) && isRecord(s.properties)) {
          const names = new Set(ownKeys(s.properties));
          const orphans = v.filter((n) => typeof n !== 'string' || !names.has(n));
          if (orphans.length > 0 || v.length === 0) keepExtra(field, k, orphans);
        } else {
          keepExtra(field, k, v);
          if (!(base === 'object' && Array.isArray(v) && v.length === 0)) kept.push(k);
        }
        break;
      case 'items':
        if (base === 'array' && (isRecord(v) || typeof v === 'boolean')) field.of = fieldFromSchema('', v as JSONSchema, false, [...path, 'items'], ctx);
        else {
          keepExtra(field, k, v);
          kept.push(k);
        }
        break;
      default:
        keepExtra(field, k, v);
        if (!QUIET_KEYWORDS.has(k) && !k.startsWith('x-')) kept.push(k);
    }
  }
  if (base === 'object' && field.extra && isRecord(field.extra.additionalProperties) && field.properties === undefined) {
    ctx.issues.push(issue('fields/map', `Field "${name}" is a map (any key); its value schema is kept.`, { severity: 'info', path }));
  }
  if (kept.length > 0) {
    ctx.issues.push(
      issue('fields/kept-keyword', `Field "${name}" has ${kept.map((k) => `"${k}"`).join(', ')}, which the field editor doesn't show; kept unchanged.`, {
        severity: 'info',
        path,
        params: { keywords: kept },
      }),
    );
  }
  return field;
}

/** Merge `allOf` when every branch is an object schema whose keywords don't clash; else undefined. */
function mergeAllOf(s: JSONSchemaObject, ctx: Ctx): JSONSchemaObject | undefined {
  const out = copySchema(s);
  delete out.allOf;
  for (const raw of s.allOf ?? []) {
    let b: JSONSchema | undefined = raw;
    if (isRecord(b) && typeof b.$ref === 'string' && ownKeys(b).length === 1) b = resolveLocalRef(ctx.root, b.$ref);
    if (!isRecord(b)) return undefined;
    for (const k of ownKeys(b)) {
      const v = own(b, k);
      if (k === 'properties' && isRecord(v)) {
        const cur = isRecord(out.properties) ? out.properties : {};
        const next: Record<string, JSONSchema> = {};
        for (const p of ownKeys(cur)) defineKey(next, p, own(cur, p));
        for (const p of ownKeys(v)) {
          if (hasOwn(next, p)) return undefined;
          defineKey(next, p, own(v, p));
        }
        out.properties = next;
      } else if (k === 'required' && Array.isArray(v)) {
        out.required = [...new Set([...(out.required ?? []), ...(v as string[])])];
      } else if (hasOwn(out, k)) {
        if (JSON.stringify(own(out, k)) !== JSON.stringify(v)) return undefined;
      } else defineKey(out, k, v);
    }
  }
  if (out.type === undefined && isRecord(out.properties)) out.type = 'object';
  return out;
}

/** A discriminated event schema's variants as `[name, value, variant schema]`, or undefined. */
function discriminatedVariants(schema: JSONSchemaObject): { key: string; variants: { name: string; value: unknown; schema: JSONSchemaObject }[] } | undefined {
  const key = schema['x-fieldkit-discriminator'];
  if (typeof key !== 'string' || !Array.isArray(schema.oneOf)) return undefined;
  const variants: { name: string; value: unknown; schema: JSONSchemaObject }[] = [];
  for (const branch of schema.oneOf) {
    if (!isRecord(branch)) return undefined;
    let target: JSONSchema | undefined = branch;
    let name = '';
    if (typeof branch.$ref === 'string') {
      target = resolveLocalRef(schema, branch.$ref);
      name = decodeURIComponent(branch.$ref.split('/').pop() ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
    }
    if (!isRecord(target)) return undefined;
    const props = isRecord(target.properties) ? target.properties : {};
    const d = own(props, key);
    const value = isRecord(d) ? (hasOwn(d, 'const') ? d.const : Array.isArray(d.enum) && d.enum.length === 1 ? d.enum[0] : undefined) : undefined;
    if (name === '') name = typeof target.title === 'string' ? target.title : String(value);
    variants.push({ name, value, schema: target as JSONSchemaObject });
  }
  return { key, variants };
}

function mergedVariantFields(schema: JSONSchemaObject, d: NonNullable<ReturnType<typeof discriminatedVariants>>, ctx: Ctx): Result<FieldDocument & { issuesForRoot: Issue[] }> {
  const merged: JSONSchemaObject = { type: 'object', properties: {}, required: [] };
  const props = merged.properties as Record<string, JSONSchema>;
  const counts = new Map<string, number>();
  for (const v of d.variants) {
    const vp = isRecord(v.schema.properties) ? v.schema.properties : {};
    const req = new Set(Array.isArray(v.schema.required) ? v.schema.required : []);
    for (const k of ownKeys(vp)) {
      if (!hasOwn(props, k)) defineKey(props, k, own(vp, k));
      if (req.has(k)) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const values = d.variants.map((v) => v.value);
  // The discriminator keeps its JSON type (every value a string -> a string field with an enum), not "any".
  const kinds = new Set(values.map((v) => (v === null ? 'null' : Number.isInteger(v) ? 'integer' : typeof v)));
  const kind = kinds.size === 1 ? [...kinds][0]! : undefined;
  defineKey(props, d.key, kind === 'string' || kind === 'integer' || kind === 'number' || kind === 'boolean' ? { type: kind, enum: values } : { enum: values });
  merged.required = ownKeys(props).filter((k) => k === d.key || counts.get(k) === d.variants.length);
  const fields = objectChildren(merged, ['properties'], { ...ctx, root: schema });
  const names = d.variants.map((v) => JSON.stringify(v.value)).join(', ');
  ctx.issues.unshift(
    issue(
      'fields/discriminated',
      `This schema has ${d.variants.length} event types by "${d.key}" (${names}); the fields of all of them are shown merged. Pick one event type to edit it exactly (fieldkit fields --variant NAME; listVariants in the API).`,
      { severity: 'warning', path: ['oneOf'], params: { discriminator: d.key, variants: d.variants.map((v) => v.name) } },
    ),
  );
  const root: JSONSchemaObject = {};
  return ok({ fields, root, issuesForRoot: [] }, ctx.issues);
}

/** One event type of a discriminated schema. */
export interface SchemaVariant {
  /** The `$defs` name (PascalCase of the value) or the variant's title. */
  name: string;
  /** The discriminator's value for this variant (e.g. "emailOpen"). */
  value: unknown;
  /** A standalone schema: `$schema` set, local `$ref`s resolved. */
  schema: JSONSchemaObject;
}

/**
 * The event types of a discriminated schema (root with `x-fieldkit-discriminator` and `oneOf`
 * of `$ref`s into `$defs`/`definitions`), each as a standalone object schema; `[]` for any other schema.
 */
export function listVariants(schema: JSONSchema): SchemaVariant[] {
  // Too deep to walk safely: no variants (schemaToFields reports the depth as an issue).
  if (!isRecord(schema) || findTooDeep(schema)) return [];
  const d = discriminatedVariants(schema);
  if (!d) return [];
  const draft = typeof schema.$schema === 'string' ? schema.$schema : hasOwn(schema, 'definitions') ? SCHEMA_DRAFTS['draft-07'] : SCHEMA_DRAFTS['2020-12'];
  return d.variants.map((v) => {
    const resolved = inlineRefs(v.schema, schema, []) as JSONSchemaObject;
    const out: JSONSchemaObject = { $schema: draft };
    for (const k of ownKeys(resolved)) if (k !== '$schema') defineKey(out, k, own(resolved, k));
    return { name: v.name, value: v.value, schema: out };
  });
}

/** Replace local `$ref`s by their targets (recursive refs are left as they are). */
function inlineRefs(s: unknown, root: JSONSchema, stack: string[]): unknown {
  if (Array.isArray(s)) return s.map((x) => inlineRefs(x, root, stack));
  if (!isRecord(s)) return s;
  if (typeof s.$ref === 'string' && !stack.includes(s.$ref)) {
    const target = resolveLocalRef(root, s.$ref);
    if (target !== undefined) {
      const rest: Record<string, unknown> = {};
      for (const k of ownKeys(s)) if (k !== '$ref') defineKey(rest, k, own(s, k));
      const inner = inlineRefs(target, root, [...stack, s.$ref]);
      if (ownKeys(rest).length === 0) return inner;
      const out: Record<string, unknown> = isRecord(inner) ? { ...inner } : {};
      for (const k of ownKeys(rest)) defineKey(out, k, inlineRefs(own(rest, k), root, stack));
      return out;
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of ownKeys(s)) defineKey(out, k, inlineRefs(own(s, k), root, stack));
  return out;
}
