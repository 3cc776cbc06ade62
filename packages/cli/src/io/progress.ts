/**
 * A one-line progress bar on stderr for long reads: bytes read / total, samples, MB/s.
 * Drawn only when stderr is a TTY (never into a pipe or a log file), only once the work has taken
 * longer than `delayMs` (short runs show nothing), and redrawn at most every `intervalMs`.
 */
import type { Writable } from 'node:stream';

/** Options of {@link ProgressBar}. */
export interface ProgressOptions {
  /** Draw nothing until this many ms have passed since the start. */
  delayMs?: number;
  /** Minimum ms between redraws. */
  intervalMs?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
  /** Label before the bar, e.g. the file name. */
  label?: string;
}

/** Defaults of {@link ProgressOptions}. */
export const DEFAULT_PROGRESS_OPTIONS: Required<Omit<ProgressOptions, 'label'>> = {
  delayMs: 300,
  intervalMs: 100,
  now: () => performance.now(),
};

const MB = 1_000_000;

/** Stateful progress line; call {@link ProgressBar.update} often, it decides when to draw. */
export class ProgressBar {
  private readonly opts: Required<Omit<ProgressOptions, 'label'>>;
  private readonly started: number;
  private lastDraw = -Infinity;
  private drawn = false;
  private bytes = 0;
  private samples = 0;

  constructor(
    private readonly stream: Writable & { columns?: number },
    /** Total bytes when known (files); undefined for stdin. */
    private readonly total: number | undefined,
    opts: ProgressOptions = {},
    private readonly label = opts.label ?? '',
  ) {
    this.opts = { ...DEFAULT_PROGRESS_OPTIONS, ...opts };
    this.started = this.opts.now();
  }

  /** Record progress (absolute counts); redraws when due. */
  update(bytes: number, samples: number): void {
    this.bytes = bytes;
    this.samples = samples;
    const t = this.opts.now();
    if (t - this.started < this.opts.delayMs || t - this.lastDraw < this.opts.intervalMs) return;
    this.lastDraw = t;
    this.drawn = true;
    this.stream.write('\r' + this.render(t) + '\x1b[K');
  }

  /** Remove the line (if one was drawn) so later output starts clean. */
  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  /** The text of the line at time `t` (exported for tests through the class). */
  render(t = this.opts.now()): string {
    const secs = Math.max((t - this.started) / 1000, 1e-3);
    const rate = `${(this.bytes / MB / secs).toFixed(1)} MB/s`;
    const samples = `${this.samples.toLocaleString('en-US')} samples`;
    const label = this.label ? `${this.label} ` : '';
    if (this.total === undefined || this.total <= 0) return `${label}${(this.bytes / MB).toFixed(1)} MB  ${samples}  ${rate}`;
    const frac = Math.min(1, this.bytes / this.total);
    const numbers = `${String(Math.floor(frac * 100)).padStart(3)}% ${(this.bytes / MB).toFixed(1)}/${(this.total / MB).toFixed(1)} MB  ${samples}  ${rate}`;
    const cols = this.stream.columns !== undefined && this.stream.columns > 0 ? this.stream.columns : 80;
    const width = Math.max(10, Math.min(40, cols - numbers.length - label.length - 4));
    const filled = Math.round(frac * width);
    return `${label}[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${numbers}`;
  }
}

/**
 * A progress bar for `stderr` when it is a TTY and progress is not disabled, else `undefined`.
 * `FIELDKIT_PROGRESS_DELAY_MS` in `env` overrides the start delay (demos and tests).
 */
export function createProgress(
  stderr: Writable & { isTTY?: boolean; columns?: number },
  total: number | undefined,
  env: NodeJS.ProcessEnv,
  opts: ProgressOptions & { enabled?: boolean } = {},
): ProgressBar | undefined {
  if (opts.enabled === false || stderr.isTTY !== true) return undefined;
  const delay = env.FIELDKIT_PROGRESS_DELAY_MS;
  const delayMs = delay !== undefined && /^[0-9]+$/.test(delay) ? Number(delay) : opts.delayMs;
  return new ProgressBar(stderr, total, { ...opts, ...(delayMs !== undefined ? { delayMs } : {}) });
}
