import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARALLEL_MIN_BYTES, lanesFor } from './flags.js';
import { workersWanted } from './prestart.js';

const dir = mkdtempSync(join(tmpdir(), 'fk-prestart-'));
writeFileSync(join(dir, 'big.ndjson'), '{"a":1}\n'.repeat(2000)); // 16 000 bytes
writeFileSync(join(dir, 'small.ndjson'), '{"a":1}\n');
// big.ndjson has room for four threads of 4 000 bytes each.
const env = { FIELDKIT_PARALLEL_MIN_BYTES: '4000' };

describe('workersWanted', () => {
  it('wants one worker less than the threads the largest file gets: --jobs at most, FIELDKIT_PARALLEL_MIN_BYTES each', () => {
    expect(workersWanted(['infer', '--jobs', '3', 'big.ndjson'], env, dir)).toBe(2);
    expect(workersWanted(['infer', '-j', '2', 'small.ndjson', 'big.ndjson'], env, dir)).toBe(1);
    expect(workersWanted(['infer', '--jobs=4', '--hint', '/a=enum', '-o', 'out.json', 'big.ndjson'], env, dir)).toBe(3);
    expect(workersWanted(['infer', '--jobs=8', 'big.ndjson'], env, dir)).toBe(3); // four threads' worth of file
    expect(workersWanted(['infer', '--jobs=8', 'big.ndjson'], { FIELDKIT_PARALLEL_MIN_BYTES: '6000' }, dir)).toBe(1);
    expect(workersWanted(['infer', 'big.ndjson'], env, dir)).toBe(Math.min(availableParallelism(), 4) - 1);
  });

  it('wants none when infer will read on one thread or the command line is not a valid infer', () => {
    expect(workersWanted(['infer', '--jobs', '1', 'big.ndjson'], env, dir)).toBe(0);
    expect(workersWanted(['infer', '--jobs', '2', 'small.ndjson'], env, dir)).toBe(0);
    expect(workersWanted(['infer', '--jobs', '2', 'big.ndjson'], { FIELDKIT_PARALLEL_MIN_BYTES: '8001' }, dir)).toBe(0); // not two threads' worth
    expect(workersWanted(['infer', '--jobs', '2', 'big.ndjson'], {}, dir)).toBe(0); // 16 kB: far below the 2 × 24 MB default
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

describe('lanesFor', () => {
  it('gives each thread at least minBytes of the file, --jobs at most, and never fewer than one', () => {
    expect(lanesFor(47_999_999, 2, DEFAULT_PARALLEL_MIN_BYTES)).toBe(1);
    expect(lanesFor(48_000_000, 2, DEFAULT_PARALLEL_MIN_BYTES)).toBe(2);
    expect(lanesFor(100_000_000, 8, DEFAULT_PARALLEL_MIN_BYTES)).toBe(4);
    expect(lanesFor(100_000_000, 3, DEFAULT_PARALLEL_MIN_BYTES)).toBe(3);
    expect(lanesFor(0, 4, DEFAULT_PARALLEL_MIN_BYTES)).toBe(1);
    expect(lanesFor(10, 4, 0)).toBe(4); // 0 behaves as 1 byte
  });
});
