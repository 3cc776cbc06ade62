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
    'Examples:',
    '  fieldkit infer examples/iterable/*.json             one schema, one sub-schema per eventName',
    '  fieldkit infer events.ndjson --stats -o schema.json  NDJSON in, schema with seen-ratios out',
    '  fieldkit types schema.json                           TypeScript, one interface per event type',
    '  fieldkit validate --schema schema.json new.ndjson    exit 1 and one line per problem',
    '  fieldkit body --preset iterable.users/update --set email=kay@example.com --curl',
    '  fieldkit capture --port 5179                         record real webhooks, watch for drift',
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
  if (name === undefined) {
    // No command is a usage error: the usage goes to stderr, stdout stays empty.
    io.stderr.write(await usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const entry = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout.write(entry ? (await entry.load()).help : await usage());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write('fieldkit 0.1.0\n');
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    const near = nearestCommand(name);
    io.stderr.write(`fieldkit: unknown command "${name}"${near ? ` (did you mean "${near}"?)` : ''}\n\n${await usage()}`);
    return 2;
  }
  const cmd = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(cmd.help);
    return 0;
  }
  return cmd.run(rest, io);
}

/** The registered command closest to `name` (edit distance ≤ 2, or a prefix), if any. */
export function nearestCommand(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const { name: candidate } of COMMANDS) {
    const d = candidate.startsWith(name) && name.length >= 2 ? 1 : editDistance(name.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
