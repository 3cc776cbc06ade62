/**
 * `fieldkit infer [FILE...]`: stream JSON / NDJSON / concatenated JSON samples into the
 * inferrer and print the JSON Schema. Large NDJSON files are split at line boundaries and
 * inferred on worker threads (`--jobs`), then the states are merged.
 */
import { availableParallelism } from 'node:os';
import { createInferrer, SCAN_MIN_LENGTH, type InferOptions, type Inferrer, type Issue, type TextFormat, issue } from '@fieldkit/core/infer';
import type { Command, CommandIO } from '../command.js';
import { UsageError, booleanFlag, parseArgs, positiveIntFlag, stringFlag, type FlagSpecs } from '../io/args.js';
import { EXIT_OK, EXIT_USAGE } from '../io/exit-codes.js';
import { printIssues } from '../io/issues.js';
import { usageFailure } from '../io/usage.js';
import { createProgress, type ProgressBar } from '../io/progress.js';
import { readChunks, resolveInputs, type InputSource } from '../io/read.js';
import { feedChunks } from '../engine/feed.js';
import { applyLateLeanFlags } from '../lean.js';
import { INFER_FLAG_SPECS, lanesFor, parallelMinBytes } from '../engine/flags.js';
import { SCHEMA_FLAG_HELP, inferOptionsFromArgs } from '../engine/options.js';
import { writeResults } from '../engine/output.js';
import { stopParkedWorkers } from '../engine/lane.js';
import { runShards, type ShardRunner, type ShardsOutcome } from '../engine/pool.js';
import type { ShardResult, ShardTask } from '../engine/shard.js';
import { scanRange } from '../engine/scan-range.js';
import { scanValuesFile, type ValuesLayout } from '../engine/scan-values.js';
import { guidedCuts, looksLikeNdjson, splitAtNewlinesNear } from '../engine/split.js';

export { DEFAULT_PARALLEL_MIN_BYTES } from '../engine/flags.js';
/** Issues collected before reading stops. */
export const MAX_ISSUES = 20;

const FORMATS: readonly TextFormat[] = ['auto', 'json', 'ndjson'];

const SPECS: FlagSpecs = INFER_FLAG_SPECS;

const HELP = `Usage: fieldkit infer [options] [FILE...]

Infer a JSON Schema from sample payloads and print it (pretty JSON) on stdout.
FILE may be JSON (one value, or several concatenated), NDJSON (one value per line),
or "-" for stdin; with no FILE, stdin is read. Input is streamed, so files of any
size work in bounded memory.

Options:
  --format auto|json|ndjson  how samples are laid out (default auto: *.ndjson/*.jsonl files are
                             NDJSON, other input is NDJSON or concatenated JSON by its content)
  --each                     the input is ONE JSON array whose elements are the samples
                             (without --each an array is a single sample)
${SCHEMA_FLAG_HELP}  -j, --jobs N               threads for large NDJSON files, at most (default: number of
                             CPU cores; each gets 24 MB of the file or more; 1 = no threads)
  --no-progress              never draw the progress bar (it is only drawn when stderr
                             is a terminal)
  -h, --help                 show this help

Exit codes: 0 ok, 2 bad usage or bad input (errors name file:line:column and the sample).

Environment: FIELDKIT_PARALLEL_MIN_BYTES (bytes of file each thread needs, default 24000000:
a file under 48 MB is read on one thread), FIELDKIT_PROGRESS_DELAY_MS (progress bar delay,
default 300).

Examples:
  fieldkit infer examples/iterable/*.json
  fieldkit infer events.ndjson --discriminator eventName -o schema.json
  cat events.ndjson | fieldkit infer --hint /dataFields/plan=enum
  fieldkit infer --state-out part1.state.json part1.ndjson   # then: fieldkit merge *.state.json
`;

/** How `infer` reads its inputs (from the flags). */
export interface InferRun {
  /** Inference options from the flags (draft, discriminator, hints, stats). */
  options: InferOptions;
  /** `--format`; default `auto`. */
  format: TextFormat;
  /** `--each`: each input is one array whose elements are the samples. */
  each: boolean;
  /** `--jobs`; default `os.availableParallelism()`. */
  jobs: number;
  /** Bytes of file each thread needs (fewer threads for smaller files); default `DEFAULT_PARALLEL_MIN_BYTES` (24 MB). */
  parallelMinBytes: number;
  /** How ranges run; default: threads when the compiled worker exists (see `engine/pool.ts`). */
  runner?: ShardRunner;
}

/** `fieldkit infer`. */
export const inferCommand: Command = {
  name: 'infer',
  summary: 'infer a JSON Schema from JSON / NDJSON samples (files or stdin)',
  help: HELP,
  async run(argv, io) {
    let args;
    let options;
    let run: InferRun;
    try {
      args = parseArgs(argv, SPECS);
      options = inferOptionsFromArgs(args);
      const format = stringFlag(args, 'format') ?? 'auto';
      if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${format}"`);
      const each = booleanFlag(args, 'each');
      if (each && format === 'ndjson') throw new UsageError('--each reads one JSON array; it cannot be combined with --format ndjson');
      run = {
        options,
        format: format as TextFormat,
        each,
        jobs: positiveIntFlag(args, 'jobs') ?? availableParallelism(),
        parallelMinBytes: parallelMinBytes(io.env),
      };
    } catch (err) {
      return usageFailure(io, 'infer', err);
    }

    const inputs = await resolveInputs(args.positionals, io);
    if (!inputs.ok) {
      printIssues(io.stderr, inputs.issues);
      return EXIT_USAGE;
    }
    if (io.stdin.isTTY === true && inputs.value.some((i) => i.kind === 'stdin')) {
      // Someone typed `fieldkit infer` without a file: say what it is waiting for.
      io.stderr.write('fieldkit infer: reading samples from stdin (end with Ctrl-D; see --help)\n');
    }
    const inferrer = createInferrer(options);
    const sized = inputs.value.every((i) => i.kind === 'file' && i.regular !== false);
    const total = sized ? inputs.value.reduce((a, i) => a + (i.kind === 'file' ? i.size : 0), 0) : undefined;
    const progress = createProgress(io.stderr, total, io.env, { enabled: !booleanFlag(args, 'no-progress') });

    const read = await inferInputs(inputs.value, inferrer, run, io, progress);
    progress?.done();
    if (read.issues.length > 0) {
      printIssues(io.stderr, read.issues, MAX_ISSUES);
      if (read.stoppedEarly && read.issues.length >= MAX_ISSUES) io.stderr.write(`(stopped reading after ${MAX_ISSUES} errors)\n`);
      return EXIT_USAGE;
    }
    if (inferrer.count === 0) {
      const names = inputs.value.map((i) => i.name).join(', ');
      io.stderr.write(`fieldkit infer: empty input: no JSON samples in ${names}\n`);
      return EXIT_USAGE;
    }
    for (const name of read.emptyInputs) io.stderr.write(`${name}: warning: no JSON samples in this input\n`);
    // A hint at a path the samples never have (a typo such as /dataFeilds/plan) would otherwise do
    // nothing without a word: say so, with the near-miss path when there is one.
    const hintWarnings = inferrer.checkHints();
    if (hintWarnings.length > 0) printIssues(io.stderr, hintWarnings.map((i) => ({ ...i, source: i.source ?? '--hint' })), MAX_ISSUES);
    return writeResults(io, inferrer, args);
  },
};

interface ReadOutcome {
  issues: Issue[];
  stoppedEarly: boolean;
  emptyInputs: string[];
}

/**
 * Read every input into `inferrer`, in order. Stops after {@link MAX_ISSUES} issues. Exported
 * for tests that force the shard runner.
 */
export async function inferInputs(
  inputs: readonly InputSource[],
  inferrer: Inferrer,
  run: InferRun,
  io: Pick<CommandIO, 'stdin' | 'stderr'>,
  progress?: ProgressBar,
): Promise<ReadOutcome> {
  const issues: Issue[] = [];
  const emptyInputs: string[] = [];
  let stoppedEarly = false;
  let doneBytes = 0;
  let doneSamples = 0;
  for (const [k, input] of inputs.entries()) {
    const before = inferrer.count;
    const onProgress = (b: number, s: number) => progress?.update(doneBytes + b, doneSamples + s);
    const maxIssues = MAX_ISSUES - issues.length;
    const inRun = runForInput(run, input.name);
    const plan = await planShards(input, inRun, maxIssues);
    let result: { issues: Issue[]; stoppedEarly: boolean; bytes: number } | undefined;
    let shards: ShardsOutcome | undefined;
    if (plan) {
      try {
        shards = await runShards(plan.tasks, plan.lanes, onProgress, run.runner, k < inputs.length - 1);
      } catch (err) {
        // Threads are an optimisation: if one fails (a broken install, a resource limit), say so
        // and read the file on this thread instead of failing the run.
        progress?.done();
        io.stderr.write(`fieldkit infer: warning: worker threads failed (${(err as Error).message.split('\n')[0]}); reading ${input.name} on one thread\n`);
      }
    }
    if (plan && shards) {
      const combined = combineShards(shards.results);
      // Range parse errors under `auto` may come from a wrong NDJSON guess: the sequential
      // reader has the final word (and gives the whole-file line numbers).
      if (combined.issues.length === 0) {
        for (const s of shards.states) inferrer.merge(s);
        result = combined;
      } else if (inRun.format !== 'auto') result = combined;
    }
    if (!result) applyLateLeanFlags();
    // (Not after threads read the file: their lanes scanned it already, and gave up.)
    const layout = !result && !shards && input.kind === 'file' ? await scanLayout(input, inRun) : null;
    if (layout !== null && input.kind === 'file') {
      // Scanned into an inferrer of its own (merged on success), so that when the scanner gives
      // up, the exact reader below reads the file again into an inferrer that holds none of it.
      const own = createInferrer(inRun.options);
      let scanned: Awaited<ReturnType<typeof scanRange>> = null;
      try {
        scanned = layout === 'ndjson' ? await scanRange(input.path, 0, Infinity, own, onProgress) : await scanValuesFile(input.path, layout, own, onProgress);
      } catch {
        // unreadable: the exact reader below says why
      }
      if (scanned !== null) {
        inferrer.merge(own);
        result = { issues: [], stoppedEarly: false, bytes: scanned.bytes };
      }
    }
    if (!result) {
      try {
        result = await feedChunks(readChunks(input, io), inferrer, { format: inRun.format, each: run.each, source: input.name, maxIssues, onProgress });
      } catch (err) {
        issues.push(issue('cli/input', `cannot read: ${(err as Error).message}`, { source: input.name }));
        break;
      }
    }
    issues.push(...sortIssues(result.issues));
    doneBytes += result.bytes;
    doneSamples += inferrer.count - before;
    if (inferrer.count === before && result.issues.length === 0) emptyInputs.push(input.name);
    if (result.stoppedEarly || issues.length >= MAX_ISSUES) {
      stoppedEarly = true;
      break;
    }
  }
  // Workers started for nothing (the inputs turned out small or not NDJSON) end now, while the
  // schema is written, rather than at the process exit.
  stopParkedWorkers();
  return { issues: issues.slice(0, MAX_ISSUES), stoppedEarly, emptyInputs };
}

/**
 * Under `--format auto`, a file named `*.ndjson` or `*.jsonl` is read as NDJSON: its name says
 * one value per line, so a broken line is reported as that line, not as a concatenated-JSON guess.
 */
export function runForInput(run: InferRun, name: string): InferRun {
  return run.format === 'auto' && !run.each && /\.(ndjson|jsonl)$/i.test(name) ? { ...run, format: 'ndjson' } : run;
}

/**
 * How `input`, read on this thread, goes through the scanner first, or null when it goes
 * straight to the exact reader: a regular file of at least core's `SCAN_MIN_LENGTH` bytes (below
 * it the exact reader is as fast) is scanned as NDJSON lines (`engine/scan-range.ts`: by
 * `--format`, its name or a look at its start), as the elements of one array (`--each`), or as
 * concatenated JSON values (`engine/scan-values.ts`).
 */
async function scanLayout(input: InputSource, run: InferRun): Promise<'ndjson' | ValuesLayout | null> {
  if (input.kind !== 'file' || input.regular === false || input.size < SCAN_MIN_LENGTH) return null;
  if (run.each) return 'each';
  if (run.format !== 'auto') return run.format;
  try {
    return (await looksLikeNdjson(input.path)) ? 'ndjson' : 'json';
  } catch {
    return null; // the exact reader reports why it cannot be read
  }
}

/**
 * Shard tasks for `input` and the threads to run them on, or undefined when it should be read on
 * this thread: stdin, `--each`, `--jobs 1`, files too small to share (`lanesFor`), and files that
 * are not NDJSON (explicitly or by a look at the start).
 */
async function planShards(input: InputSource, run: InferRun, maxIssues: number): Promise<{ tasks: ShardTask[]; lanes: number } | undefined> {
  if (input.kind !== 'file' || input.regular === false || run.each || run.jobs < 2 || run.format === 'json') return undefined;
  const lanes = lanesFor(input.size, run.jobs, run.parallelMinBytes);
  if (lanes < 2) return undefined;
  if (run.format === 'auto' && !(await looksLikeNdjson(input.path))) return undefined;
  // Many ranges, shrinking towards the end: lanes that start late (a worker booting) or read
  // slower even out, and they run out of work at nearly the same moment.
  const ranges = await splitAtNewlinesNear(input.path, input.size, guidedCuts(input.size, lanes));
  if (ranges.length < 2) return undefined;
  const tasks = ranges.map((r): ShardTask => ({ path: input.path, source: input.name, start: r.start, end: r.end, format: 'ndjson', options: run.options, maxIssues }));
  return { tasks, lanes };
}

/**
 * Put shard issues in whole-file coordinates: shard k's line numbers are shifted by the newlines
 * of shards 0..k-1 and its sample numbers by their samples. Once a shard stopped early its counts
 * are partial, so later shards' issues are dropped (they would come after the cut-off anyway).
 */
export function combineShards(shards: readonly ShardResult[]): { issues: Issue[]; stoppedEarly: boolean; bytes: number } {
  const issues: Issue[] = [];
  let lineOffset = 0;
  let sampleOffset = 0;
  let bytes = 0;
  let stoppedEarly = false;
  for (const s of shards) {
    bytes += s.bytes;
    if (stoppedEarly) continue;
    for (const i of s.issues) {
      issues.push({
        ...i,
        ...(i.line !== undefined ? { line: i.line + lineOffset } : {}),
        ...(i.sample !== undefined ? { sample: i.sample + sampleOffset } : {}),
      });
    }
    lineOffset += s.newlines;
    sampleOffset += s.samples;
    stoppedEarly = s.stoppedEarly;
  }
  return { issues, stoppedEarly, bytes };
}

function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
