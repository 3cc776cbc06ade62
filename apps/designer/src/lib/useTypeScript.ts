import { useEffect, useState } from 'react';
import type { Issue, JSONSchemaObject, Result } from '@fieldkit/core';
import type { TypeScriptResponse } from './typescript.worker.js';

/** The TypeScript output: the text once generated, and whether a newer one is on its way. */
export interface TypeScriptOutput {
  text: string;
  busy: boolean;
  issues: Issue[];
}

let worker: Worker | undefined;
let workerBroken = false;
let nextId = 1;
const waiting = new Map<number, { resolve(r: Result<string>): void; reject(e: Error): void }>();

/** Ask the shared worker; undefined when workers are unavailable here. */
function viaWorker(schema: JSONSchemaObject): Promise<Result<string>> | undefined {
  if (workerBroken || typeof Worker === 'undefined') return undefined;
  try {
    worker ??= startWorker();
  } catch {
    workerBroken = true;
    return undefined;
  }
  const id = nextId++;
  const w = worker;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, schema });
  });
}

function startWorker(): Worker {
  const w = new Worker(new URL('./typescript.worker.ts', import.meta.url), { type: 'module', name: 'fieldkit-typescript' });
  w.onmessage = (e: MessageEvent<TypeScriptResponse>) => {
    waiting.get(e.data.id)?.resolve(e.data.result);
    waiting.delete(e.data.id);
  };
  w.onerror = () => {
    // A worker that cannot start (CSP, old browser): everyone falls back to the main thread.
    workerBroken = true;
    w.terminate();
    worker = undefined;
    for (const [, p] of waiting) p.reject(new Error('TypeScript worker failed'));
    waiting.clear();
  };
  return w;
}

/** TypeScript for a schema: in the worker when possible, else on the main thread. */
async function generate(schema: JSONSchemaObject): Promise<Result<string>> {
  const answer = viaWorker(schema);
  if (answer) {
    try {
      return await answer;
    } catch {
      // fall through to the main thread
    }
  }
  const { toTypeScript } = await import('@fieldkit/core/typescript');
  return toTypeScript(schema);
}

/**
 * TypeScript for `schema`, generated off the keystroke path: in a Web Worker, `delay` ms after the
 * last change; results for stale schemas are dropped.
 */
export function useTypeScript(schema: JSONSchemaObject, enabled: boolean, delay = 120): TypeScriptOutput {
  const [out, setOut] = useState<TypeScriptOutput>({ text: '', busy: true, issues: [] });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setOut((o) => (o.busy ? o : { ...o, busy: true }));
    const timer = setTimeout(async () => {
      try {
        const r = await generate(schema);
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
