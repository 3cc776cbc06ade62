import { useEffect, useMemo, useState } from 'react';
import { checkKeys, type FieldList, type Issue, type JSONSchemaObject } from '@fieldkit/core';

/** What the Validate tab shows. */
export interface ValidationOutput {
  /** The payload could not be parsed (message with line/column). */
  parseError?: string;
  /** Schema errors (validate/*) then key warnings (keys/*). */
  issues: Issue[];
  /** True when the payload parsed and has no error issues. */
  valid: boolean;
  busy: boolean;
  /** The parsed payload, when it parsed. */
  payload?: unknown;
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) (line++, (last = i));
  return { line, column: offset - last };
}

/** Parse JSON, turning V8's "at position N" into line and column. */
export function parsePayload(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    if (m) {
      const { line, column } = lineColumn(text, Number(m[1]));
      return { ok: false, message: `Line ${line}, column ${column}: ${msg.replace(/\s*in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '')}` };
    }
    return { ok: false, message: msg };
  }
}

/**
 * Validate `text` against the schema (ajv, loaded on first use) and check its keys against the
 * fields exactly (Iterable profile), so near-misses like `campaignID` are caught.
 */
export function useValidation(schema: JSONSchemaObject, fields: FieldList, text: string, enabled: boolean): ValidationOutput {
  const parsed = useMemo(() => (text.trim() === '' ? undefined : parsePayload(text)), [text]);
  const [schemaIssues, setSchemaIssues] = useState<{ issues: Issue[]; busy: boolean }>({ issues: [], busy: true });
  useEffect(() => {
    if (!enabled || !parsed?.ok) return;
    let live = true;
    setSchemaIssues((s) => ({ ...s, busy: true }));
    const timer = setTimeout(async () => {
      const { createValidator } = await import('@fieldkit/core/validate');
      const compiled = createValidator(schema);
      if (!live) return;
      if (!compiled.ok) {
        setSchemaIssues({ issues: compiled.issues, busy: false });
        return;
      }
      const r = compiled.value(parsed.value);
      setSchemaIssues({ issues: r.issues, busy: false });
    }, 80);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [schema, parsed, enabled]);
  const keyIssues = useMemo(
    () => (enabled && parsed?.ok ? checkKeys(fields, parsed.value, { profile: 'iterable' }) : []),
    [fields, parsed, enabled],
  );
  if (!parsed) return { issues: [], valid: false, busy: false };
  if (!parsed.ok) return { parseError: parsed.message, issues: [], valid: false, busy: false };
  const issues = [...schemaIssues.issues, ...keyIssues];
  return { issues, valid: !issues.some((i) => i.severity === 'error'), busy: schemaIssues.busy, payload: parsed.value };
}
