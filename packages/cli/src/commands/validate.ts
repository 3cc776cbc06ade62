/**
 * `fieldkit validate --schema S [FILE...]`: check payloads (JSON, NDJSON, concatenated JSON;
 * stdin) against a JSON Schema and print one line per problem.
 */
import { formatPath, issue, type Issue, type JSONSchema, type PathSegment } from '@fieldkit/core';
import { createValidator } from '@fieldkit/core/validate';
import type { Command } from '../command.js';
import { UsageError, booleanFlag, parseArgs, positiveIntFlag, stringFlag, type FlagSpecs } from '../io/args.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../io/exit-codes.js';
import { printIssues } from '../io/issues.js';
import { writeStdout } from '../io/output.js';
import { ChunkDecoder, readChunks, readInputText, readJsonFile, resolveInputs, STDIN_NAME, type InputSource } from '../io/read.js';
import { usageFailure } from '../io/usage.js';
import { looksLikeNdjson } from '../engine/split.js';
import type { CommandIO } from '../command.js';
import { LineCounter, parseJsonValues, scanJsonValue, type JsonTextFormat } from '../io/json-text.js';

/** Validation errors printed (text mode) before the rest are counted. */
export const DEFAULT_MAX_VALIDATION_ERRORS = 100;

/** Files at least this big that look like NDJSON are validated line by line, never held whole in memory. */
export const STREAM_MIN_BYTES = 8_000_000;
/** Parse errors collected from one streamed input before reading it stops. */
const MAX_PARSE_ISSUES = 20;

const INPUT_FORMATS: readonly JsonTextFormat[] = ['auto', 'json', 'ndjson'];

const SPECS: FlagSpecs = {
  schema: { type: 'string', short: 's' },
  format: { type: 'string' },
  'input-format': { type: 'string' },
  'no-formats': { type: 'boolean' },
  'max-errors': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
};

const HELP = `Usage: fieldkit validate --schema SCHEMA_FILE [options] [FILE...]

Check payloads against a JSON Schema (draft 2020-12 or draft-07). FILE may hold one JSON
value, several concatenated values, or NDJSON (one per line); "-" or no FILE reads stdin.

Each problem is one line on stderr:
  FILE:LINE: $.path: message
where LINE is the line of the offending value (for a missing field: of its object), e.g.
  events.ndjson:3: $.dataFields.age: expected integer, got string "42"

Options:
  -s, --schema FILE            the JSON Schema (required)
  --format text|json           text (default): lines as above on stderr and a summary;
                               json: a JSON array of issues on stdout
                               ({code, message, path, source, line, sample, params})
  --input-format auto|json|ndjson  how payloads are laid out (default auto)
  --no-formats                 don't check "format" (date-time, email, unix-time…)
  --max-errors N               print at most N problems in text mode (default ${DEFAULT_MAX_VALIDATION_ERRORS})
  -q, --quiet                  no summary line
  -h, --help                   show this help

Exit codes: 0 every payload is valid, 1 at least one is invalid,
2 bad usage, unreadable/unparsable input, or a schema that cannot be used.

Examples:
  fieldkit validate --schema schema.json events.ndjson
  curl -s https://example.com/hook.json | fieldkit validate -s schema.json
  fieldkit validate -s schema.json --format json payloads/*.json | jq '.[].message'
`;

/** `file:line: $.path: message` — the line a person reads. */
export function formatValidationIssue(i: Issue): string {
  const where = [i.source, i.line].filter((x) => x !== undefined).join(':');
  return `${where ? where + ': ' : ''}${formatPath(i.path)}: ${i.message}`;
}

function skipWs(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/**
 * Offset of the value at `path` inside the JSON value starting at `start`, or of the deepest
 * part of the path that exists (a missing field points at its object). Duplicate keys resolve to
 * the last one, as JSON.parse does.
 */
export function locateValue(text: string, start: number, path: readonly PathSegment[]): number {
  let pos = skipWs(text, start);
  for (const seg of path) {
    let found = -1;
    let i = skipWs(text, pos + 1);
    if (text[pos] === '{') {
      while (text[i] === '"') {
        const k = scanJsonValue(text, i);
        if ('error' in k) return pos;
        const key = JSON.parse(text.slice(k.start, k.end)) as string;
        i = skipWs(text, skipWs(text, k.end) + 1);
        if (key === seg) found = i;
        const v = scanJsonValue(text, i);
        if ('error' in v) return pos;
        i = skipWs(text, v.end);
        if (text[i] !== ',') break;
        i = skipWs(text, i + 1);
      }
    } else if (text[pos] === '[' && typeof seg === 'number') {
      for (let idx = 0; i < text.length && text[i] !== ']'; idx++) {
        if (idx === seg) {
          found = i;
          break;
        }
        const v = scanJsonValue(text, i);
        if ('error' in v) return pos;
        i = skipWs(text, v.end);
        if (text[i] !== ',') break;
        i = skipWs(text, i + 1);
      }
    }
    if (found < 0) return pos;
    pos = found;
  }
  return pos;
}

/** For one input text: (payload line, column, issue path) -> the line and column of that value. */
function textLocator(text: string): (line: number, column: number, path: readonly PathSegment[]) => { line: number; column: number } {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const counter = new LineCounter(text);
  return (line, column, path) => {
    const start = (lineStarts[line - 1] ?? 0) + column - 1;
    return counter.at(locateValue(text, start, path));
  };
}

/** Line and column of the value at `path` in one NDJSON line (line number `line`). */
function locateLine(text: string, line: number, path: readonly PathSegment[]): { line: number; column: number } {
  return { line, column: locateValue(text, 0, path) + 1 };
}

/**
 * Stream an NDJSON input line by line: each non-empty line is parsed and handed to `onValue`
 * with its line number, sample number and text. Returns parse issues (at most
 * {@link MAX_PARSE_ISSUES}); reading stops at that many.
 */
async function checkNdjson(
  input: InputSource,
  io: Pick<CommandIO, 'stdin'>,
  onValue: (value: unknown, line: number, sample: number, text: string) => void,
): Promise<Issue[]> {
  const issues: Issue[] = [];
  const dec = new ChunkDecoder();
  let rest = '';
  let lineNo = 0;
  let sample = 0;
  const handle = (line: string) => {
    lineNo++;
    if (line.trim() === '') return;
    sample++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      const r = parseJsonValues(line, { format: 'json', source: input.name });
      const first = r.ok ? undefined : r.issues[0];
      issues.push(issue('cli/parse', first?.message ?? 'not valid JSON', { source: input.name, line: lineNo, column: first?.column ?? 1, sample }));
      return;
    }
    onValue(value, lineNo, sample, line);
  };
  try {
    for await (const chunk of readChunks(input, io)) {
      const text = rest + dec.write(chunk);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        handle(text.slice(start, nl));
        start = nl + 1;
        if (issues.length >= MAX_PARSE_ISSUES) return issues;
      }
      rest = text.slice(start);
    }
    rest += dec.end();
    if (rest !== '') handle(rest);
  } catch (err) {
    issues.push(issue('cli/input', `cannot read: ${(err as Error).message}`, { source: input.name }));
  }
  return issues;
}

/** `fieldkit validate`. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check JSON / NDJSON payloads against a JSON Schema',
  help: HELP,
  async run(argv, io) {
    let args;
    let schemaFile: string;
    let json: boolean;
    let inputFormat: JsonTextFormat;
    let maxErrors: number;
    try {
      args = parseArgs(argv, SPECS);
      const s = stringFlag(args, 'schema');
      if (s === undefined || s === '') throw new UsageError('--schema FILE is required');
      schemaFile = s;
      const format = stringFlag(args, 'format') ?? 'text';
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json; got "${format}"`);
      json = format === 'json';
      const inf = stringFlag(args, 'input-format') ?? 'auto';
      if (!(INPUT_FORMATS as readonly string[]).includes(inf)) throw new UsageError(`--input-format must be one of ${INPUT_FORMATS.join(', ')}; got "${inf}"`);
      inputFormat = inf as JsonTextFormat;
      maxErrors = positiveIntFlag(args, 'max-errors') ?? DEFAULT_MAX_VALIDATION_ERRORS;
      if (schemaFile === '-' && (args.positionals.length === 0 || args.positionals.includes('-'))) {
        throw new UsageError('stdin cannot hold both the schema and the payloads; name the payload files');
      }
    } catch (err) {
      return usageFailure(io, 'validate', err);
    }

    const schema = await readJsonFile(schemaFile, io);
    if (!schema.ok) {
      printIssues(io.stderr, schema.issues);
      return EXIT_USAGE;
    }
    const schemaSource = schemaFile === '-' ? STDIN_NAME : schemaFile;
    const validator = createValidator(schema.value as JSONSchema, { formats: !booleanFlag(args, 'no-formats') });
    if (!validator.ok) {
      printIssues(
        io.stderr,
        validator.issues.map((i) => ({ ...i, source: schemaSource })),
      );
      return EXIT_USAGE;
    }
    if (!json && validator.issues.length) printIssues(io.stderr, validator.issues.map((i) => ({ ...i, source: schemaSource })));

    const inputs = await resolveInputs(args.positionals, io);
    if (!inputs.ok) {
      printIssues(io.stderr, inputs.issues);
      return EXIT_USAGE;
    }
    if (io.stdin.isTTY === true && inputs.value.some((i) => i.kind === 'stdin')) {
      io.stderr.write('fieldkit validate: reading payloads from stdin (end with Ctrl-D; see --help)\n');
    }
    const parseIssues: Issue[] = [];
    const found: Issue[] = [];
    let problems = 0;
    let invalid = 0;
    let count = 0;
    // Text mode prints at most maxErrors lines, so only those are kept (memory stays flat on big inputs).
    const keep = json ? Infinity : maxErrors;
    const check = (value: unknown, source: string, sample: number, where: (path: readonly PathSegment[]) => { line: number; column: number }) => {
      count++;
      const r = validator.value(value);
      if (r.ok) return;
      invalid++;
      for (const i of r.issues) {
        problems++;
        if (found.length < keep) found.push({ ...i, source, ...where(i.path), sample });
      }
    };
    for (const input of inputs.value) {
      const streamed =
        inputFormat === 'ndjson' ||
        (inputFormat === 'auto' && input.kind === 'file' && input.size >= STREAM_MIN_BYTES && (await looksLikeNdjson(input.path)));
      if (streamed) {
        const before = count;
        const r = await checkNdjson(input, io, (value, line, sample, text) => check(value, input.name, sample, (path) => locateLine(text, line, path)));
        parseIssues.push(...r);
        if (r.length === 0 && count === before) parseIssues.push(issue('cli/empty', 'empty input: no JSON value found', { source: input.name }));
        continue;
      }
      const read = await readInputText(input, io);
      if (!read.ok) {
        parseIssues.push(...read.issues);
        continue;
      }
      const text = read.value;
      const parsed = parseJsonValues(text, { format: inputFormat, source: input.name });
      if (!parsed.ok) {
        parseIssues.push(...parsed.issues);
        continue;
      }
      if (parsed.value.length === 0) parseIssues.push(issue('cli/empty', 'empty input: no JSON value found', { source: input.name }));
      const locate = textLocator(text);
      for (const p of parsed.value) check(p.value, input.name, p.sample, (path) => locate(p.line, p.column, path));
    }
    if (parseIssues.length) {
      printIssues(io.stderr, parseIssues);
      return EXIT_USAGE;
    }

    if (json) {
      const text = JSON.stringify(
        found.map((i) => ({ code: i.code, message: i.message, path: i.path, source: i.source, line: i.line, sample: i.sample, params: i.params })),
        null,
        2,
      );
      await writeStdout(io.stdout, text + '\n');
    } else {
      const shown = found.slice(0, maxErrors);
      let text = shown.map((i) => formatValidationIssue(i) + '\n').join('');
      if (problems > shown.length) text += `… and ${problems - shown.length} more\n`;
      if (!booleanFlag(args, 'quiet')) {
        const n = count;
        text += invalid === 0 ? `${n} of ${n} payload${n === 1 ? '' : 's'} valid\n` : `${invalid} of ${n} payload${n === 1 ? '' : 's'} invalid (${problems} problem${problems === 1 ? '' : 's'})\n`;
      }
      io.stderr.write(text);
    }
    return invalid === 0 ? EXIT_OK : EXIT_INVALID;
  },
};
