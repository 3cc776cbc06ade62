import { SCHEMA_DRAFTS, type JSONSchemaObject, type SchemaDraft } from '../types.js';
import type { Field, FieldList } from './model.js';
import { FORMAT_TYPES, baseJsonType } from './create.js';
import { constJsonType, defineKey, hasOwn, own, ownKeys } from './schema-util.js';

/** Options for {@link fieldsToSchema}. */
export interface FieldsToSchemaOptions {
  /** Which draft's `$schema` to write. */
  draft?: SchemaDraft;
  /** Root `title`; overrides `root.title`. */
  title?: string;
  /** Root keywords kept by `schemaToFieldsWithRoot` (title, $defs, additionalProperties…), written back as they were. */
  root?: JSONSchemaObject;
}

/** Defaults for {@link FieldsToSchemaOptions}. */
export const DEFAULT_FIELDS_TO_SCHEMA_OPTIONS: Required<Pick<FieldsToSchemaOptions, 'draft'>> = { draft: '2020-12' };

/**
 * Field list → JSON Schema: `{ $schema, type: 'object', properties, required }` with one property
 * per field in list order. `required` lists the non-optional fields (omitted when empty). Each
 * field's `extra` keywords are written back unchanged; the model's own keywords win over them.
 * A field whose kept `const` has the field's own type is written as `{ const }` alone (the type
 * is implied), so a hand-written `{ type: "string", const: "x" }` comes back as `{ const: "x" }`.
 */
export function fieldsToSchema(fields: FieldList, opts: FieldsToSchemaOptions = {}): JSONSchemaObject {
  const draft = opts.draft ?? DEFAULT_FIELDS_TO_SCHEMA_OPTIONS.draft;
  const out: JSONSchemaObject = { $schema: SCHEMA_DRAFTS[draft] };
  const root = opts.root ?? {};
  if (opts.title !== undefined) out.title = opts.title;
  else if (typeof root.title === 'string') out.title = root.title;
  out.type = 'object';
  writeObject(out, fields, own(root, 'required'));
  for (const k of ownKeys(root)) if (k !== '$schema' && k !== 'required' && !(k === 'title' && opts.title !== undefined)) defineKey(out, k, own(root, k));
  return out;
}

function writeObject(out: JSONSchemaObject, children: readonly Field[], extraRequired: unknown): void {
  const props: Record<string, JSONSchemaObject> = {};
  const required: string[] = [];
  for (const c of children) {
    defineKey(props, c.name, fieldToSchema(c));
    if (!c.optional) required.push(c.name);
  }
  out.properties = props;
  if (Array.isArray(extraRequired)) {
    for (const n of extraRequired) if (!(typeof n === 'string' && (hasOwn(props, n) || required.includes(n)))) required.push(n as string);
    out.required = required;
  } else if (required.length > 0) out.required = required;
}

/** One field → its property schema (also used for array items, whose `name` is ignored). */
export function fieldToSchema(f: Field): JSONSchemaObject {
  const out: JSONSchemaObject = {};
  if (f.label !== undefined) out.title = f.label;
  if (f.hint !== undefined) out.description = f.hint;
  // A const names its own type: { const: "emailOpen" } is written without `type` (as schemaToFields read it).
  const constTyped = !f.nullable && f.extra !== undefined && hasOwn(f.extra, 'const') && constJsonType(own(f.extra, 'const')) === f.type;
  if (f.type !== 'any' && !constTyped) {
    const base = baseJsonType(f.type);
    out.type = (f.nullable && base !== 'null' ? [base, 'null'] : base) as JSONSchemaObject['type'];
    if (hasOwn(FORMAT_TYPES, f.type)) out.format = f.type;
  }
  if (f.enum !== undefined) out.enum = [...f.enum];
  const extra = f.extra ?? {};
  if (f.type === 'object' && f.properties !== undefined) writeObject(out, f.properties, own(extra, 'required'));
  if (f.type === 'array' && f.of !== undefined) out.items = fieldToSchema(f.of);
  for (const k of ownKeys(extra)) {
    if (hasOwn(out, k)) continue;
    if (k === 'required' && f.type === 'object' && f.properties !== undefined) continue;
    defineKey(out, k, own(extra, k));
  }
  const examples = f.examples ?? f.stats?.examples;
  if (examples !== undefined) out.examples = [...examples];
  if (f.stats !== undefined) out['x-fieldkit-stats'] = { seen: f.stats.seen, total: f.stats.total };
  return out;
}
