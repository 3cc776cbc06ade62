/**
 * Schema inference: many samples in, one JSON Schema out. See CONTRACTS.md §1 and the rule list
 * in to-schema.ts. Property order in the output is first appearance; everything else (types,
 * required, formats, enums, maps, discriminators) depends only on the multiset of samples.
 */
import { fail, FieldkitError, hasErrors, issue, ok, type Issue, type Result } from '../errors.js';
import type { JSONSchemaObject } from '../types.js';
import { createInferrer, inferFromTextFast } from './inferrer.js';
import type { InferOptions, InferTextOptions } from './options.js';

export { createInferrer, inferrerFromState, scanLinesInto, scanValuesInto, type Inferrer } from './inferrer.js';
export type { ScanLayout } from './scan.js';
export { DEFAULT_INFER_OPTIONS, DEFAULT_MAX_DEPTH, HINTS, type Hint, type InferOptions, type InferTextOptions, type TextFormat, type TextReaderOptions } from './options.js';
export type { InferenceState, NodeState, PartitionState } from './state.js';
export { locateJsonError, type JsonErrorLocation, type TextReader } from './text.js';
export { DISCRIMINATOR_KEYS } from './heuristics.js';

/**
 * Texts at least this long (UTF-16 units) take the scanner fast path. Measured with the bench
 * (1 warm-up + 5 timed calls, median, × JSON.parse): webhooks 20 MB 1.2-1.5× with the scanner vs
 * 1.9× for JSON.parse + walk, large 100 MB 1.1-1.3× vs 1.8×, github 4 MB and wide 1.2 MB about the
 * same either way. Below it JSON.parse + walk wins: a small text is over before V8 has optimised
 * the scanner (deep, 42 KB, one 5,000-level value: 1.6-4.6 ms from run to run through the
 * scanner, 2.2-3.2 ms steadily through JSON.parse + walk; a fresh process's first 20 KB text
 * ~7 ms vs ~3 ms).
 */
export const SCAN_MIN_LENGTH = 262_144;

/** Infer one schema from parsed samples (each any JSON value). */
export function inferSchema(samples: readonly unknown[], opts: InferOptions = {}): JSONSchemaObject {
  const inf = createInferrer(opts);
  for (let i = 0; i < samples.length; i++) inf.add(samples[i]);
  return inf.toSchema();
}

/**
 * Infer from text: `json` (one value, or several concatenated), `ndjson` (one value per line),
 * or `auto` (default). Returns issues (code `infer/parse`, with line, column, sample, source)
 * instead of throwing.
 */
export function tryInferSchemaFromText(text: string, opts: InferTextOptions = {}): Result<JSONSchemaObject> {
  const { format, source, ...inferOpts } = opts;
  // Fast path for big texts: scan the text straight into the state; anything unusual (errors,
  // duplicate keys) starts over on the exact path below, which also locates the errors. Small
  // texts skip it (see SCAN_MIN_LENGTH).
  if (text.length >= SCAN_MIN_LENGTH) {
    const fast = inferFromTextFast(text, format === 'ndjson', inferOpts);
    if (fast !== null) return ok(fast.toSchema(), fast.count === 0 ? [emptyIssue(source)] : []);
  }
  const inf = createInferrer(inferOpts);
  if (format !== 'ndjson') {
    // One JSON value (the usual file): JSON.parse it whole. Several values make it throw at the
    // second one; the reader below then splits them.
    let parsed: unknown;
    let whole = false;
    try {
      parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      whole = true;
    } catch {
      // not a single value
    }
    if (whole) {
      inf.add(parsed);
      return ok(inf.toSchema());
    }
  }
  const readerOpts: { format: 'json' | 'ndjson' | 'auto'; source?: string } = { format: format ?? 'auto' };
  if (source !== undefined) readerOpts.source = source;
  const reader = inf.createTextReader(readerOpts);
  const issues = [...reader.write(text), ...reader.end()];
  if (hasErrors(issues)) return fail(issues);
  if (inf.count === 0) issues.push(emptyIssue(source));
  return ok(inf.toSchema(), issues);
}

function emptyIssue(source: string | undefined): Issue {
  const extra: Partial<Issue> = { severity: 'warning' };
  if (source !== undefined) extra.source = source;
  return issue('infer/empty', 'No samples in the input: the schema accepts anything', extra);
}

/** Like {@link tryInferSchemaFromText}, but throws a {@link FieldkitError} carrying the issues on bad text. */
export function inferSchemaFromText(text: string, opts: InferTextOptions = {}): JSONSchemaObject {
  const r = tryInferSchemaFromText(text, opts);
  if (!r.ok) throw new FieldkitError(r.issues);
  return r.value;
}
