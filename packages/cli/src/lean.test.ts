import { describe, expect, it } from 'vitest';
import { LEAN_FLAGS, leanRelaunchArgs } from './lean.js';

describe('leanRelaunchArgs', () => {
  const argv = ['/usr/bin/node', '/x/bin.js', 'infer', 'big.ndjson', '--jobs', '2'];
  it('re-runs infer once with the lean heap flags, keeping node options and arguments in order', () => {
    expect(leanRelaunchArgs(argv, ['--enable-source-maps'], {})).toEqual([...LEAN_FLAGS, '--enable-source-maps', '/x/bin.js', 'infer', 'big.ndjson', '--jobs', '2']);
  });
  it('does not re-run a process that already has the flags (no loop), other commands, or with FIELDKIT_LEAN=0', () => {
    expect(leanRelaunchArgs(argv, [...LEAN_FLAGS], {})).toBeUndefined();
    expect(leanRelaunchArgs(['/usr/bin/node', '/x/bin.js', 'capture'], [], {})).toBeUndefined();
    expect(leanRelaunchArgs(['/usr/bin/node', '/x/bin.js'], [], {})).toBeUndefined();
    expect(leanRelaunchArgs(argv, [], { FIELDKIT_LEAN: '0' })).toBeUndefined();
  });
});
