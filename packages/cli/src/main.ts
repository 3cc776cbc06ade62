import type { CommandIO } from './command.js';
import { COMMANDS, loadCommands } from './commands/index.js';

async function usage(): Promise<string> {
  const commands = await loadCommands();
  return [
    'fieldkit: turn sample JSON payloads into a JSON Schema you can design, check and reuse.',
    '',
    'Usage: fieldkit <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    "Run `fieldkit <command> --help` for a command's options.",
    '',
  ].join('\n');
}

/**
 * Dispatch argv (without node and script) to a command; resolves to the exit code. Only the
 * chosen command's module is loaded (see commands/index.ts).
 */
export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const entry = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout.write(entry ? (await entry.load()).help : await usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write('fieldkit 0.1.0\n');
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`fieldkit: unknown command "${name}"\n\n${await usage()}`);
    return 2;
  }
  const cmd = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(cmd.help);
    return 0;
  }
  return cmd.run(rest, io);
}
