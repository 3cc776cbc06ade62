import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { inferSchema, type InferOptions, type JSONSchemaObject } from '@fieldkit/core';
import { toTypeScript } from '@fieldkit/core/typescript';
import { createValidator } from '@fieldkit/core/validate';

// Real webhook payloads (test/fixtures): the types generated from the inferred schema, and from
// each hand-reviewed expected schema, must compile, and every sample must type-check against the
// inferred types and validate against the inferred schema.
const FIXTURES = resolve(import.meta.dirname, '../../../../test/fixtures');
const SAMPLES_PER_FIXTURE = 2;

function load(name: string): { samples: unknown[]; options: InferOptions; expected?: JSONSchemaObject } {
  const dir = join(FIXTURES, name);
  const samples = existsSync(join(dir, 'samples.ndjson'))
    ? readFileSync(join(dir, 'samples.ndjson'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as unknown)
    : readdirSync(join(dir, 'samples'))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => JSON.parse(readFileSync(join(dir, 'samples', f), 'utf8')) as unknown);
  const opt = join(dir, 'options.json');
  const exp = join(dir, 'expected.schema.json');
  return {
    samples,
    options: existsSync(opt) ? (JSON.parse(readFileSync(opt, 'utf8')) as InferOptions) : {},
    expected: existsSync(exp) ? (JSON.parse(readFileSync(exp, 'utf8')) as JSONSchemaObject) : undefined,
  };
}

function typeCheck(files: Record<string, string>): string[] {
  const host0 = ts.createCompilerHost({});
  const host: ts.CompilerHost = {
    ...host0,
    fileExists: (f) => f in files || host0.fileExists(f),
    readFile: (f) => files[f] ?? host0.readFile(f),
    getSourceFile: (f, lang) => (f in files ? ts.createSourceFile(f, files[f]!, lang) : host0.getSourceFile(f, lang)),
    writeFile: () => undefined,
  };
  const program = ts.createProgram(Object.keys(files), { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [] }, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('fixtures: inferred schema → TypeScript and validation', () => {
  const names = existsSync(FIXTURES) ? readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];

  it('finds the fixtures', () => {
    expect(names.length).toBeGreaterThan(5);
  });

  it('every sample validates, type-checks, and every expected schema converts', async () => {
    const files: Record<string, string> = {};
    const problems: string[] = [];
    for (const [k, name] of names.entries()) {
      const f = load(name);
      const schema = inferSchema(f.samples, f.options);
      const v = createValidator(schema);
      if (!v.ok) problems.push(`${name}: inferred schema does not compile: ${v.issues[0]?.message}`);
      else for (const [i, s] of f.samples.entries()) for (const x of v.value(s).issues) problems.push(`${name} sample ${i + 1}: ${x.message}`);
      const types = await toTypeScript(schema, { name: 'Payload' });
      if (!types.ok) {
        problems.push(`${name}: ${types.issues[0]?.message}`);
        continue;
      }
      files[`/f${k}.ts`] = types.value;
      files[`/u${k}.ts`] =
        `import type { Payload } from './f${k}';\n` +
        f.samples
          .slice(0, SAMPLES_PER_FIXTURE)
          .map((s, i) => `export const s${i}: Payload = ${JSON.stringify(s)};`)
          .join('\n') +
        '\n';
      if (f.expected) {
        const e = await toTypeScript(f.expected, { name: 'Expected' });
        if (!e.ok) problems.push(`${name}: expected schema: ${e.issues[0]?.message}`);
        else files[`/e${k}.ts`] = e.value;
      }
    }
    expect(problems).toEqual([]);
    expect(typeCheck(files)).toEqual([]);
  });
});
