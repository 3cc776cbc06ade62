/**
 * Loads test/fixtures/<provider>.<event>/: README.md (why the fixture exists), samples/*.json
 * or samples.ndjson, options.json (InferOptions), expected.schema.json (the hand-reviewed spec),
 * known-issues.json (where the inferrer is known to differ from that spec, until it is fixed).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InferOptions, JSONSchemaObject } from '@fieldkit/core';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export interface Fixture {
  name: string;
  dir: string;
  why: string;
  samples: unknown[];
  /** The samples as NDJSON text, one compact value per line (for the text path). */
  ndjson: string;
  options: InferOptions;
  expectedPath: string;
  expected: JSONSchemaObject | undefined;
  /** Schema pointers where the inferrer is known to differ from the expected schema (known-issues.json `differs`). */
  knownIssues: string[] | undefined;
}

function parseNdjson(text: string, file: string): unknown[] {
  return text
    .split('\n')
    .map((l, i) => [l, i] as const)
    .filter(([l]) => l.trim() !== '')
    .map(([l, i]) => {
      try {
        return JSON.parse(l) as unknown;
      } catch (e) {
        throw new Error(`${file}:${i + 1}: ${(e as Error).message}`);
      }
    });
}

/** Read one fixture folder. Throws with the file name when a file is not valid JSON. */
export function loadFixture(name: string): Fixture {
  const dir = join(FIXTURES_DIR, name);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const json = (f: string): unknown => {
    try {
      return JSON.parse(read(f));
    } catch (e) {
      throw new Error(`${name}/${f}: ${(e as Error).message}`);
    }
  };
  let samples: unknown[];
  if (existsSync(join(dir, 'samples.ndjson'))) samples = parseNdjson(read('samples.ndjson'), `${name}/samples.ndjson`);
  else
    samples = readdirSync(join(dir, 'samples'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => json(`samples/${f}`));
  const expectedPath = join(dir, 'expected.schema.json');
  return {
    name,
    dir,
    why: existsSync(join(dir, 'README.md')) ? read('README.md').trim() : '',
    samples,
    ndjson: samples.map((s) => JSON.stringify(s)).join('\n') + '\n',
    options: existsSync(join(dir, 'options.json')) ? (json('options.json') as InferOptions) : {},
    expectedPath,
    expected: existsSync(expectedPath) ? (json('expected.schema.json') as JSONSchemaObject) : undefined,
    knownIssues: existsSync(join(dir, 'known-issues.json')) ? (json('known-issues.json') as { differs: string[] }).differs : undefined,
  };
}

/** Every fixture folder, sorted by name. */
export function listFixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Write JSON the way expected files are stored: 2-space indent, trailing newline. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
