import { useEffect, useState } from 'react';
import type { Issue, JSONSchemaObject } from '@fieldkit/core';

/** The TypeScript output: the text once generated, and whether a newer one is on its way. */
export interface TypeScriptOutput {
  text: string;
  busy: boolean;
  issues: Issue[];
}

/**
 * TypeScript for `schema`, generated off the keystroke path: the generator (json-schema-to-typescript)
 * is loaded on first use and runs `delay` ms after the last change; stale results are dropped.
 */
export function useTypeScript(schema: JSONSchemaObject, enabled: boolean, delay = 120): TypeScriptOutput {
  const [out, setOut] = useState<TypeScriptOutput>({ text: '', busy: true, issues: [] });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setOut((o) => (o.busy ? o : { ...o, busy: true }));
    const timer = setTimeout(async () => {
      try {
        const { toTypeScript } = await import('@fieldkit/core/typescript');
        const r = await toTypeScript(schema);
        if (!live) return;
        setOut(r.ok ? { text: r.value, busy: false, issues: r.issues } : { text: '', busy: false, issues: r.issues });
      } catch (e) {
        if (!live) return;
        const message = `TypeScript export failed: ${e instanceof Error ? e.message : String(e)}`;
        setOut({ text: '', busy: false, issues: [{ code: 'validate/typescript', severity: 'error', message, path: [] }] });
      }
    }, delay);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [schema, enabled, delay]);
  return out;
}
