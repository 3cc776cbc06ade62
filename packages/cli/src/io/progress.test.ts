import { describe, expect, it } from 'vitest';
import { createProgress, ProgressBar } from './progress.js';
import { fakeIO } from './fake-io.test-util.js';

describe('progress bar', () => {
  it('is only created for a TTY stderr and not when disabled', () => {
    expect(createProgress(fakeIO({ stderrIsTTY: false }).io.stderr, 100, {})).toBeUndefined();
    expect(createProgress(fakeIO({ stderrIsTTY: true }).io.stderr, 100, {}, { enabled: false })).toBeUndefined();
    expect(createProgress(fakeIO({ stderrIsTTY: true }).io.stderr, 100, {})).toBeInstanceOf(ProgressBar);
  });

  it('waits for the delay, throttles redraws and clears its line', () => {
    const f = fakeIO({ stderrIsTTY: true });
    let t = 0;
    const bar = new ProgressBar(f.io.stderr, 10_000_000, { delayMs: 300, intervalMs: 100, now: () => t });
    bar.update(1_000_000, 10);
    expect(f.stderr()).toBe('');
    t = 500;
    bar.update(5_000_000, 50);
    expect(f.stderr()).toMatch(/\[#+\.+\]  50% 5\.0\/10\.0 MB  50 samples  10\.0 MB\/s/);
    const drawn = f.stderr();
    t = 550;
    bar.update(6_000_000, 60);
    expect(f.stderr()).toBe(drawn);
    t = 700;
    bar.update(7_000_000, 70);
    expect(f.stderr().length).toBeGreaterThan(drawn.length);
    bar.done();
    expect(f.stderr().endsWith('\r\x1b[K')).toBe(true);
  });

  it('shows bytes without a bar when the total is unknown', () => {
    const f = fakeIO({ stderrIsTTY: true });
    const bar = new ProgressBar(f.io.stderr, undefined, { delayMs: 0, now: () => 2000 });
    expect(bar.render(2000)).toMatch(/^0\.0 MB {2}0 samples/);
  });
});
