import { describe, expect, it } from 'vitest';
import { UsageError } from './args.js';
import { EXIT_USAGE } from './exit-codes.js';
import { fakeIO } from './fake-io.test-util.js';
import { usageFailure } from './usage.js';

describe('usageFailure', () => {
  it('prints a UsageError as "fieldkit <command>: <message>" and gives exit 2', () => {
    const f = fakeIO();
    expect(usageFailure(f.io, 'merge', new UsageError('unknown option "--x" (see --help)'))).toBe(EXIT_USAGE);
    expect(f.stderr()).toBe('fieldkit merge: unknown option "--x" (see --help)\n');
    expect(f.stdout()).toBe('');
  });

  it('rethrows anything else unchanged and prints nothing', () => {
    const f = fakeIO();
    const bug = new TypeError('boom');
    expect(() => usageFailure(f.io, 'types', bug)).toThrow(bug);
    expect(f.stderr()).toBe('');
  });
});
