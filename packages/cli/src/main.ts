import type { CommandIO } from './command.js';
import { COMMANDS } from './commands/index.js';

const USAGE = () =>
  [
    'fieldkit: turn sample JSON payloads into a JSON Schema you can design, check and reuse.',
    '',
    'Usage: fieldkit <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'Run `fieldkit <command> --help` for a command\'s options.',
    '',
  ].join('\n');

/** Dispatch argv (without node and script) to a command; resolves to the exit code. */
export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout.write(topic ? topic.help : USAGE());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write('fieldkit 0.1.0\n');
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr.write(`fieldkit: unknown command "${name}"\n\n${USAGE()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(cmd.help);
    return 0;
  }
  return cmd.run(rest, io);
}
