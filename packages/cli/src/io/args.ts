/**
 * A small, strict argv parser shared by the commands. Compared with `node:util` `parseArgs` it
 * gives one-line messages a user can act on and keeps repeatable flags in order.
 *
 * Accepted shapes: `--name value`, `--name=value`, `-x value`, `-x=value`, boolean `--flag`,
 * `--` (everything after is positional), and `-` as a positional (stdin).
 */

/** How one flag is spelled and what it takes. */
export interface FlagSpec {
  /** `string` flags take a value; `boolean` flags take none. */
  type: 'string' | 'boolean';
  /** One-letter alias, without the dash: `o` for `-o`. */
  short?: string;
  /** May be given several times; the values are collected in order. */
  multiple?: boolean;
}

/** Flag name (without `--`) to its spec. */
export type FlagSpecs = Record<string, FlagSpec>;

/** Parsed arguments: flag values by name and positionals in order. */
export interface ParsedArgs {
  /** string flags -> string (or string[] when `multiple`), boolean flags -> true; absent flags are missing. */
  flags: Map<string, string | string[] | true>;
  positionals: string[];
}

/** Thrown by {@link parseArgs} (and by commands checking flag values) for a usage mistake; `message` is one line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parse `argv` against `specs`; throws {@link UsageError} on unknown flags or missing values. */
export function parseArgs(argv: readonly string[], specs: FlagSpecs): ParsedArgs {
  const flags = new Map<string, string | string[] | true>();
  const positionals: string[] = [];
  const byShort = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) if (spec.short) byShort.set(spec.short, name);

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const rawName = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const name = rawName.startsWith('--') ? rawName.slice(2) : byShort.get(rawName.slice(1));
    const spec = name !== undefined && Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
    if (name === undefined || spec === undefined) throw new UsageError(`unknown option "${rawName}" (see --help)`);
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option "${rawName}" takes no value`);
      flags.set(name, true);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`option "${rawName}" needs a value`);
      value = argv[++i];
    }
    if (spec.multiple) {
      const prev = flags.get(name);
      flags.set(name, Array.isArray(prev) ? [...prev, value] : [value]);
    } else {
      if (flags.has(name)) throw new UsageError(`option "${rawName}" given twice`);
      flags.set(name, value);
    }
  }
  return { flags, positionals };
}

/** The value of a single-valued string flag, or undefined. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** All values of a repeatable string flag (empty when absent). */
export function stringFlags(args: ParsedArgs, name: string): string[] {
  const v = args.flags.get(name);
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** True when a boolean flag was given. */
export function booleanFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

/** Parse a positive integer flag value; throws {@link UsageError} naming the flag otherwise. */
export function positiveIntFlag(args: ParsedArgs, name: string): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  if (!/^[0-9]+$/.test(v) || Number(v) < 1 || !Number.isSafeInteger(Number(v))) {
    throw new UsageError(`--${name} expects a positive integer, got "${v}"`);
  }
  return Number(v);
}
