/**
 * Reading command inputs: files named on the command line or stdin (`-`, or no files at all).
 *
 * - {@link resolveInputs} checks every file up front (exists, is a file, readable) so a typo in
 *   the third file name fails before any work is done, with one clear line per problem.
 * - {@link readChunks} streams one input as Buffers (optionally a byte range of a file).
 * - {@link readInputText} / {@link readInputs} read whole inputs (small ones: payloads, schemas).
 * - {@link readJsonInputs} reads and parses JSON / NDJSON / concatenated JSON with located
 *   errors (see `json-text.ts`).
 */
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { issue, type Issue, type Result, ok, fail } from '@fieldkit/core/infer';
import type { CommandIO } from '../command.js';
import { parseJsonValues, type JsonTextFormat, type LocatedValue } from './json-text.js';

/** One input: a file (with its size) or the command's stdin. */
export type InputSource =
  | {
      kind: 'file';
      /** As the user typed it; used in messages. */
      name: string;
      /** Absolute. */
      path: string;
      /** Size in bytes (0 for pipes and devices). */
      size: number;
      /** False for pipes and devices (`<(cmd)`, `/dev/stdin`): read front to back, never by range. Default true. */
      regular?: boolean;
    }
  | { kind: 'stdin'; name: 'stdin' };

/** Name used for stdin in messages. */
export const STDIN_NAME = 'stdin';

/**
 * Turn command-line file arguments into inputs: `-` or an empty list means stdin. Every file is
 * checked (exists, not a folder, readable); failures are issues `cli/input` naming the file.
 * Stdin may be named at most once.
 */
export async function resolveInputs(files: readonly string[], io: Pick<CommandIO, 'cwd'>): Promise<Result<InputSource[]>> {
  const list = files.length === 0 ? ['-'] : files;
  const inputs: InputSource[] = [];
  const issues: Issue[] = [];
  let stdinSeen = false;
  for (const name of list) {
    if (name === '-') {
      if (stdinSeen) issues.push(issue('cli/input', 'stdin ("-") can be read only once'));
      stdinSeen = true;
      inputs.push({ kind: 'stdin', name: STDIN_NAME });
      continue;
    }
    const path = resolve(io.cwd, name);
    try {
      const st = await stat(path);
      if (st.isDirectory()) {
        issues.push(issue('cli/input', 'is a folder, not a file', { source: name }));
        continue;
      }
      await access(path, constants.R_OK);
      inputs.push(st.isFile() ? { kind: 'file', name, path, size: st.size } : { kind: 'file', name, path, size: 0, regular: false });
    } catch (err) {
      issues.push(readIssue(name, err));
    }
  }
  return issues.length ? fail(issues) : ok(inputs);
}

/** An issue `cli/input` for a failed open/read of `name`. */
export function readIssue(name: string, err: unknown): Issue {
  const code = (err as { code?: string } | null)?.code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot read: ${(err as Error)?.message ?? String(err)}`;
  return issue('cli/input', why, { source: name });
}

/** Options for {@link readChunks}. */
export interface ReadChunksOptions {
  /** First byte to read (files only); default 0. */
  start?: number;
  /** Byte offset to stop before (exclusive; files only); default: end of file. */
  end?: number;
  /** Chunk size for files; default {@link DEFAULT_CHUNK_BYTES}. */
  chunkBytes?: number;
}

/** Default read size: large enough to be fast, small enough to keep memory flat. */
export const DEFAULT_CHUNK_BYTES = 64 * 1024;

/** Chunks read between two yields to the event loop (so worker messages and timers run). */
const CHUNKS_PER_YIELD = 16;

/**
 * Stream an input as Buffers. Files are read with synchronous `readSync` calls into one reused
 * buffer: from the page cache that is ~15× faster than `fs.createReadStream` (measured: 12 ms vs
 * 183 ms for 100 MB in 64 KB chunks), and memory stays flat. Every {@link CHUNKS_PER_YIELD}
 * chunks the generator yields to the event loop. **A yielded file Buffer is only valid until
 * the next one is requested**: decode or copy it first. Stdin is whatever `io.stdin` yields
 * (strings are encoded as UTF-8).
 */
export async function* readChunks(input: InputSource, io: Pick<CommandIO, 'stdin'>, opts: ReadChunksOptions = {}): AsyncGenerator<Buffer> {
  if (input.kind === 'stdin') {
    for await (const chunk of io.stdin as AsyncIterable<Buffer | string>) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    return;
  }
  const end = opts.end ?? Infinity;
  let pos = opts.start ?? 0;
  if (pos >= end) return;
  // pipes and devices cannot seek: read them front to back (position null)
  const positional = input.regular !== false;
  if (!positional && pos > 0) throw new Error(`${input.name} is not a regular file: it cannot be read from byte ${pos}`);
  const buf = Buffer.allocUnsafe(opts.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  const fd = openSync(input.path, 'r');
  try {
    for (let n = 1; pos < end; n++) {
      const want = Math.min(buf.length, end - pos);
      const got = readSync(fd, buf, 0, want, positional ? pos : null);
      if (got === 0) break;
      pos += got;
      yield got === buf.length ? buf : buf.subarray(0, got);
      if (n % CHUNKS_PER_YIELD === 0) await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    closeSync(fd);
  }
}

/** Bytes at the end of `tail` that start a UTF-8 sequence not yet complete (0 to 3). */
function incompleteTail(tail: Buffer): number {
  for (let j = 1; j <= Math.min(3, tail.length); j++) {
    const b = tail[tail.length - j];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > j ? j : 0;
  }
  return 0;
}

/** Where the first invalid UTF-8 byte of an input is; see {@link ChunkDecoder}. */
export interface InvalidUtf8 {
  /** 1-based line and column (in characters) of the bad byte. */
  line: number;
  column: number;
  /** The offending byte, or undefined when the input ends inside a character. */
  byte?: number;
}

/**
 * Decode Buffers to strings without splitting a multi-byte character across chunks, counting
 * bytes as they pass (for progress). A leading UTF-8 byte-order mark is dropped.
 *
 * Invalid UTF-8 is an error, never silently turned into U+FFFD: `write` returns the text before
 * the first bad byte and sets {@link ChunkDecoder.invalid} (line and column of the byte); the
 * caller reports it and stops. Detection is cheap: `StringDecoder` (~4× faster than a fatal
 * `TextDecoder`) marks bad bytes with U+FFFD, and only when one appears are the bytes checked,
 * so a real U+FFFD in the input (EF BF BD) is still accepted.
 */
export class ChunkDecoder {
  private readonly decoder = new StringDecoder('utf8');
  private first = true;
  /** Last 3 bytes of the previous chunk (copied: chunks may be reused buffers). */
  private tail = Buffer.alloc(0);
  private line = 1;
  private column = 1;
  /** Bytes seen so far. */
  bytes = 0;
  /** Set once invalid UTF-8 was met; no more text is returned after that. */
  invalid: InvalidUtf8 | undefined;

  /** Decode one chunk (may return '' when the chunk ends mid-character). */
  write(chunk: Buffer): string {
    if (this.invalid) return '';
    this.bytes += chunk.length;
    const pending = incompleteTail(this.tail);
    const combined = pending > 0 ? Buffer.concat([this.tail.subarray(this.tail.length - pending), chunk]) : chunk;
    let s = this.decoder.write(chunk);
    this.tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 3)));
    let skipped = 0;
    if (this.first && s.length > 0) {
      this.first = false;
      if (s.charCodeAt(0) === 0xfeff) {
        s = s.slice(1);
        skipped = 3;
      }
    }
    return this.checked(s, combined, skipped);
  }

  /** Flush; an input that ends inside a character is invalid. */
  end(): string {
    if (this.invalid) return '';
    const s = this.decoder.end();
    if (s.length > 0) {
      this.invalid = { line: this.line, column: this.column };
      return '';
    }
    return s;
  }

  /** Cut `s` at its first replacement character that is not a real U+FFFD in `bytes`; track line/column. */
  private checked(s: string, bytes: Buffer, skipped: number): string {
    let k = s.indexOf('\ufffd');
    while (k !== -1) {
      const at = skipped + Buffer.byteLength(s.slice(0, k));
      if (!(bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd)) {
        const ok = s.slice(0, k);
        this.advance(ok);
        this.invalid = { line: this.line, column: this.column, byte: bytes[at] };
        return ok;
      }
      k = s.indexOf('\ufffd', k + 1);
    }
    this.advance(s);
    return s;
  }

  private advance(s: string): void {
    const last = s.lastIndexOf('\n');
    if (last === -1) {
      this.column += s.length;
      return;
    }
    for (let i = s.indexOf('\n'); i !== -1 && i <= last; i = s.indexOf('\n', i + 1)) this.line++;
    this.column = s.length - last;
  }
}

/** The issue `cli/utf8` for invalid UTF-8 found by a {@link ChunkDecoder}. */
export function utf8Issue(source: string, bad: InvalidUtf8): Issue {
  const what = bad.byte === undefined ? 'the input ends in the middle of a UTF-8 character' : `byte 0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')} is not valid UTF-8 here`;
  return issue('cli/utf8', `invalid UTF-8: ${what} (the input must be UTF-8 text)`, { source, line: bad.line, column: bad.column });
}

/** Read a whole input as text. Read failures become an issue `cli/input` naming the input. */
export async function readInputText(input: InputSource, io: Pick<CommandIO, 'stdin'>): Promise<Result<string>> {
  const dec = new ChunkDecoder();
  const parts: string[] = [];
  try {
    for await (const chunk of readChunks(input, io)) {
      parts.push(dec.write(chunk));
      if (dec.invalid) break;
    }
    parts.push(dec.end());
  } catch (err) {
    return fail([readIssue(input.name, err)]);
  }
  if (dec.invalid) return fail([utf8Issue(input.name, dec.invalid)]);
  return ok(parts.join(''));
}

/** One input read whole. */
export interface InputText {
  source: InputSource;
  text: string;
}

/** Resolve and read all `files` (stdin for `-` or none) as text. */
export async function readInputs(files: readonly string[], io: Pick<CommandIO, 'cwd' | 'stdin'>): Promise<Result<InputText[]>> {
  const resolved = await resolveInputs(files, io);
  if (!resolved.ok) return resolved;
  const out: InputText[] = [];
  for (const source of resolved.value) {
    const r = await readInputText(source, io);
    if (!r.ok) return r;
    out.push({ source, text: r.value });
  }
  return ok(out);
}

/** A parsed JSON value, where it came from and where it starts. */
export interface JsonInputValue extends LocatedValue {
  /** Input name as typed (`stdin` for stdin). */
  source: string;
}

/**
 * Read `files` (stdin for `-` or none) and parse each as JSON / NDJSON / concatenated JSON
 * (`format`, default `auto`). Parse errors are issues `cli/parse` with source, line, column and
 * sample; an input with no value at all is an issue `cli/empty`.
 */
export async function readJsonInputs(
  files: readonly string[],
  io: Pick<CommandIO, 'cwd' | 'stdin'>,
  opts: { format?: JsonTextFormat } = {},
): Promise<Result<JsonInputValue[]>> {
  const texts = await readInputs(files, io);
  if (!texts.ok) return texts;
  const values: JsonInputValue[] = [];
  const issues: Issue[] = [];
  for (const { source, text } of texts.value) {
    const r = parseJsonValues(text, { format: opts.format ?? 'auto', source: source.name });
    if (!r.ok) {
      issues.push(...r.issues);
      continue;
    }
    if (r.value.length === 0) issues.push(issue('cli/empty', 'empty input: no JSON value found', { source: source.name }));
    for (const v of r.value) values.push({ ...v, source: source.name });
  }
  return issues.length ? fail(issues) : ok(values);
}

/** Read and parse exactly one JSON value from `file` (`-` = stdin), e.g. a schema or a state file. */
export async function readJsonFile(file: string, io: Pick<CommandIO, 'cwd' | 'stdin'>): Promise<Result<unknown>> {
  const r = await readJsonInputs([file], io, { format: 'json' });
  if (!r.ok) return r;
  if (r.value.length !== 1) {
    return fail([issue('cli/parse', `expected one JSON value, found ${r.value.length}`, { source: file, line: r.value[1].line, column: r.value[1].column })]);
  }
  return ok(r.value[0].value);
}
