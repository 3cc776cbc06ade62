/** Test helper: a CommandIO over in-memory streams, so commands run in-process. */
import { Readable, Writable } from 'node:stream';
import type { CommandIO } from '../command.js';

/** Options of {@link fakeIO}. */
export interface FakeIOOptions {
  /** What stdin yields (chunks are yielded one by one). */
  stdin?: string | (string | Buffer)[];
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout fails every write with EPIPE, like a closed pipe (`| head`). */
  brokenStdout?: boolean;
}

/** A fake IO and accessors for what was written. */
export function fakeIO(opts: FakeIOOptions = {}): { io: CommandIO; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const chunks = opts.stdin === undefined ? [] : Array.isArray(opts.stdin) ? opts.stdin : [opts.stdin];
  const stdin = Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
  const stdout = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (opts.brokenStdout) {
        const e = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
        cb(e);
        return;
      }
      out.push(chunk.toString());
      cb();
    },
  }) as Writable & { isTTY?: boolean };
  const stderr = new Writable({
    write(chunk: Buffer, _enc, cb) {
      err.push(chunk.toString());
      cb();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  stdout.isTTY = opts.stdoutIsTTY ?? false;
  stderr.isTTY = opts.stderrIsTTY ?? false;
  stderr.columns = 100;
  return {
    io: { stdin, stdout, stderr, cwd: opts.cwd ?? process.cwd(), env: opts.env ?? {} },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
