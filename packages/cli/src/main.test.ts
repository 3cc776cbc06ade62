import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands/index.js';
import { main, nearestCommand } from './main.js';
import { fakeIO } from './io/fake-io.test-util.js';

describe('main', () => {
  it('every registry entry loads the command of that name, with summary and help', async () => {
    for (const entry of COMMANDS) {
      const cmd = await entry.load();
      expect(cmd.name).toBe(entry.name);
      expect(cmd.summary.length).toBeGreaterThan(0);
      expect(cmd.help).toMatch(new RegExp(`fieldkit ${cmd.name}`));
    }
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  // The top-level help's examples are what newcomers copy: each must name a real command and
  // only flags that command's own help documents, so a renamed flag breaks this test, not users.
  it('top-level --help examples use real commands and documented flags', async () => {
    const f = fakeIO();
    await main(['--help'], f.io);
    const examples = f.stdout().split('Examples:')[1]!.split('\n\n')[0]!.trim().split('\n');
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const line of examples) {
      const [, name, rest] = /^fieldkit (\S+)(.*)$/.exec(line.trim())!;
      const entry = COMMANDS.find((c) => c.name === name);
      expect(entry, line).toBeDefined();
      const help = (await entry!.load()).help;
      for (const flag of rest!.match(/(?<=\s)--?[a-z][a-z-]*/g) ?? []) expect(help, `${flag} in: ${line}`).toContain(flag);
    }
  });

  it('lists every command in --help and routes `help NAME` and `NAME --help`', async () => {
    const f = fakeIO();
    expect(await main(['--help'], f.io)).toBe(0);
    for (const entry of COMMANDS) expect(f.stdout()).toMatch(new RegExp(`^  ${entry.name} +\\S`, 'm'));
    const g = fakeIO();
    expect(await main(['help', 'merge'], g.io)).toBe(0);
    expect(g.stdout()).toMatch(/^Usage: fieldkit merge/);
  });

  it('rejects an unknown command with exit code 2, a suggestion and the usage on stderr', async () => {
    const f = fakeIO();
    expect(await main(['infre'], f.io)).toBe(2);
    expect(f.stdout()).toBe('');
    expect(f.stderr()).toMatch(/^fieldkit: unknown command "infre" \(did you mean "infer"\?\)\n\n.*Commands:/s);
    const g = fakeIO();
    expect(await main(['zzzzzz'], g.io)).toBe(2);
    expect(g.stderr()).toMatch(/^fieldkit: unknown command "zzzzzz"\n/);
    expect(nearestCommand('validat')).toBe('validate');
    expect(nearestCommand('mrege')).toBe('merge');
    expect(nearestCommand('xyz')).toBeUndefined();
  });

  it('with no command prints the usage on stderr and exits 2, stdout empty', async () => {
    const f = fakeIO();
    expect(await main([], f.io)).toBe(2);
    expect(f.stdout()).toBe('');
    expect(f.stderr()).toMatch(/^fieldkit: .*Commands:/s);
  });
});
