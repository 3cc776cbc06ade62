/**
 * `fieldkit infer` streams inputs of any size, but V8 lets garbage pile up while memory is
 * plentiful: on a 300 MB NDJSON file peak RSS grew to 166 MB with the default heap settings and
 * stayed under 100 MB with small semi-spaces and `--optimize-for-size` (measured with
 * /usr/bin/time on 100 MB and 300 MB files; 15-30 % more CPU time). Heap flags only take effect
 * at process start, so the command re-runs node once with them.
 */
export const LEAN_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--optimize-for-size'];

/** Commands that stream unbounded input and so run with {@link LEAN_FLAGS}. */
const LEAN_COMMANDS = new Set(['infer']);

/**
 * The node arguments to re-run this process with, or undefined when it already runs lean, the
 * command does not need it, or FIELDKIT_LEAN=0 turns it off.
 */
export function leanRelaunchArgs(argv: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv): string[] | undefined {
  const [script, command] = [argv[1], argv[2]];
  if (script === undefined || command === undefined || !LEAN_COMMANDS.has(command)) return undefined;
  if (env.FIELDKIT_LEAN === '0' || execArgv.includes(LEAN_FLAGS[0]!)) return undefined;
  return [...LEAN_FLAGS, ...execArgv, script, ...argv.slice(2)];
}
