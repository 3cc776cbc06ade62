import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

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
