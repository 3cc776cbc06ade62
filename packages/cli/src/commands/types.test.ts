import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { fakeIO, type FakeIOOptions } from '../io/fake-io.test-util.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const CORE = join(ROOT, 'packages/core');

/** Bare module names reachable through `require("…")` from the given CommonJS files. */
function bareRequires(entries: string[]): Set<string> {
  const bare = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/require\("([^"]+)"\)/g)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec);
        visit(base.endsWith('.js') ? base : base + '.js');
      } else bare.add(spec);
    }
  };
  entries.forEach(visit);
  return bare;
}

// Regression guard for the browser: the app bundles @fieldkit/core/typescript, and
// json-schema-to-typescript's main entry pulls in fs, prettier and $RefParser (its issues #292,
// #189). toTypeScript imports only the modules below; if an upgrade makes one of them reach the
// entry (generator.js does: require("./index")), this fails before the app breaks.
describe('@fieldkit/core/typescript stays browser-safe', () => {
  it('the json-schema-to-typescript modules it imports reach no fs, prettier or ref-parser', () => {
    const source = readdirSync(join(CORE, 'src/typescript'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(CORE, 'src/typescript', f), 'utf8'))
      .join('\n');
    const deep = [...source.matchAll(/^import (?!type)[^;]*from '(json-schema-to-typescript[^']*)'/gm)].map((m) => m[1]!);
    expect(deep.sort()).toEqual([
      'json-schema-to-typescript/dist/src/linker.js',
      'json-schema-to-typescript/dist/src/normalizer.js',
      'json-schema-to-typescript/dist/src/parser.js',
      'json-schema-to-typescript/dist/src/utils.js',
      'json-schema-to-typescript/dist/src/validator.js',
    ]);
    const req = createRequire(join(CORE, 'package.json'));
    const bare = bareRequires(deep.map((d) => req.resolve(d)));
    // path and util are required but only called on code paths toTypeScript never takes.
    expect([...bare].sort()).toEqual(['js-yaml', 'lodash', 'path', 'util']);
  });

  it('core validate/ and typescript/ import nothing from node:', () => {
    for (const sub of ['validate', 'typescript']) {
      for (const f of readdirSync(join(CORE, 'src', sub)).filter((x) => x.endsWith('.ts') && !x.endsWith('.test.ts'))) {
        expect(readFileSync(join(CORE, 'src', sub, f), 'utf8')).not.toMatch(/from 'node:|require\(/);
      }
    }
  });
});

describe('regressions (qa reports)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fk-types-'));
  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return name;
  };
  const cli = async (argv: string[], opts: FakeIOOptions = {}) => {
    const f = fakeIO({ cwd: dir, ...opts });
    const code = await main(argv, f.io);
    return { code, stdout: f.stdout(), stderr: f.stderr() };
  };

  it('an error about a schema from stdin is prefixed "stdin:"', async () => {
    // Bug: `echo '[1,2]' | fieldkit types` printed "error: the schema must be …" with no source, unlike file errors.
    const r = await cli(['types'], { stdin: '[1,2]' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^stdin: error: the schema must be a JSON object or a boolean, got array/);
  });

  it('a payload given as the schema exits 2 instead of printing an empty interface', async () => {
    // Bug: `fieldkit types emailOpen.json` printed `export interface Root {[k: string]: unknown}` with exit 0.
    const f = write('event.json', JSON.stringify({ email: 'a@b.co', eventName: 'emailOpen' }));
    const r = await cli(['types', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^event\.json: error: this looks like a payload, not a JSON Schema/);
  });

  it('a bad type name exits 2 with a did-you-mean instead of printing an empty interface', async () => {
    // Bug: `{"type":"objekt"}` printed `Root {[k: string]: unknown}` with exit 0.
    const f = write('objekt.json', '{"type":"objekt"}');
    const r = await cli(['types', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('objekt.json: error: "objekt" is not a JSON type (string, number, integer, boolean, object, array, null); did you mean "object"? at $.type\n');
  });

  it('a schema nested 2,500 levels deep exits 2 with a located depth error, not "Maximum call stack size exceeded"', async () => {
    // Bug: `fieldkit types deep.json` printed "Maximum call stack size exceeded" with no location.
    let s = '{"type":"string"}';
    for (let i = 0; i < 2500; i++) s = `{"type":"array","items":${s}}`;
    const r = await cli(['types', write('deep.json', s)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^deep\.json: error: the schema (is nested|nests subschemas) deeper than \d+ levels/);
    expect(r.stderr).not.toContain('call stack');
  });
});
