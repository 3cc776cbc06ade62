import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChunkDecoder, readChunks, readJsonFile, readJsonInputs, resolveInputs } from './read.js';
import { fakeIO } from './fake-io.test-util.js';

const dir = mkdtempSync(join(tmpdir(), 'fk-read-'));
const io = fakeIO({ cwd: dir }).io;

async function collect(it: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const b of it) parts.push(Buffer.from(b)); // copy: file chunks reuse one buffer
  return Buffer.concat(parts).toString();
}

describe('readChunks', () => {
  it('reads a file, or exactly a byte range of it, in small chunks', async () => {
    const text = 'abcdefghij'.repeat(1000);
    writeFileSync(join(dir, 'r.txt'), text);
    const r = await resolveInputs(['r.txt'], io);
    if (!r.ok) throw new Error('r.txt should resolve');
    const [input] = r.value;
    expect(input).toMatchObject({ kind: 'file', name: 'r.txt', size: text.length });
    expect(await collect(readChunks(input, io, { chunkBytes: 7 }))).toBe(text);
    expect(await collect(readChunks(input, io, { start: 3, end: 5003, chunkBytes: 64 }))).toBe(text.slice(3, 5003));
    expect(await collect(readChunks(input, io, { start: 10, end: 10 }))).toBe('');
  });

  it('reads stdin chunks as they come', async () => {
    const f = fakeIO({ stdin: ['ab', Buffer.from('cd')] });
    expect(await collect(readChunks({ kind: 'stdin', name: 'stdin' }, f.io))).toBe('abcd');
  });
});

describe('ChunkDecoder', () => {
  it('never splits a multi-byte character and drops a BOM', () => {
    const bytes = Buffer.from('\ufeffé😀x');
    const d = new ChunkDecoder();
    let s = '';
    for (const b of bytes) s += d.write(Buffer.from([b]));
    s += d.end();
    expect(s).toBe('é😀x');
    expect(d.bytes).toBe(bytes.length);
  });
});

describe('ChunkDecoder and invalid UTF-8', () => {
  function decode(chunks: Buffer[]): { text: string; invalid: unknown } {
    const d = new ChunkDecoder();
    let text = '';
    for (const c of chunks) text += d.write(c);
    text += d.end();
    return { text, invalid: d.invalid };
  }
  const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  it('stops at the first bad byte and says where it is', () => {
    const input = bytes('{"a":1}\n{"b":"x', [0xff], 'y"}\n');
    expect(decode([input])).toEqual({ text: '{"a":1}\n{"b":"x', invalid: { line: 2, column: 8, byte: 0xff } });
    // same answer whatever the chunking, including a bad continuation in the next chunk
    const split = bytes('é\n\u00e9', [0xe2, 0x82], '(');
    for (let cut = 0; cut <= split.length; cut++) {
      expect(decode([split.subarray(0, cut), split.subarray(cut)]).invalid).toEqual({ line: 2, column: 2, byte: 0xe2 });
    }
  });

  it('accepts a real U+FFFD, a BOM, and reports input that ends inside a character', () => {
    expect(decode([bytes('\ufeff"\ufffd"')])).toEqual({ text: '"\ufffd"', invalid: undefined });
    expect(decode([bytes([0xef, 0xbb, 0xbf], '"', [0xc3])]).invalid).toEqual({ line: 1, column: 2 });
    expect(decode([bytes([0xef, 0xbb, 0xbf], 'ab', [0x80])]).invalid).toEqual({ line: 1, column: 3, byte: 0x80 });
  });

  it('makes readJsonInputs fail with a located cli/utf8 issue', async () => {
    writeFileSync(join(dir, 'latin1.json'), bytes('{\n  "name": "Ren', [0xe9], '"\n}'));
    const r = await readJsonInputs(['latin1.json'], io);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'cli/utf8', source: 'latin1.json', line: 2, column: 15, message: expect.stringMatching(/byte 0xE9 is not valid UTF-8/) });
  });
});

describe('resolveInputs', () => {
  it('reports every missing or folder input by name, and stdin named twice', async () => {
    const r = await resolveInputs(['nope.json', '.', '-', '-'], io);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.source, i.message])).toEqual([
      ['nope.json', 'no such file'],
      ['.', 'is a folder, not a file'],
      [undefined, 'stdin ("-") can be read only once'],
    ]);
    expect((await resolveInputs([], io)).ok && (await resolveInputs([], io)).issues).toEqual([]);
  });
});

describe('readJsonInputs / readJsonFile', () => {
  it('parses each file with its name on values and errors', async () => {
    writeFileSync(join(dir, 'a.ndjson'), '{"a":1}\n{"a":2}\n');
    writeFileSync(join(dir, 'b.json'), '{\n  "b": [1,\n}');
    writeFileSync(join(dir, 'e.json'), '');
    const ok = await readJsonInputs(['a.ndjson'], io);
    expect(ok.ok && ok.value.map((v) => [v.source, v.line, v.sample, v.value])).toEqual([
      ['a.ndjson', 1, 1, { a: 1 }],
      ['a.ndjson', 2, 2, { a: 2 }],
    ]);
    const bad = await readJsonInputs(['b.json', 'e.json'], io);
    expect(bad.issues.map((i) => [i.code, i.source, i.line])).toEqual([
      ['cli/parse', 'b.json', 3],
      ['cli/empty', 'e.json', undefined],
    ]);
    expect(await readJsonFile('a.ndjson', io)).toMatchObject({ ok: false, issues: [{ message: 'expected one JSON value, found 2', line: 2 }] });
    expect(await readJsonFile('-', fakeIO({ stdin: '{"s": true}' }).io)).toMatchObject({ ok: true, value: { s: true } });
  });
});
