import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LATE_LEAN_V8_FLAGS, LEAN_V8_FLAGS, applyLateLeanFlags, applyLeanFlags, reapplyLeanFlags, wantsLeanFlags } from './lean.js';

describe('lean V8 flags', () => {
  const argv = ['/usr/bin/node', '/x/bin.js', 'infer', 'big.ndjson', '--jobs', '2'];

  it('are wanted by infer only, and not with FIELDKIT_LEAN=0', () => {
    expect(wantsLeanFlags(argv, {})).toBe(true);
    expect(wantsLeanFlags(argv, { FIELDKIT_LEAN: '0' })).toBe(false);
    expect(wantsLeanFlags(['/usr/bin/node', '/x/bin.js', 'capture'], {})).toBe(false);
    expect(wantsLeanFlags(['/usr/bin/node', '/x/bin.js'], {})).toBe(false);
  });

  it('set nothing, early or late, until applyLeanFlags armed them; then the late ones exactly once', () => {
    // not armed: this module was loaded fresh for this file (vitest isolates test files)
    expect(reapplyLeanFlags()).toEqual([]);
    expect(applyLateLeanFlags()).toEqual([]);
    const set: string[] = [];
    expect(applyLeanFlags(['/usr/bin/node', '/x/bin.js', 'merge'], {}, (f) => set.push(f))).toEqual([]);
    expect(applyLeanFlags(argv, { FIELDKIT_LEAN: '0' }, (f) => set.push(f))).toEqual([]);
    expect(set).toEqual([]);
    expect(applyLateLeanFlags()).toEqual([]);

    expect(applyLeanFlags(argv, {}, (f) => set.push(f))).toEqual(LEAN_V8_FLAGS);
    expect(set).toEqual([...LEAN_V8_FLAGS]);
    expect(reapplyLeanFlags()).toEqual(LEAN_V8_FLAGS);
    expect(set).toEqual([...LEAN_V8_FLAGS, ...LEAN_V8_FLAGS]);
    expect(applyLateLeanFlags()).toEqual(LATE_LEAN_V8_FLAGS);
    expect(applyLateLeanFlags()).toEqual([]);
    expect(set).toEqual([...LEAN_V8_FLAGS, ...LEAN_V8_FLAGS, ...LATE_LEAN_V8_FLAGS]);
  });

  it('are flags this node accepts', () => {
    // node refuses an unknown flag on its command line (setFlagsFromString would just ignore it)
    for (const f of [...LEAN_V8_FLAGS, ...LATE_LEAN_V8_FLAGS]) {
      expect(execFileSync(process.execPath, [f, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' })).toBe('ok');
    }
  });
});
