/// <reference lib="webworker" />
/**
 * TypeScript export off the main thread: json-schema-to-typescript takes ~0.4 s on a 5,000-field
 * schema, which would freeze typing if it ran where React renders.
 * Protocol: in `{ id, schema }`, out `{ id, result: Result<string> }` (plain data, structured-cloned).
 */
import { toTypeScript } from '@fieldkit/core/typescript';
import type { JSONSchemaObject, Result } from '@fieldkit/core';

/** A request to the worker. */
export interface TypeScriptRequest {
  id: number;
  schema: JSONSchemaObject;
}

/** The worker's answer to request `id`. */
export interface TypeScriptResponse {
  id: number;
  result: Result<string>;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (e: MessageEvent<TypeScriptRequest>) => {
  const { id, schema } = e.data;
  let result: Result<string>;
  try {
    result = await toTypeScript(schema);
  } catch (err) {
    const message = `TypeScript export failed: ${err instanceof Error ? err.message : String(err)}`;
    result = { ok: false, issues: [{ code: 'validate/typescript', severity: 'error', message, path: [] }] };
  }
  scope.postMessage({ id, result } satisfies TypeScriptResponse);
};
