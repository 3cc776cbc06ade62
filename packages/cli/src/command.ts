import type { Readable, Writable } from 'node:stream';

/** What a command may touch: streams and the environment, injected so tests can run commands in-process. */
export interface CommandIO {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** One `fieldkit <name>` command. `run` resolves to the process exit code; it never calls process.exit. */
export interface Command {
  name: string;
  /** One line for `fieldkit --help`. */
  summary: string;
  /** Full text for `fieldkit <name> --help`. */
  help: string;
  run(argv: string[], io: CommandIO): Promise<number>;
}
