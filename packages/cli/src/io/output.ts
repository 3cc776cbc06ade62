/**
 * Writing command output: stdout that survives a closed pipe (`fieldkit infer big.ndjson | head`),
 * and output files written whole or not at all.
 */
import type { Stats } from 'node:fs';
import { lstat, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { issue, type Issue, type Result, ok, fail } from '@fieldkit/core/infer';

const guarded = new WeakSet<Writable>();

/**
 * Attach one `error` listener to a stream so a closed pipe (EPIPE) never becomes an uncaught
 * exception with a stack trace. The failed write's callback still sees the error; see
 * {@link writeStdout}. Idempotent.
 */
export function guardBrokenPipe(stream: Writable): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', () => {
    // Reported through the write callback; the listener only prevents the crash.
  });
}

/** What happened to a write: `closed` means the reader went away (EPIPE); that is not a failure. */
export type WriteOutcome = 'written' | 'closed';

function isBrokenPipe(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END';
}

/**
 * Write `text` to a command's stdout and wait until it is flushed. Resolves `closed` when the
 * reading end is gone (EPIPE), so commands can stop quietly; rejects on other errors.
 */
export function writeStdout(stdout: Writable, text: string): Promise<WriteOutcome> {
  guardBrokenPipe(stdout);
  if (stdout.destroyed || stdout.writableEnded) return Promise.resolve('closed');
  return new Promise((resolvePromise, reject) => {
    stdout.write(text, (err) => {
      if (!err) resolvePromise('written');
      else if (isBrokenPipe(err)) resolvePromise('closed');
      else reject(err);
    });
  });
}

/**
 * Write an output file whole: the text goes to a temporary file next to it, then is renamed over
 * the target, so a failure never leaves half a schema behind. A symlink is followed (the file it
 * points to is replaced, the link stays); a device, FIFO or socket (`-o /dev/stdout`, `-o >(cmd)`)
 * is written straight into — renaming over it would replace `/dev/null` itself with a file when
 * run as root. Relative paths resolve from `cwd`. Failure is an issue `cli/output` naming the file.
 */
export async function writeOutputFile(path: string, text: string, cwd: string): Promise<Result<string>> {
  const given = resolve(cwd, path);
  let target = given;
  try {
    let st: Stats | undefined;
    try {
      st = await lstat(given);
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') throw err; // a new file: created below
    }
    if (st?.isSymbolicLink()) {
      try {
        target = await realpath(given);
        st = await stat(target);
      } catch {
        // A link to nothing, or to what has no path (`/dev/stdout` when stdout is a pipe):
        // write through the link itself, never over it.
        await writeFile(given, text);
        return ok(given);
      }
    }
    if (st && !st.isFile() && !st.isDirectory()) {
      await writeFile(target, text);
      return ok(target);
    }
  } catch (err) {
    return fail([outputIssue(path, err)]);
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, target);
    return ok(target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    return fail([outputIssue(path, err)]);
  }
}

function outputIssue(path: string, err: unknown): Issue {
  const code = (err as { code?: string }).code;
  const why =
    code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
  return issue('cli/output', `cannot write output file: ${why}`, { source: path });
}
