/**
 * `fieldkit body`: build a request body from designed fields and `--set PATH=VALUE` pairs, for a
 * preset API call (Iterable's users/update, events/track, …) or any field list; print it, or a
 * curl command that sends it.
 */
import {
  buildPresetBody,
  buildRequestBody,
  exampleBody,
  fieldsToSchema,
  getPreset,
  issue,
  presetFields,
  valuesFromPaths,
  PRESETS,
  type FieldList,
  type Issue,
  type RequestPreset,
  type Result,
} from '@fieldkit/core';
import type { Command } from '../command.js';
import { UsageError, booleanFlag, parseArgs, stringFlag, stringFlags, type FlagSpecs } from '../io/args.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../io/exit-codes.js';
import { printIssues } from '../io/issues.js';
import { writeStdout } from '../io/output.js';
import { readJsonFile } from '../io/read.js';
import { usageFailure } from '../io/usage.js';
import { loadFieldList } from './fields.js';

const SPECS: FlagSpecs = {
  preset: { type: 'string', short: 'p' },
  fields: { type: 'string', short: 'f' },
  set: { type: 'string', short: 's', multiple: true },
  values: { type: 'string' },
  variant: { type: 'string' },
  curl: { type: 'boolean' },
  url: { type: 'string' },
  method: { type: 'string' },
  example: { type: 'boolean' },
  'list-presets': { type: 'boolean' },
  compact: { type: 'boolean' },
};

const HELP = `Usage: fieldkit body [--preset ID] [--fields FIELDS] [--set PATH=VALUE]... [options]

Build a JSON request body from designed fields and values, checked field by field: values are
typed as in a form and converted to each field's type ("42" -> 42 for an integer field,
"true"/"false" for booleans, dates checked by format, JSON for "any", object and array fields).
Names must match the fields exactly; a near miss is an error that names the field you meant.

With --preset, the body is a known API call and FIELDS are your custom data fields, placed where
the API expects them (Iterable: "dataFields"). Without --preset, FIELDS describe the whole body.
FIELDS may be a JSON Schema, a fieldkit field list or a Workato schema (detected).

PATH is a dotted field path: dataFields.plan, items.0.sku (digits are list positions); write a
dot inside a name as \\. ("a\\.b"). Empty values of optional fields are left out. "null" is null for
a nullable field that is not text; a text field keeps the word (give JSON null in --values instead).

Options:
  -p, --preset ID        a preset (see --list-presets), e.g. iterable.users/update
  -f, --fields FILE      the fields ("-" = stdin)
  -s, --set PATH=VALUE   a value; repeat for more
  --values FILE          values as a JSON object mirroring the fields (--set wins over it)
  --variant NAME         for a FIELDS schema with event types: the event type to use (default:
                         the one named by the value of its event-type field, e.g. --set eventName=…)
  --example              print a valid example body instead (format-correct values)
  --curl                 print a curl command that sends the body (the API key comes from an
                         environment variable, e.g. $ITERABLE_API_KEY; nothing secret is printed)
  --url URL              endpoint for --curl without a preset
  --method POST|PUT|PATCH   method for --curl without a preset (default POST)
  --list-presets         list the presets
  --compact              one-line JSON
  -h, --help             show this help

Exit codes: 0 body printed, 1 a value or name is wrong (one line per problem on stderr),
2 bad usage or unreadable input.

Examples:
  fieldkit body --preset iterable.users/update --fields fields.json \\
    --set email=a@b.co --set dataFields.plan=pro --set dataFields.seats=5
  fieldkit body -p iterable.events/track -s email=a@b.co -s eventName=signup --curl
  fieldkit body --fields order.schema.json --set items.0.sku=A1 --set items.0.qty=2
`;

/** Shell-quote for POSIX sh: single quotes, with ' written as '\\''. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A curl command for a body. Header values starting with `$` stay environment variables. */
export function curlCommand(method: string, url: string, headers: Record<string, string>, body: unknown): string {
  const parts = ['curl', '-sS', '-X', method, shellQuote(url)];
  for (const [k, v] of Object.entries(headers)) {
    const env = /^\$[A-Z_][A-Z0-9_]*$/.test(v);
    parts.push('-H', env ? `"${k}: ${v}"` : shellQuote(`${k}: ${v}`));
  }
  parts.push('-H', shellQuote('Content-Type: application/json'), '--data-raw', shellQuote(JSON.stringify(body)));
  return parts.join(' ');
}

function parseSets(sets: readonly string[]): Result<Record<string, unknown>> {
  const pairs: [string, string][] = [];
  const issues: Issue[] = [];
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) issues.push(issue('cli/usage', `--set "${s}" must look like PATH=VALUE (e.g. dataFields.plan=pro)`));
    else pairs.push([s.slice(0, eq), s.slice(eq + 1)]);
  }
  if (issues.length) return { ok: false, issues };
  return valuesFromPaths(pairs);
}

/** Merge `over` into `base` (plain JSON trees; `over` wins on leaves). */
function mergeValues(base: unknown, over: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(over)) {
    const out = base.slice();
    over.forEach((v, i) => (out[i] = i in base ? mergeValues(base[i], v) : v));
    return out;
  }
  if (isObj(base) && isObj(over)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(base)) Object.defineProperty(out, k, { value: base[k], enumerable: true, writable: true, configurable: true });
    for (const k of Object.keys(over)) Object.defineProperty(out, k, { value: k in out ? mergeValues(out[k], over[k]) : over[k], enumerable: true, writable: true, configurable: true });
    return out;
  }
  return over === undefined ? base : over;
}

/** Issue codes whose message already names the field path as --set takes it ("dataFields.plan is required."). */
const NAMES_ITS_PATH = new Set(['body/unknown', 'body/missing', 'body/type', 'body/null', 'body/enum', 'body/format', 'body/constraint', 'body/path']);

/** Issues for the terminal: the path is not repeated as " at $.x" after a message that names it. */
export function issuesForCli(issues: readonly Issue[]): Issue[] {
  return issues.map((i) => (NAMES_ITS_PATH.has(i.code) && i.path.length > 0 ? { ...i, path: [] } : i));
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `fieldkit body`. */
export const bodyCommand: Command = {
  name: 'body',
  summary: 'build a request body (e.g. Iterable users/update) from fields and values',
  help: HELP,
  async run(argv, io) {
    let args;
    let preset: RequestPreset | undefined;
    try {
      args = parseArgs(argv, SPECS);
      if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}" (values go in --set PATH=VALUE)`);
      const id = stringFlag(args, 'preset');
      if (id !== undefined) {
        const p = getPreset(id);
        if (!p.ok) throw new UsageError(p.issues[0]!.message + (p.issues[0]!.suggestion ? ` Did you mean "${p.issues[0]!.suggestion}"?` : ''));
        preset = p.value;
      }
      const m = stringFlag(args, 'method');
      if (m !== undefined && !['POST', 'PUT', 'PATCH', 'GET', 'DELETE'].includes(m.toUpperCase())) throw new UsageError(`--method must be POST, PUT, PATCH, GET or DELETE; got "${m}"`);
      if (booleanFlag(args, 'curl') && !preset && stringFlag(args, 'url') === undefined) throw new UsageError('--curl needs --preset or --url');
      // An example body is placeholder data ("text", person@example.com): never turned into a request that sends it.
      if (booleanFlag(args, 'example') && booleanFlag(args, 'curl')) throw new UsageError('--example prints placeholder data and cannot be combined with --curl; build a real body with --set');
      if (booleanFlag(args, 'example') && (stringFlags(args, 'set').length > 0 || stringFlag(args, 'values') !== undefined)) throw new UsageError('--example ignores values; drop --set/--values, or drop --example to build a body from them');
      if (!preset && stringFlag(args, 'fields') === undefined && !booleanFlag(args, 'list-presets')) throw new UsageError('give --preset ID or --fields FILE (see --help)');
      if (stringFlag(args, 'fields') === '-' && stringFlag(args, 'values') === '-') throw new UsageError('stdin cannot hold both --fields and --values');
    } catch (err) {
      return usageFailure(io, 'body', err);
    }
    const json = (v: unknown) => (booleanFlag(args, 'compact') ? JSON.stringify(v) : JSON.stringify(v, null, 2)) + '\n';

    if (booleanFlag(args, 'list-presets')) {
      const rows = Object.values(PRESETS).map((p) => `${p.id.padEnd(34)} ${p.method} ${p.url}\n${''.padEnd(34)} ${p.title}${p.dataFieldsPath ? `; your fields go in ${p.dataFieldsPath.join('.').replace('.*.', '[].')}` : ''}`);
      await writeStdout(io.stdout, rows.join('\n') + '\n');
      return EXIT_OK;
    }


    let values: unknown = {};
    const valuesFile = stringFlag(args, 'values');
    if (valuesFile !== undefined) {
      const v = await readJsonFile(valuesFile, io);
      if (!v.ok) {
        printIssues(io.stderr, v.issues);
        return EXIT_USAGE;
      }
      if (!isObj(v.value)) {
        printIssues(io.stderr, [issue('cli/input', 'values must be a JSON object keyed by field names', { source: valuesFile })]);
        return EXIT_USAGE;
      }
      values = v.value;
    }
    const sets = parseSets(stringFlags(args, 'set'));
    if (!sets.ok) {
      printIssues(io.stderr, issuesForCli(sets.issues));
      return EXIT_USAGE;
    }
    values = mergeValues(values, sets.value);

    let fields: FieldList | undefined;
    const fieldsFile = stringFlag(args, 'fields');
    if (fieldsFile !== undefined) {
      // A schema with event types: the event type named in the values (e.g. --set eventName=emailOpen) picks the variant.
      const root = values as Record<string, unknown>;
      const loaded = await loadFieldList(fieldsFile, io, 'auto', stringFlag(args, 'variant'), (key) => (Object.prototype.hasOwnProperty.call(root, key) ? root[key] : undefined));
      if (!loaded.ok) {
        printIssues(io.stderr, loaded.issues);
        return EXIT_USAGE;
      }
      const warnings = loaded.issues.filter((i) => i.severity !== 'info');
      if (warnings.length) printIssues(io.stderr, warnings);
      fields = loaded.value.fields;
    }

    if (booleanFlag(args, 'example')) {
      const schema = preset ? fieldsToSchema(presetFields(preset, fields)) : fieldsToSchema(fields ?? []);
      await writeStdout(io.stdout, json(exampleBody(schema)));
      return EXIT_OK;
    }

    const built = preset ? buildPresetBody(preset, fields, values as Record<string, unknown>) : buildRequestBody(fields ?? [], values as Record<string, unknown>);
    if (!built.ok) {
      printIssues(io.stderr, issuesForCli(built.issues), 50);
      return EXIT_INVALID;
    }
    if (built.issues.length) printIssues(io.stderr, issuesForCli(built.issues));
    if (booleanFlag(args, 'curl')) {
      const method = preset ? preset.method : (stringFlag(args, 'method') ?? 'POST').toUpperCase();
      const url = stringFlag(args, 'url') ?? preset!.url;
      await writeStdout(io.stdout, curlCommand(method, url, preset ? preset.headers : {}, built.value) + '\n');
      return EXIT_OK;
    }
    await writeStdout(io.stdout, json(built.value));
    return EXIT_OK;
  },
};
