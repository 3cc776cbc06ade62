import type { PathSegment } from './types.js';

/**
 * Errors are data. Anything a user causes (bad JSON, an unsupported keyword, an invalid payload,
 * a near-miss key) comes back as an {@link Issue}; only programmer errors throw.
 *
 * Each subsystem owns the codes under its prefix: `infer/…`, `fields/…`, `keys/…`,
 * `validate/…`, `body/…`, `capture/…`, `cli/…`.
 */
export type IssueCode = `${'infer' | 'fields' | 'keys' | 'validate' | 'body' | 'capture' | 'cli'}/${string}`;

/** How bad an issue is: `error` makes a Result fail, `warning`/`info` ride along with a value. */
export type Severity = 'error' | 'warning' | 'info';

/** One problem, located as precisely as possible. */
export interface Issue {
  /** Stable machine-readable code with a subsystem prefix, e.g. `infer/parse`. */
  code: IssueCode;
  severity: Severity;
  /** A sentence a person reads: what is wrong, and where when that helps. */
  message: string;
  /** Where in the JSON value (payload, schema or field tree) the issue is; `[]` for the root. */
  path: PathSegment[];
  /** Where in the input text, 1-based, when the issue comes from text. */
  line?: number;
  column?: number;
  /** 1-based number of the sample in a multi-sample input (NDJSON line's sample, etc.). */
  sample?: number;
  /** The input's name (file name, `stdin`, a source name) when known. */
  source?: string;
  /** A fix to offer, e.g. the exact key a near-miss was meant to be. */
  suggestion?: string;
  /** Extra structured facts for the code (expected type, allowed values, …). */
  params?: Record<string, unknown>;
}

/** Success carries a value and any non-fatal issues; failure carries at least one error. */
export type Result<T> = { ok: true; value: T; issues: Issue[] } | { ok: false; issues: Issue[] };

/** Make a successful Result. */
export function ok<T>(value: T, issues: Issue[] = []): Result<T> {
  return { ok: true, value, issues };
}

/** Make a failed Result. */
export function fail<T = never>(issues: Issue[]): Result<T> {
  return { ok: false, issues };
}

/** True when any issue is an error. */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A path as people read it: `$.data.items[0]["first name"]`. Keys that are not plain
 * identifiers are quoted with JSON escaping, so `__proto__`, spaces and HTML stay visible text.
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += `.${seg}`;
    else out += `[${visibleJsonString(seg)}]`;
  }
  return out;
}

/**
 * A JSON string literal in which invisible, format and unusual space characters are written as
 * `\uXXXX` (JSON.stringify leaves a zero-width space or a BOM as is, so `"plan\u200B"` would print
 * exactly like `"plan"`).
 */
export function visibleJsonString(s: string): string {
  return JSON.stringify(s).replace(/[\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Mn}\u115f\u1160\u3164\uffa0]/gu, (ch) => {
    if (ch === ' ') return ch;
    const cp = ch.codePointAt(0)!;
    return cp > 0xffff ? `\\u{${cp.toString(16).toUpperCase()}}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** A path as a JSON Pointer (RFC 6901): `/data/items/0/first name`. */
export function toJsonPointer(path: readonly PathSegment[]): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Parse a JSON Pointer (RFC 6901) into segments (all strings: the pointer does not say which are indices). */
export function fromJsonPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const p = pointer.startsWith('#') ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (!p.startsWith('/')) throw new FieldkitError([issue('cli/pointer', `"${pointer}" is not a JSON Pointer: it must start with "/"`)]);
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Build an error Issue; spread `extra` for location and params. */
export function issue(code: IssueCode, message: string, extra: Partial<Issue> = {}): Issue {
  return { code, severity: 'error', message, path: [], ...extra };
}

/** One line per issue, as the CLI prints them: `file:line:col: message (at $.path)`. */
export function formatIssue(i: Issue): string {
  const where: string[] = [];
  if (i.source !== undefined) where.push(i.source);
  if (i.line !== undefined) where.push(String(i.line));
  if (i.column !== undefined) where.push(String(i.column));
  const loc = where.length ? where.join(':') + ': ' : '';
  const sample = i.sample !== undefined ? ` (sample ${i.sample})` : '';
  const path = i.path.length ? ` at ${formatPath(i.path)}` : '';
  // Messages that already name the suggestion (e.g. near-miss keys) are not repeated.
  const sugg = i.suggestion !== undefined && !i.message.includes(JSON.stringify(i.suggestion)) ? ` (did you mean ${JSON.stringify(i.suggestion)}?)` : '';
  return `${loc}${i.severity}: ${i.message}${path}${sample}${sugg}`;
}

/**
 * Thrown only where an API must return a plain value (e.g. `inferSchemaFromText`) and the input
 * was bad; it carries the structured issues. Prefer the Result-returning variants.
 */
export class FieldkitError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(issues.map(formatIssue).join('\n') || 'fieldkit error');
    this.name = 'FieldkitError';
    this.issues = issues;
  }
}
