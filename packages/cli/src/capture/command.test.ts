import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCapture } from '../commands/capture.js';
import { rebuildCommand } from '../commands/rebuild.js';
import { send, tempDir } from './test-helpers.js';

function io(cwd: string) {
  const out = new PassThrough();
  const err = new PassThrough();
  const text = { out: '', err: '' };
  out.on('data', (d: Buffer) => (text.out += d.toString()));
  err.on('data', (d: Buffer) => (text.err += d.toString()));
  return { io: { stdin: new PassThrough(), stdout: out, stderr: err, cwd, env: { HOOK_SECRET: 'from-env' } }, text };
}

describe('fieldkit capture / rebuild commands', () => {
  it('refuse bad options with one line and exit 2, before opening anything', async () => {
    const t = tempDir();
    try {
      for (const [argv, msg] of [
        [['--db', t.dir], /is a folder, not a database file/],
        [['--db', join(t.dir, 'missing', 'x.db')], /the folder .* does not exist/],
        [['--port', '70000'], /--port expects a whole number/],
        [['--secret', 'a/b=x'], /"a\/b" is not a source name/],
        [['--secret', 'iterable=env:NOPE'], /environment variable NOPE is not set/],
        [['--max-body', 'lots'], /--max-body expects a size/],
        [['--secret', 'st=k', '--signature', 'st=paypal'], /unknown scheme "paypal" \(one of hmac, github, stripe, shopify\)/],
        [['--signature', 'st=stripe'], /needs the secret too: --secret st=KEY/],
        [['--secret', 'st=k', '--signature', 'stripe'], /--signature expects SOURCE=SCHEME/],
        [['--signature', 'a/b=stripe'], /--signature: "a\/b" is not a source name/],
        [['--sync', 'sometimes'], /--sync expects full or normal/],
        [['extra'], /unexpected argument "extra"/],
      ] as const) {
        const { io: cio, text } = io(t.dir);
        expect(await runCapture([...argv], cio), argv.join(' ')).toBe(2);
        expect(text.err).toMatch(msg);
        expect(text.err.trim().split('\n')).toHaveLength(1);
        expect(text.out).toBe('');
      }
      const { io: rio, text } = io(t.dir);
      expect(await rebuildCommand.run(['--db', join(t.dir, 'none.db')], rio)).toBe(2);
      expect(text.err).toMatch(/no capture database/);
    } finally {
      t.remove();
    }
  });

  it('serves until stopped, with secrets read from the environment, and stops cleanly', async () => {
    const t = tempDir();
    try {
      const { io: cio, text } = io(t.dir);
      const ac = new AbortController();
      const running = runCapture(['--port', '0', '--secret', 'signed=env:HOOK_SECRET'], cio, ac.signal);
      for (let i = 0; i < 100 && !/listening on/.test(text.out); i++) await new Promise((r) => setTimeout(r, 20));
      const url = /listening on (\S+)/.exec(text.out)![1];
      expect(text.out).toContain(join(t.dir, 'fieldkit-capture.db'));
      expect((await send(url, '/hooks/open', { body: '{"a":1}' })).status).toBe(200);
      expect((await send(url, '/hooks/signed', { body: '{"a":1}', headers: { 'X-Signature': 'sha256=' + '0'.repeat(64) } })).status).toBe(401);
      ac.abort();
      expect(await running).toBe(0);
      expect(text.out).toMatch(/stopped; every acknowledged event is in the database/);
    } finally {
      t.remove();
    }
  });
});
