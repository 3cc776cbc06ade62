import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inferSchema } from '../infer/index.js';
import type { JSONSchemaObject } from '../types.js';
import { toTypeScript } from './index.js';

const S2020 = 'https://json-schema.org/draft/2020-12/schema';

const host0 = ts.createCompilerHost({});
const libCache = new Map<string, ts.SourceFile | undefined>();

/**
 * Type-check in-memory files with the real compiler (strict mode), returning one line per
 * diagnostic: `file:line: message`. Lib files come from disk and are parsed once.
 */
function typeCheck(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [] };
  const host: ts.CompilerHost = {
    ...host0,
    fileExists: (f) => f in files || host0.fileExists(f),
    readFile: (f) => files[f] ?? host0.readFile(f),
    getSourceFile: (f, lang) => {
      if (f in files) return ts.createSourceFile(f, files[f]!, lang);
      if (!libCache.has(f)) libCache.set(f, host0.getSourceFile(f, lang));
      return libCache.get(f);
    },
    writeFile: () => undefined,
  };
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, ' ');
  });
}

async function tsOf(schema: JSONSchemaObject | boolean, opts = {}): Promise<string> {
  const r = await toTypeScript(schema, opts);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

/** The generated types plus `const x: T = <value>` lines, type-checked together. */
function checkValues(types: string, values: Record<string, { type: string; value: string }>): string[] {
  const body = Object.entries(values)
    .map(([name, v]) => `export const ${name}: ${v.type} = ${v.value};`)
    .join('\n');
  return typeCheck({ '/types.ts': types, '/use.ts': `import type * as T from './types';\n${body.replace(/: ([A-Z]\w*) =/g, ': T.$1 =')}\n` });
}

const events: JSONSchemaObject = {
  $schema: S2020,
  'x-fieldkit-discriminator': 'eventName',
  oneOf: [{ $ref: '#/$defs/EmailSend' }, { $ref: '#/$defs/EmailOpen' }],
  $defs: {
    EmailSend: {
      title: 'emailSend',
      type: 'object',
      properties: {
        eventName: { const: 'emailSend' },
        email: { type: 'string', format: 'email', title: 'Email', description: 'Who got it', 'x-fieldkit-stats': { seen: 2, total: 2 }, examples: ['a@b.co'] },
        campaignId: { type: 'integer' },
        nickname: { type: ['string', 'null'] },
        tags: { type: 'array', items: { type: 'string' } },
        dataFields: { type: 'object', properties: { plan: { enum: ['free', 'pro'] } } },
      },
      required: ['eventName', 'email', 'campaignId', 'nickname'],
    },
    EmailOpen: {
      title: 'emailOpen',
      type: 'object',
      properties: { eventName: { const: 'emailOpen' }, userAgent: { type: 'string' } },
      required: ['eventName'],
    },
  },
};

describe('toTypeScript: discriminated event schemas', () => {
  it('one interface per event type, the root is their union, and the output compiles', async () => {
    const out = await tsOf(events);
    expect(out.startsWith('export type Root = EmailSend | EmailOpen;\n')).toBe(true);
    expect(out).toContain('export interface EmailSend {\n  eventName: "emailSend";\n');
    expect(out).toContain('export interface EmailOpen {\n  eventName: "emailOpen";\n  userAgent?: string;\n}');
    expect(typeCheck({ '/types.ts': out })).toEqual([]);
  });

  it('a sample payload type-checks against the root union; a wrong one does not', async () => {
    const out = await tsOf(events);
    const diags = checkValues(out, {
      good: { type: 'Root', value: '{ eventName: "emailSend", email: "a@b.co", campaignId: 1, nickname: null, tags: ["x"], dataFields: { plan: "pro" } }' },
      open: { type: 'Root', value: '{ eventName: "emailOpen" }' },
      badPlan: { type: 'Root', value: '{ eventName: "emailSend", email: "a@b.co", campaignId: 1, nickname: "n", dataFields: { plan: "gold" } }' },
      missing: { type: 'EmailSend', value: '{ eventName: "emailSend", email: "a@b.co", nickname: null }' },
    });
    expect(diags.length).toBe(2);
    expect(diags[0]).toMatch(/^\/use.ts:4: Type '"gold"' is not assignable to type '"free" \| "pro"/);
    expect(diags[1]).toMatch(/^\/use.ts:5: Property 'campaignId' is missing/);
  });

  it('JSDoc from title and description, @format from format; data keywords are ignored', async () => {
    const out = await tsOf(events);
    expect(out).toContain('  /**\n   * Email\n   *\n   * Who got it\n   * @format email\n   */\n  email: string;\n');
    expect(out).toContain('/** emailSend */\nexport interface EmailSend {');
    expect(out).not.toContain('seen');
    expect(await tsOf(events, { comments: false })).not.toContain('/**');
    expect(await tsOf({ type: 'array', items: { type: 'string' }, minItems: 1, deprecated: true }, { comments: false })).toBe('export type Root = [string, ...string[]];\n');
  });

  it('optional (?) and nullable (| null) stay apart', async () => {
    const out = await tsOf(events);
    expect(out).toContain('  nickname: string | null;\n');
    expect(out).toContain('  tags?: string[];\n');
    const diags = checkValues(out, {
      undef: { type: 'EmailSend', value: '{ eventName: "emailSend", email: "e", campaignId: 1, nickname: undefined }' },
      absent: { type: 'EmailSend', value: '{ eventName: "emailSend", email: "e", campaignId: 1 }' },
    });
    expect(diags.length).toBe(2);
  });

  it('draft-07 definitions work the same', async () => {
    const d7 = JSON.parse(JSON.stringify(events).replace(/\$defs/g, 'definitions')) as JSONSchemaObject;
    d7.$schema = 'http://json-schema.org/draft-07/schema#';
    expect(await tsOf(d7)).toBe(await tsOf(events));
  });
});

describe('toTypeScript: objects, maps and keys', () => {
  it('no index signature unless the schema allows extra keys explicitly; maps become index signatures', async () => {
    const s: JSONSchemaObject = {
      type: 'object',
      properties: {
        closed: { type: 'object', properties: { a: { type: 'string' } } },
        open: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true },
        map: { type: 'object', additionalProperties: { type: 'number' } },
        anyObject: { type: 'object' },
      },
    };
    const out = await tsOf(s, { name: 'Payload' });
    expect(out).toBe(
      [
        'export interface Payload {',
        '  closed?: {',
        '    a?: string;',
        '  };',
        '  open?: {',
        '    a?: string;',
        '    [k: string]: unknown;',
        '  };',
        '  map?: {',
        '    [k: string]: number;',
        '  };',
        '  anyObject?: {',
        '    [k: string]: unknown;',
        '  };',
        '}',
        '',
      ].join('\n'),
    );
    const diags = checkValues(out, {
      extra: { type: 'Payload', value: '{ closed: { a: "x", b: 1 } }' },
      mapOk: { type: 'Payload', value: '{ map: { x: 1, y: 2 }, open: { z: true } }' },
    });
    expect(diags.length).toBe(1);
    expect(diags[0]).toMatch(/Object literal may only specify known properties, and 'b' does not exist/);
  });

  it('additionalProperties option: true gives absent-additionalProperties objects an index signature', async () => {
    const out = await tsOf({ type: 'object', properties: { a: { type: 'string' } } }, { additionalProperties: true });
    expect(out).toContain('  [k: string]: unknown;\n');
  });

  it('an index signature next to typed properties is widened so it compiles (TS2411)', async () => {
    const s: JSONSchemaObject = { type: 'object', properties: { n: { type: 'number' } }, required: ['n'], additionalProperties: { type: 'string' } };
    const out = await tsOf(s);
    expect(out).toContain('  [k: string]: string | number;\n');
    expect(typeCheck({ '/types.ts': out })).toEqual([]);
  });

  it('keys that are not identifiers are quoted; __proto__ and HTML keys come out as safe quoted keys', async () => {
    const s = JSON.parse(
      '{"type":"object","properties":{"__proto__":{"type":"string"},"first name":{"type":"string"},"<script>alert(1)</script>":{"type":"number"},"a\\"b":{"type":"null"},"constructor":{"type":"boolean"},"1x":{"type":"string"}},"required":["__proto__"]}',
    ) as JSONSchemaObject;
    const out = await tsOf(s);
    expect(out).toBe(
      [
        'export interface Root {',
        '  "__proto__": string;',
        '  "first name"?: string;',
        '  "<script>alert(1)</script>"?: number;',
        '  "a\\"b"?: null;',
        '  constructor?: boolean;',
        '  "1x"?: string;',
        '}',
        '',
      ].join('\n'),
    );
    expect(typeCheck({ '/types.ts': out })).toEqual([]);
  });

  it('a description cannot close the JSDoc comment early', async () => {
    const out = await tsOf({ type: 'object', properties: { a: { type: 'string', description: 'x */ export const pwned = 1; /*' } } });
    expect(out).not.toMatch(/\*\/ export const pwned/);
    expect(typeCheck({ '/types.ts': out })).toEqual([]);
    expect(out).not.toContain('pwned = 1;\n');
  });

  it('never mutates the caller\'s schema', async () => {
    const s: JSONSchemaObject = {
      type: 'object',
      properties: { a: { const: { inner: { type: 'object' } } }, b: { enum: [{ inner: { type: 'object' } }] }, c: { type: 'array', items: { type: 'string' }, minItems: 2 } },
      $defs: { D: { type: 'object' } },
    };
    const before = JSON.stringify(s);
    const out = await tsOf(s);
    expect(out).toContain('  a?: {"inner":{"type":"object"}};\n');
    expect(out).toContain('  b?: {"inner":{"type":"object"}};\n');
    expect(typeCheck({ '/types.ts': out })).toEqual([]);
    await tsOf(events);
    expect(JSON.stringify(s)).toBe(before);
  });

  it('tsType in a schema cannot inject code', async () => {
    const out = await tsOf({ type: 'object', properties: { a: { tsType: 'string; export const pwned: number' } } } as JSONSchemaObject);
    expect(out).not.toContain('pwned');
  });

  it('tuples from prefixItems, recursive definitions by name, external $refs as unknown with a warning', async () => {
    const tuple = await tsOf({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false, minItems: 2 });
    expect(tuple).toBe('/** @minItems 2 */\nexport type Root = [string, number];\n');
    const rec = await toTypeScript({
      $ref: '#/$defs/Node',
      $defs: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } }, ext: { $ref: 'other.json#/x' } } } },
    });
    expect(rec.ok && rec.value).toBe('export type Root = Node;\n\nexport interface Node {\n  children?: Node[];\n  ext?: unknown;\n}\n');
    expect(rec.issues.map((i) => [i.severity, i.message])).toEqual([
      ['warning', '$ref "other.json#/x" points outside this schema; typed as unknown (inline it to get a type)'],
    ]);
  });

  it('root name: option, then title, then Root; bad names are issues', async () => {
    expect(await tsOf({ type: 'string' }, { name: 'Thing' })).toBe('export type Thing = string;\n');
    expect(await tsOf({ type: 'string', title: 'user id' })).toBe('/** user id */\nexport type UserId = string;\n');
    expect(await tsOf(true)).toBe('export type Root = unknown;\n');
    const bad = await toTypeScript({ type: 'string' }, { name: 'not a name' });
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]!.message).toBe('"not a name" is not a valid type name; try "NotAName"');
  });
});

describe('toTypeScript: bad schemas are issues, never rejections', () => {
  it('unresolvable local $ref', async () => {
    const r = await toTypeScript({ type: 'object', properties: { a: { $ref: '#/$defs/Nope' } } });
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'validate/typescript-ref', path: ['properties', 'a'], message: '$ref "#/$defs/Nope" points to nothing in this schema' }] });
  });

  it('not a schema at all', async () => {
    const r = await toTypeScript(42 as unknown as JSONSchemaObject);
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'validate/typescript', message: 'the schema must be a JSON object or a boolean, got number' }] });
  });

  it('invalid keyword values are dropped rather than fatal', async () => {
    const r = await toTypeScript({ type: 'array', items: { type: 'string' }, minItems: 3, maxItems: 1, deprecated: 'yes' } as unknown as JSONSchemaObject);
    expect(r).toMatchObject({ ok: true, value: '/** @minItems 3 */\nexport type Root = [string, string, string, ...string[]];\n' });
  });

  it('arbitrary JSON as a schema never rejects, and every ok result compiles', async () => {
    const files: Record<string, string> = {};
    // A fixed seed: how many random values happen to be usable schemas must not decide the outcome.
    const values = fc.sample(fc.jsonValue({ maxDepth: 4 }), { numRuns: 150, seed: 20261123 });
    for (const [i, v] of values.entries()) {
      const r = await toTypeScript(v as JSONSchemaObject);
      expect(typeof r.ok).toBe('boolean');
      if (r.ok) files[`/a${i}.ts`] = r.value;
    }
    expect(Object.keys(files).length).toBeGreaterThan(10);
    expect(typeCheck(files)).toEqual([]);
  });
});

describe('toTypeScript ∘ inferSchema: samples type-check against the types inferred from them', () => {
  const sample = fc.dictionary(
    fc.constantFrom('id', 'email', 'n', 'tags', 'meta', 'first name', 'at'),
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 3 })),
    { maxKeys: 5 },
  );
  it('holds for random payload batches (one compiler run for all of them)', async () => {
    const batches = fc.sample(fc.array(sample, { minLength: 1, maxLength: 4 }), 25);
    const files: Record<string, string> = {};
    for (const [i, batch] of batches.entries()) {
      const types = await tsOf(inferSchema(batch), { name: 'Payload' });
      files[`/t${i}.ts`] = types;
      files[`/u${i}.ts`] = `import type { Payload } from './t${i}';\n` + batch.map((s, j) => `export const s${j}: Payload = ${JSON.stringify(s)};`).join('\n') + '\n';
    }
    expect(typeCheck(files)).toEqual([]);
  });

  it('holds for arbitrary JSON batches (odd keys, mixed kinds, nesting)', async () => {
    // TypeScript checks an optional property named like an Object.prototype member (toString,
    // valueOf…) against the literal's inherited method, so `{}` fails `{ toString?: X[] }`: a
    // TypeScript quirk, not a wrong type. Such keys get a prefix here.
    const rename = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(rename) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k in Object.prototype ? `_${k}` : k, rename(x)])) : v;
    const batches = fc.sample(fc.array(fc.jsonValue({ maxDepth: 3 }).map(rename), { minLength: 1, maxLength: 4 }), 40);
    const files: Record<string, string> = {};
    for (const [i, batch] of batches.entries()) {
      files[`/t${i}.ts`] = await tsOf(inferSchema(batch), { name: 'Payload' });
      // JSON.stringify(-0) is "0" and keys may be "__proto__": print keys quoted via a computed name.
      const literal = (v: unknown): string =>
        Array.isArray(v)
          ? `[${v.map(literal).join(', ')}]`
          : v !== null && typeof v === 'object'
            ? `{ ${Object.entries(v).map(([k, x]) => `[${JSON.stringify(k)}]: ${literal(x)}`).join(', ')} }`
            : JSON.stringify(v);
      files[`/u${i}.ts`] = `import type { Payload } from './t${i}';\n` + batch.map((s, j) => `export const s${j}: Payload = ${literal(s)};`).join('\n') + '\n';
    }
    // On failure, show the batch and its types (the batches are random).
    const diags = typeCheck(files).map((d) => {
      const n = /\/[tu](\d+)\.ts/.exec(d)?.[1];
      return n === undefined ? d : `${d}\n--- samples: ${JSON.stringify(batches[Number(n)])}\n--- types:\n${files[`/t${n}.ts`]}`;
    });
    expect(diags).toEqual([]);
  });
});

describe('regressions (qa reports)', () => {
  const nested = (levels: number, kind: 'properties' | 'items'): JSONSchemaObject => {
    let s: JSONSchemaObject = { type: 'string' };
    for (let i = 0; i < levels; i++) s = kind === 'properties' ? { type: 'object', properties: { a: s } } : { type: 'array', items: s };
    return s;
  };

  it('a schema nested thousands of levels deep gives a located depth issue instead of "Maximum call stack size exceeded"', async () => {
    // Bug: toTypeScript caught the RangeError but reported only "Maximum call stack size exceeded", with no place.
    for (const kind of ['properties', 'items'] as const) {
      const r = await toTypeScript(nested(2500, kind));
      expect(r.ok).toBe(false);
      expect(r.issues[0]!.message).toMatch(/deeper than \d+ levels/);
      expect(r.issues[0]!.message).not.toContain('call stack');
      expect(r.issues[0]!.path.length).toBeGreaterThan(0);
    }
    expect((await toTypeScript(nested(200, 'properties'))).ok).toBe(true);
  });

  it('a payload given as the schema fails instead of printing an empty interface', async () => {
    // Bug: an Iterable event JSON gave `export interface Root {[k: string]: unknown}` with no warning.
    const r = await toTypeScript({ email: 'a@b.co', eventName: 'emailOpen', dataFields: {} } as unknown as JSONSchemaObject);
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.message).toContain('looks like a payload, not a JSON Schema');
  });

  it('a bad type name fails with a did-you-mean instead of printing an empty interface', async () => {
    // Bug: `{"type": "objekt"}` printed `Root {[k: string]: unknown}` with success.
    const r = await toTypeScript({ type: 'object', properties: { n: { type: 'strin' as 'string' } } });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.path, i.message])).toEqual([
      [['properties', 'n', 'type'], '"strin" is not a JSON type (string, number, integer, boolean, object, array, null); did you mean "string"?'],
    ]);
    // A property NAMED type, and type names inside enum values, are not type keywords.
    const fine = await toTypeScript({ type: 'object', properties: { type: { enum: ['strin'] } } });
    expect(fine.ok).toBe(true);
  });

  it('a huge minItems prints T[] with a @minItems note instead of a 100,000-member tuple', async () => {
    // Bug: json-schema-to-typescript expands minItems into a tuple whatever its maxItems option says.
    const r = await toTypeScript({ type: 'object', properties: { tags: { type: 'array', minItems: 100000, items: { type: 'string' } } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.length).toBeLessThan(500);
    expect(r.value).toContain('tags?: string[];');
    expect(r.value).toContain('@minItems 100000');
    const big = await toTypeScript({ type: 'array', minItems: 99990, maxItems: 100000, items: { type: 'number' } });
    expect(big.ok && big.value.length).toBeLessThan(500);
    // Small bounds still become tuples.
    const small = await toTypeScript({ type: 'object', properties: { pair: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number' } } } });
    expect(small.ok && small.value).toContain('[number, number]');
  });
});

describe('regressions (qa reports), continued', () => {
  it('a schema with no type keyword prints unknown instead of an index-signature interface that rejects null', async () => {
    // Bug: `{}` / `{ $schema }` (inferred from `[null]` samples) printed `interface Payload { [k: string]: unknown }`, and `x: {}` inside objects too.
    for (const s of [{}, { $schema: S2020 }, { description: 'anything' }]) {
      const r = await toTypeScript(s, { name: 'Payload' });
      expect(r.ok && r.value.trim().split('\n').pop()).toBe('export type Payload = unknown;');
    }
    const inner = await toTypeScript({ type: 'object', properties: { experimentId: {}, note: { description: 'free' } } }, { name: 'P' });
    expect(inner.ok && inner.value).toContain('experimentId?: unknown;');
    expect(inner.ok && inner.value).toContain('note?: unknown;');
    expect(typeCheck({ '/a.ts': `${inner.ok ? inner.value : ''}\nconst x: P = { experimentId: null, note: 3 };\nexport { x };\n` })).toEqual([]);
  });
});

describe('regressions (qa reports), $ref chains', () => {
  it('a $ref chain through 5,000 definitions is a worded issue, not a bare "Maximum call stack size exceeded"', async () => {
    // Bug: the structural depth check can't see a chain of shallow definitions; the RangeError text was the whole message.
    const defs: Record<string, JSONSchemaObject> = {};
    for (let i = 0; i < 5000; i++) defs[`d${i}`] = i < 4999 ? { type: 'object', properties: { a: { $ref: `#/$defs/d${i + 1}` } } } : { type: 'string' };
    const r = await toTypeScript({ $ref: '#/$defs/d0', $defs: defs });
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.message).toContain('nests too deep to compile');
    expect(r.issues[0]!.message).not.toContain('call stack');
  });
});
