/**
 * One way for every root test to check data against a schema: ajv with formats on, as
 * `createValidator` will (Ajv2020 or Ajv for draft-07, ajv-formats in full mode, fieldkit's
 * CUSTOM_FORMATS). Kept independent of `@fieldkit/core/validate` so the fixture tests judge the
 * inferrer with a validator nobody in this repo wrote.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { CUSTOM_FORMATS, type JSONSchemaObject } from '@fieldkit/core';

type AjvLike = Ajv2020 | Ajv;
// ajv-formats is CommonJS; under NodeNext its default import is the module object or the function.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: AjvLike, opts?: { mode: 'full' | 'fast' }) => AjvLike;

function configure(ajv: AjvLike): AjvLike {
  addFormats(ajv, { mode: 'full' });
  for (const [name, def] of Object.entries(CUSTOM_FORMATS)) {
    if (def.type === 'string') ajv.addFormat(name, { type: 'string', validate: (v: string) => def.validate(v) });
    else ajv.addFormat(name, { type: 'number', validate: (v: number) => def.validate(v) });
  }
  // fieldkit's own annotations must not make ajv's strict mode throw.
  ajv.addKeyword('x-fieldkit-discriminator');
  ajv.addKeyword('x-fieldkit-stats');
  return ajv;
}

// ownProperties: without it ajv reads inherited members, so `{}` fails an optional `constructor`
// property (`{}.constructor` is Object) — createValidator sets it too.
const OPTIONS = { allErrors: true, strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true, ownProperties: true } as const;
const ajv2020 = configure(new Ajv2020(OPTIONS));
const ajv07 = configure(new Ajv(OPTIONS));

/** A validation outcome with ajv's errors made readable for test messages. */
export interface Check {
  valid: boolean;
  errors: string[];
}

/** Compile once per schema (cached by object identity) and return a checker. Throws on a schema ajv rejects: that is a bug worth a loud test failure. */
const cache = new WeakMap<object, (data: unknown) => Check>();
export function compile(schema: JSONSchemaObject): (data: unknown) => Check {
  const hit = cache.get(schema);
  if (hit) return hit;
  const ajv = typeof schema.$schema === 'string' && schema.$schema.includes('draft-07') ? ajv07 : ajv2020;
  const validate = ajv.compile(schema);
  const check = (data: unknown): Check => {
    const valid = validate(data) as boolean;
    return { valid, errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`) };
  };
  cache.set(schema, check);
  return check;
}

/** Validate each sample; return readable failures (`sample 3: /dataFields/createdAt must match format …`). */
export function failingSamples(schema: JSONSchemaObject, samples: readonly unknown[]): string[] {
  const check = compile(schema);
  const out: string[] = [];
  samples.forEach((s, i) => {
    const r = check(s);
    if (!r.valid) out.push(`sample ${i + 1}: ${r.errors.slice(0, 5).join('; ')}`);
  });
  return out;
}
