/**
 * `fieldkit fields`: convert between a JSON Schema, a fieldkit field list and a Workato schema.
 * Also exports {@link loadFieldList}, which `fieldkit body` uses to read a FIELDS file in any of
 * the three forms.
 */
import {
  createField,
  findTooDeep,
  formatPath,
  MAX_NESTING,
  FIELD_TYPES,
  fieldsFromWorkato,
  fieldsToSchema,
  fieldsToWorkato,
  workatoExportLosses,
  isFieldType,
  issue,
  listVariants,
  schemaToFieldsWithRoot,
  validateFields,
  fail,
  ok,
  type Field,
  type FieldList,
  type Issue,
  type JSONSchema,
  type JSONSchemaObject,
  type Result,
  SCHEMA_DRAFTS,
  type SchemaDraft,
} from '@fieldkit/core';
import type { Command } from '../command.js';
import { UsageError, booleanFlag, parseArgs, stringFlag, type FlagSpecs } from '../io/args.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../io/exit-codes.js';
import { printIssues } from '../io/issues.js';
import { writeStdout } from '../io/output.js';
import { readJsonFile } from '../io/read.js';
import { usageFailure } from '../io/usage.js';

/** The three forms a field list can be written in. */
export type FieldsForm = 'schema' | 'fields' | 'workato';

const ownKeysOf = (o: object): string[] => Object.keys(o);
const FORMS: readonly FieldsForm[] = ['schema', 'fields', 'workato'];

const WORKATO_ONLY = new Set(['date_time', 'timestamp']);
const WORKATO_ATTRS = ['control_type', 'sticky', 'pick_list', 'toggle_field', 'toggle_hint', 'convert_input', 'convert_output', 'ngIf', 'extends_schema'];

/**
 * Guess the form of parsed JSON: an object is a schema; an array is a field list when its fields
 * have ids, `nullable`, or fieldkit-only types (date-time, email…), and a Workato schema when
 * they have Workato types (date_time, timestamp), `of` strings or Workato attributes (control_type…).
 * Ambiguous arrays (`[{ "name": "plan", "type": "string" }]`) read the same either way; Workato wins.
 */
export function detectFieldsForm(json: unknown): FieldsForm | undefined {
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) return 'schema';
  if (!Array.isArray(json)) return undefined;
  let fields = 0;
  let workato = 0;
  const visit = (list: unknown[]) => {
    for (const f of list) {
      if (typeof f !== 'object' || f === null || Array.isArray(f)) continue;
      const x = f as Record<string, unknown>;
      if (typeof x.id === 'string' || typeof x.nullable === 'boolean' || (typeof x.of === 'object' && x.of !== null)) fields++;
      if (typeof x.type === 'string' && isFieldType(x.type) && !['string', 'integer', 'number', 'boolean', 'object', 'array', 'date'].includes(x.type)) fields++;
      if (typeof x.type === 'string' && WORKATO_ONLY.has(x.type)) workato++;
      if (typeof x.of === 'string' || WORKATO_ATTRS.some((a) => a in x)) workato++;
      if (Array.isArray(x.properties)) visit(x.properties);
    }
  };
  visit(json);
  return fields > workato ? 'fields' : 'workato';
}

/** Check parsed JSON that claims to be a field list; missing ids are made, missing flags are false. */
function readFieldListJson(json: unknown): Result<FieldList> {
  if (!Array.isArray(json)) return fail([issue('fields/input', 'A field list is a JSON array of fields ({ "name", "type", "optional", "nullable", … }).')]);
  const issues: Issue[] = [];
  const read = (f: unknown, p: (string | number)[]): Field | undefined => {
    if (typeof f !== 'object' || f === null || Array.isArray(f)) {
      issues.push(issue('fields/input', 'Each field must be an object.', { path: p }));
      return undefined;
    }
    const x = f as Partial<Field>;
    if (typeof x.name !== 'string') issues.push(issue('fields/input', 'This field has no "name".', { path: [...p, 'name'] }));
    if (x.type !== undefined && !isFieldType(x.type)) issues.push(issue('fields/input', `Unknown field type ${JSON.stringify(x.type)}; use one of ${FIELD_TYPES.join(', ')}.`, { path: [...p, 'type'] }));
    for (const k of ['optional', 'nullable'] as const) if (x[k] !== undefined && typeof x[k] !== 'boolean') issues.push(issue('fields/input', `"${k}" must be true or false.`, { path: [...p, k] }));
    const out = createField({ ...x, name: String(x.name ?? '') });
    // createField gives a new object field `properties: []`; a field read from a file keeps what it says:
    // no `properties` is an object that takes any key (JSON Schema's { type: "object" }), not an empty one.
    if (x.properties === undefined) delete out.properties;
    if (x.properties !== undefined) {
      if (Array.isArray(x.properties)) out.properties = x.properties.map((c, i) => read(c, [...p, 'properties', i])).filter((c): c is Field => c !== undefined);
      else issues.push(issue('fields/input', '"properties" must be an array.', { path: [...p, 'properties'] }));
    }
    if (x.of !== undefined) {
      const item = read(x.of, [...p, 'of']);
      if (item) out.of = item;
    }
    return out;
  };
  const list = json.map((f, i) => read(f, [i])).filter((f): f is Field => f !== undefined);
  return issues.length ? fail(issues) : ok(list);
}

/** A field list read from any form, plus the schema root when it came from a schema. */
export interface LoadedFields {
  form: FieldsForm;
  fields: FieldList;
  root?: JSONSchemaObject;
  /** The draft a schema input declared in `$schema` (draft-07 or 2020-12), so output can keep it. */
  draft?: SchemaDraft;
}

/** The draft named by a schema's `$schema` (with or without the trailing `#`), if fieldkit writes it. */
function declaredDraft(schema: unknown): SchemaDraft | undefined {
  const id = typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? (schema as { $schema?: unknown }).$schema : undefined;
  if (typeof id !== 'string') return undefined;
  const norm = (u: string) => u.replace(/#$/, '').replace(/^http:/, 'https:');
  return (Object.keys(SCHEMA_DRAFTS) as SchemaDraft[]).find((d) => norm(SCHEMA_DRAFTS[d]) === norm(id));
}

/**
 * Read FILE (`-` = stdin) as a field list in any form (`auto` detects it). A discriminated schema
 * needs `variant` (the event type's value or `$defs` name) to pick one event type exactly; without it,
 * `valueOf(key)` may name the event type from the discriminator's value (e.g. the body's `eventName`).
 */
export async function loadFieldList(
  file: string,
  io: Parameters<typeof readJsonFile>[1],
  from: FieldsForm | 'auto' = 'auto',
  variant?: string,
  valueOf?: (discriminator: string) => unknown,
): Promise<Result<LoadedFields>> {
  const json = await readJsonFile(file, io);
  if (!json.ok) return json;
  const deep = findTooDeep(json.value);
  if (deep) return fail([issue('fields/depth', `The file is nested more than ${MAX_NESTING} levels deep (${deep.length > 6 ? `under ${formatPath(deep.slice(0, 6))}…, ${deep.length} keys down` : `at ${formatPath(deep)}`}); fieldkit refuses it rather than overflow the stack.`, { source: file })]);
  const form = from === 'auto' ? detectFieldsForm(json.value) : from;
  const src = (r: Issue[]) => r.map((i) => ({ ...i, source: i.source ?? file }));
  if (form === undefined) return fail([issue('fields/input', 'Expected a JSON Schema (object), a field list or a Workato schema (arrays).', { source: file })]);
  if (form === 'fields') {
    const r = readFieldListJson(json.value);
    return r.ok ? ok({ form, fields: r.value }) : fail(src(r.issues));
  }
  if (form === 'workato') {
    const r = fieldsFromWorkato(json.value);
    return r.ok ? ok({ form, fields: r.value }, src(r.issues)) : fail(src(r.issues));
  }
  let schema = json.value as JSONSchema;
  const variants = listVariants(schema);
  const key = typeof schema === 'object' && schema !== null ? (schema as JSONSchemaObject)['x-fieldkit-discriminator'] : undefined;
  if (variant === undefined && valueOf && variants.length > 0 && typeof key === 'string') {
    const given = valueOf(key);
    const hit = given === undefined ? undefined : variants.find((x) => x.value === given || String(x.value) === String(given));
    if (hit) variant = String(hit.value);
  }
  if (variant !== undefined) {
    const v = variants.find((x) => x.name === variant || String(x.value) === variant);
    if (!v) {
      const names = variants.map((x) => String(x.value)).join(', ');
      return fail([issue('fields/variant', variants.length ? `No event type "${variant}"; this schema has: ${names}.` : 'This schema has no event types (it is not a discriminated schema); drop --variant.', { source: file })]);
    }
    schema = v.schema;
  }
  const r = schemaToFieldsWithRoot(schema);
  if (!r.ok) return fail(src(r.issues));
  const draft = declaredDraft(json.value);
  return ok({ form, fields: r.value.fields, root: r.value.root, ...(draft ? { draft } : {}) }, src(r.issues));
}

const SPECS: FlagSpecs = {
  from: { type: 'string' },
  to: { type: 'string' },
  draft: { type: 'string' },
  title: { type: 'string' },
  variant: { type: 'string' },
  check: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  compact: { type: 'boolean' },
};

const HELP = `Usage: fieldkit fields [--from auto|schema|fields|workato] [--to schema|fields|workato] [options] [FILE]

Convert a field list between its three forms:
  schema    a JSON Schema (draft 2020-12 or draft-07) whose root is an object
  fields    fieldkit's field list (what the schema designer edits): [{ id, name, type, optional, … }]
  workato   Workato's connector schema: [{ name, label, type, optional, hint, control_type, of, properties, … }]
FILE is read from stdin when absent or "-". --from defaults to auto (an object is a schema, an array
of fields with ids is a field list, other arrays are Workato). --to defaults to fields for a schema
and to schema otherwise. The result is printed on stdout.

Nothing is dropped: schema keywords the field list can't show stay on each field ("extra") and are
written back; Workato attributes (control_type, sticky, pick_list, …) travel as "x-workato".
Problems go to stderr, one per line (add --verbose for notes about kept keywords).

Options:
  --from FORM          input form (default auto)
  --to FORM            output form
  --draft 2020-12|draft-07   $schema to write (default: the input schema's draft, else 2020-12)
  --title TEXT         root title when writing a schema
  --variant NAME       for a schema with event types (x-fieldkit-discriminator), the event type to
                       convert (its value, e.g. emailOpen, or its $defs name); without it the
                       event types are merged
  --check              also check the field names (duplicates, empty, whitespace); exit 1 on errors
  -v, --verbose        also print notes (info issues)
  --compact            one-line JSON
  -h, --help           show this help

Exit codes: 0 converted, 1 --check found errors, 2 bad usage or input.

Examples:
  fieldkit fields schema.json > fields.json
  fieldkit fields --to workato schema.json > workato.json
  fieldkit fields --from workato --to schema --draft draft-07 workato.json
  fieldkit infer events.ndjson | fieldkit fields --variant emailOpen --to workato
`;

/** `fieldkit fields`. */
export const fieldsCommand: Command = {
  name: 'fields',
  summary: 'convert between JSON Schema, field list and Workato schema',
  help: HELP,
  async run(argv, io) {
    let args;
    let from: FieldsForm | 'auto';
    let to: FieldsForm | undefined;
    let draft: SchemaDraft | undefined;
    try {
      args = parseArgs(argv, SPECS);
      const f = stringFlag(args, 'from') ?? 'auto';
      if (f !== 'auto' && !(FORMS as readonly string[]).includes(f)) throw new UsageError(`--from must be auto, schema, fields or workato; got "${f}"`);
      from = f as FieldsForm | 'auto';
      const t = stringFlag(args, 'to');
      if (t !== undefined && !(FORMS as readonly string[]).includes(t)) throw new UsageError(`--to must be schema, fields or workato; got "${t}"`);
      to = t as FieldsForm | undefined;
      const d = stringFlag(args, 'draft');
      if (d !== undefined && d !== '2020-12' && d !== 'draft-07') throw new UsageError(`--draft must be 2020-12 or draft-07; got "${d}"`);
      draft = d;
      if (args.positionals.length > 1) throw new UsageError('give at most one FILE');
    } catch (err) {
      return usageFailure(io, 'fields', err);
    }
    const file = args.positionals[0] ?? '-';
    const loaded = await loadFieldList(file, io, from, stringFlag(args, 'variant'));
    if (!loaded.ok) {
      printIssues(io.stderr, loaded.issues);
      return EXIT_USAGE;
    }
    const verbose = booleanFlag(args, 'verbose');
    const notes = loaded.issues.filter((i) => verbose || i.severity !== 'info');
    if (notes.length) printIssues(io.stderr, notes);
    const { fields, root, form } = loaded.value;
    const target: FieldsForm = to ?? (form === 'schema' ? 'fields' : 'schema');
    const source = file === '-' ? 'stdin' : file;
    let out: unknown;
    if (target === 'schema') {
      const title = stringFlag(args, 'title');
      // Without --draft, a schema keeps the draft it was written in (else 2020-12).
      out = fieldsToSchema(fields, { draft: draft ?? loaded.value.draft ?? '2020-12', ...(title !== undefined ? { title } : {}), ...(root ? { root } : {}) });
    } else {
      // Root keywords (title, $id, definitions, additionalProperties…) only live in a schema: say they are left out.
      // Annotations and definitions ($refs were inlined) are notes (--verbose); keywords that change what is valid warn.
      const quiet = new Set(['title', 'description', '$comment', '$id', '$defs', 'definitions']);
      const keys = root ? ownKeysOf(root).filter((k) => verbose || !quiet.has(k)) : [];
      if (keys.length > 0) {
        const what = target === 'workato' ? 'a Workato schema' : 'a field list';
        const list = keys.map((k) => JSON.stringify(k)).join(', ');
        printIssues(io.stderr, [issue('fields/root-keyword', `The schema root's ${list} ${keys.length === 1 ? 'is' : 'are'} not part of ${what}; left out (--to schema keeps ${keys.length === 1 ? 'it' : 'them'}).`, { severity: keys.some((k) => !quiet.has(k)) ? 'warning' : 'info', source })]);
      }
      if (target === 'workato') {
        out = fieldsToWorkato(fields);
        // Workato's format is smaller than JSON Schema: say what the export leaves out, never drop it silently.
        const losses = workatoExportLosses(fields).map((i) => ({ ...i, source }));
        if (losses.length) printIssues(io.stderr, losses);
      } else out = fields;
    }
    if (booleanFlag(args, 'check')) {
      const problems = validateFields(fields).map((i) => ({ ...i, source }));
      if (problems.length) printIssues(io.stderr, problems);
      // Nothing on stdout when failing.
      if (problems.some((i) => i.severity === 'error')) return EXIT_INVALID;
    }
    await writeStdout(io.stdout, (booleanFlag(args, 'compact') ? JSON.stringify(out) : JSON.stringify(out, null, 2)) + '\n');
    return EXIT_OK;
  },
};
