import { inferSchema, listVariants, tryInferSchemaFromText } from '@fieldkit/core';
import type { InferOptions, Issue, JSONSchemaObject, TextFormat } from '@fieldkit/core';

/** Options of {@link analyzeSamples}. */
export interface AnalyzeOptions {
  /** How the text holds samples: one or several concatenated JSON values, NDJSON, or auto-detect. */
  format?: TextFormat;
  /** When the whole text is one JSON array, treat each element as a sample. */
  eachElement?: boolean;
  /** Name shown in issues (`source`), like a file name in the CLI. */
  source?: string;
  /** Inference options passed to the core (stats default on: the designer shows them). */
  infer?: InferOptions;
}

/** Defaults of {@link AnalyzeOptions}. */
export const DEFAULT_ANALYZE_OPTIONS: Required<Omit<AnalyzeOptions, 'infer'>> & { infer: InferOptions } = {
  format: 'auto',
  eachElement: false,
  source: 'input',
  infer: { stats: true },
};

/** A problem located in the text, in CodeMirror's terms (offsets) and people's terms (line/column, 1-based). */
export interface TextDiagnostic {
  from: number;
  to: number;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** What the wizard learned from a text. */
export interface SampleAnalysis {
  /** Parsed samples (empty when the text has errors). */
  samples: unknown[];
  /** Issues from the core (parse errors carry line, column and sample number). */
  issues: Issue[];
  /** The issues placed in the text. */
  diagnostics: TextDiagnostic[];
  /** The inferred schema, when the text parsed. */
  schema?: JSONSchemaObject;
  /** One entry per event type when the samples carry several (`listVariants`), with how many samples had it. */
  variants: { name: string; value: unknown; schema: JSONSchemaObject; count?: number }[];
}

/** Count samples per event type: the value of the schema's discriminator key at the root of each sample. */
function countVariants(schema: JSONSchemaObject, samples: readonly unknown[], variants: SampleAnalysis['variants']): SampleAnalysis['variants'] {
  const key = schema['x-fieldkit-discriminator'];
  if (typeof key !== 'string' || variants.length === 0) return variants;
  const counts = new Map<string, number>();
  for (const s of samples) {
    if (typeof s !== 'object' || s === null || Array.isArray(s) || !Object.prototype.hasOwnProperty.call(s, key)) continue;
    const v = JSON.stringify((s as Record<string, unknown>)[key]);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return variants.map((v) => ({ ...v, count: counts.get(JSON.stringify(v.value)) ?? 0 }));
}

/** 0-based offsets at which each line starts (after `\n`, `\r\n` or a lone `\r`). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * Place issues in the text: 1-based line/column become offsets (clamped to the text), marking one
 * character (or the end of the text, for a truncated value). Issues without a line sit at the start.
 */
export function issuesToDiagnostics(text: string, issues: readonly Issue[]): TextDiagnostic[] {
  const starts = lineStarts(text);
  return issues.map((i) => {
    const line = Math.min(Math.max(i.line ?? 1, 1), starts.length);
    const lineStart = starts[line - 1]!;
    const lineEnd = line < starts.length ? starts[line]! : text.length;
    const column = Math.max(i.column ?? 1, 1);
    const from = Math.min(lineStart + column - 1, text.length);
    // Mark one character when there is one on this line, else an empty range at the end.
    const to = from < lineEnd && from < text.length && text[from] !== '\n' && text[from] !== '\r' ? from + 1 : from;
    const where = i.sample !== undefined ? ` (sample ${i.sample})` : '';
    return { from, to, line, column, severity: i.severity, message: i.message + where };
  });
}

/**
 * Split text holding JSON values (concatenated, NDJSON, or one value) into the values' source
 * slices, by bracket depth outside strings. Used only after the core parsed the text without
 * errors, so each slice is valid JSON.
 */
export function splitJsonValues(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\ufeff';
  while (i < n) {
    while (i < n && isSpace(text[i]!)) i++;
    if (i >= n) break;
    const start = i;
    const c = text[i]!;
    if (c === '{' || c === '[') {
      let depth = 0;
      let inString = false;
      for (; i < n; i++) {
        const ch = text[i]!;
        if (inString) {
          if (ch === '\\') i++;
          else if (ch === '"') inString = false;
        } else if (ch === '"') inString = true;
        else if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          depth--;
          if (depth === 0) {
            i++;
            break;
          }
        }
      }
    } else if (c === '"') {
      for (i++; i < n; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '"') {
          i++;
          break;
        }
      }
    } else {
      while (i < n && !isSpace(text[i]!) && text[i] !== '{' && text[i] !== '[' && text[i] !== '"') i++;
    }
    out.push(text.slice(start, i));
  }
  return out;
}

/**
 * Parse and infer from pasted text with the core, so error locations match the CLI's
 * (`fieldkit infer`): same parser, same line/column/sample numbers.
 */
export function analyzeSamples(text: string, options: AnalyzeOptions = {}): SampleAnalysis {
  const format = options.format ?? DEFAULT_ANALYZE_OPTIONS.format;
  const source = options.source ?? DEFAULT_ANALYZE_OPTIONS.source;
  const inferOpts = { ...DEFAULT_ANALYZE_OPTIONS.infer, ...options.infer };
  if (text.trim() === '') return { samples: [], issues: [], diagnostics: [], variants: [] };
  const r = tryInferSchemaFromText(text, { ...inferOpts, format, source });
  if (!r.ok) return { samples: [], issues: r.issues, diagnostics: issuesToDiagnostics(text, r.issues), variants: [] };
  let samples: unknown[] = splitJsonValues(text).map((s) => JSON.parse(s) as unknown);
  let schema = r.value;
  if ((options.eachElement ?? DEFAULT_ANALYZE_OPTIONS.eachElement) && samples.length === 1 && Array.isArray(samples[0])) {
    samples = samples[0] as unknown[];
    schema = inferSchema(samples, inferOpts);
  }
  const issues = r.issues;
  return { samples, issues, diagnostics: issuesToDiagnostics(text, issues), schema, variants: countVariants(schema, samples, listVariants(schema)) };
}
