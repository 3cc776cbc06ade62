import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workersWanted } from './prestart.js';

const dir = mkdtempSync(join(tmpdir(), 'fk-prestart-'));
writeFileSync(join(dir, 'big.ndjson'), '{"a":1}\n'.repeat(2000)); // 16 000 bytes
writeFileSync(join(dir, 'small.ndjson'), '{"a":1}\n');
const env = { FIELDKIT_PARALLEL_MIN_BYTES: '10000' };

describe('workersWanted', () => {
  it('wants jobs - 1 workers for infer with a file of at least the threshold', () => {
    expect(workersWanted(['infer', '--jobs', '3', 'big.ndjson'], env, dir)).toBe(2);
    expect(workersWanted(['infer', '-j', '2', 'small.ndjson', 'big.ndjson'], env, dir)).toBe(1);
    expect(workersWanted(['infer', '--jobs=4', '--hint', '/a=enum', '-o', 'out.json', 'big.ndjson'], env, dir)).toBe(3);
    expect(workersWanted(['infer', 'big.ndjson'], env, dir)).toBe(availableParallelism() - 1);
  });

  it('wants none when infer will read on one thread or the command line is not a valid infer', () => {
    expect(workersWanted(['infer', '--jobs', '1', 'big.ndjson'], env, dir)).toBe(0);
    expect(workersWanted(['infer', '--jobs', '2', 'small.ndjson'], env, dir)).toBe(0);
    expect(workersWanted(['infer', '--jobs', '2', 'big.ndjson'], { FIELDKIT_PARALLEL_MIN_BYTES: '20000' }, dir)).toBe(0);
    expect(workersWanted(['infer', '--jobs', '2', '--each', 'big.ndjson'], env, dir)).toBe(0);
    expect(workersWanted(['infer', '--jobs', '2', '--format', 'json', 'big.ndjson'], env, dir)).toBe(0);
    expect(workersWanted(['infer', '--jobs', '2', '-'], env, dir)).toBe(0);
    expect(workersWanted(['infer', '--jobs', '2', 'missing.ndjson'], env, dir)).toBe(0);
    expect(workersWanted(['infer', '--jobs', '2', dir], env, dir)).toBe(0); // a folder
    expect(workersWanted(['infer', '--jobs', '0', 'big.ndjson'], env, dir)).toBe(0); // usage error
    expect(workersWanted(['infer', '--help', 'big.ndjson'], env, dir)).toBe(0);
    expect(workersWanted(['merge', '--jobs', '2', 'big.ndjson'], env, dir)).toBe(0);
    expect(workersWanted([], env, dir)).toBe(0);
  });
});
