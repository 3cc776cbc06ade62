/**
 * The flags `infer` and `merge` share (draft, discriminator, hints, stats, output) and how they
 * become the inferrer's {@link InferOptions}.
 */
import { SCHEMA_DRAFTS, type Hint, type InferOptions, type SchemaDraft } from '@fieldkit/core/infer';
import { UsageError, booleanFlag, stringFlag, stringFlags, type ParsedArgs } from '../io/args.js';

/** Hint kinds accepted by `--hint POINTER=KIND`. */
export const HINT_KINDS: readonly Hint[] = ['enum', 'no-enum', 'map', 'no-map', 'discriminator', 'no-format'];

export { SCHEMA_FLAG_SPECS } from './flags.js';

/** Help text lines for `SCHEMA_FLAG_SPECS` (see `flags.ts`). */
export const SCHEMA_FLAG_HELP = `  --draft 2020-12|draft-07   JSON Schema draft to write (default 2020-12)
  --discriminator NAME       root property that names the event type (default: auto-detect)
  --no-discriminator         never split the schema by event type
  --hint POINTER=KIND        per-path hint, repeatable; POINTER is a JSON Pointer into the
                             data ("*" = any key/index), KIND one of
                             ${HINT_KINDS.join(', ')}
  --stats                    add x-fieldkit-stats {seen,total} and examples to properties
  -o, --output FILE          write the schema to FILE instead of stdout
  --state-out FILE           also write the inference state (JSON) to FILE, for \`fieldkit merge\`;
                             "-" writes the state to stdout instead of the schema
`;

/** Read the shared flags into inference options; throws {@link UsageError} for bad values. */
export function inferOptionsFromArgs(args: ParsedArgs): InferOptions {
  const opts: InferOptions = {};
  const draft = stringFlag(args, 'draft');
  if (draft !== undefined) {
    if (!Object.prototype.hasOwnProperty.call(SCHEMA_DRAFTS, draft)) {
      throw new UsageError(`--draft must be one of ${Object.keys(SCHEMA_DRAFTS).join(', ')}; got "${draft}"`);
    }
    opts.draft = draft as SchemaDraft;
  }
  const disc = stringFlag(args, 'discriminator');
  if (disc !== undefined && booleanFlag(args, 'no-discriminator')) throw new UsageError('--discriminator and --no-discriminator cannot be used together');
  if (disc !== undefined) {
    if (disc === '') throw new UsageError('--discriminator needs a property name');
    opts.discriminator = disc;
  }
  if (booleanFlag(args, 'no-discriminator')) opts.discriminator = false;
  const hints = parseHints(stringFlags(args, 'hint'));
  if (hints) opts.hints = hints;
  if (booleanFlag(args, 'stats')) opts.stats = true;
  if (stringFlag(args, 'output') === '-' && stringFlag(args, 'state-out') === '-') {
    throw new UsageError('--output - and --state-out - cannot both write to stdout');
  }
  return opts;
}

/**
 * Parse `POINTER=KIND` strings into the hints record (several kinds for one pointer become an
 * array). The split is at the last `=`, so pointers may contain `=`. Undefined when none.
 */
export function parseHints(values: readonly string[]): Record<string, Hint | Hint[]> | undefined {
  if (values.length === 0) return undefined;
  const byPointer = new Map<string, Hint[]>();
  for (const v of values) {
    const eq = v.lastIndexOf('=');
    if (eq < 0) throw new UsageError(`--hint expects POINTER=KIND (e.g. /dataFields/plan=enum), got "${v}"`);
    const pointer = v.slice(0, eq);
    const kind = v.slice(eq + 1);
    if (pointer !== '' && !pointer.startsWith('/')) throw new UsageError(`--hint pointer must be a JSON Pointer starting with "/", got "${pointer}"`);
    if (!(HINT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--hint kind must be one of ${HINT_KINDS.join(', ')}; got "${kind}"`);
    const list = byPointer.get(pointer) ?? [];
    if (!list.includes(kind as Hint)) list.push(kind as Hint);
    byPointer.set(pointer, list);
  }
  // Keys are user data: build the record without prototype setters.
  const out = Object.create(null) as Record<string, Hint | Hint[]>;
  for (const [pointer, kinds] of byPointer) {
    Object.defineProperty(out, pointer, { value: kinds.length === 1 ? kinds[0] : kinds, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
