import { fieldsToSchema, SCHEMA_DRAFTS, type FieldList, type JSONSchemaObject, type SchemaDraft } from '@fieldkit/core';

/** One event type of the union: its `$defs` name, discriminator value and designed fields. */
export interface UnionMember {
  name: string;
  value: unknown;
  fields: FieldList;
}

/**
 * One schema for every event type, each as designed: the same discriminated shape the inferrer
 * writes (`x-fieldkit-discriminator`, `oneOf` of `$ref`s into `$defs`/`definitions`), so
 * TypeScript gets `type Payload = EmailSend | EmailOpen | …` and validators pick the branch.
 */
export function unionSchema(
  members: readonly UnionMember[],
  opts: { discriminator: string; draft: SchemaDraft; title: string },
): JSONSchemaObject {
  const defsKey = opts.draft === 'draft-07' ? 'definitions' : '$defs';
  // Names come from payload data: defineProperty keeps a name like "__proto__" an ordinary key.
  const defs: Record<string, JSONSchemaObject> = {};
  for (const m of members) {
    const own = fieldsToSchema(m.fields, { draft: opts.draft, title: typeof m.value === 'string' ? m.value : m.name });
    const def: JSONSchemaObject = {};
    for (const k of Object.keys(own)) if (k !== '$schema') Object.defineProperty(def, k, { value: own[k], enumerable: true, writable: true, configurable: true });
    Object.defineProperty(defs, m.name, { value: def, enumerable: true, writable: true, configurable: true });
  }
  const out: JSONSchemaObject = {
    $schema: SCHEMA_DRAFTS[opts.draft],
    title: opts.title,
    'x-fieldkit-discriminator': opts.discriminator,
    oneOf: members.map((m) => ({ $ref: `#/${defsKey}/${encodePointer(m.name)}` })),
  };
  out[defsKey] = defs;
  return out;
}

/** A `$defs` name as a JSON Pointer segment. */
function encodePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}
