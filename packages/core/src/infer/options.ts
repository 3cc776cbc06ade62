import type { SchemaDraft } from '../types.js';

/**
 * A per-path instruction that overrides a heuristic (as in jtd-infer's hints):
 * - `enum` / `no-enum`: force or forbid an `enum` for the strings at that path;
 * - `map` / `no-map`: force or forbid describing the object at that path as a map
 *   (`additionalProperties: <value schema>`) instead of `properties`;
 * - `discriminator`: the root property at that path is the event-type field (root only);
 * - `no-format`: never write a `format` at that path.
 */
export type Hint = 'enum' | 'no-enum' | 'map' | 'no-map' | 'discriminator' | 'no-format';

/** Every hint name, for checking user input. */
export const HINTS: readonly Hint[] = ['enum', 'no-enum', 'map', 'no-map', 'discriminator', 'no-format'];

/** How text input is split into samples. */
export type TextFormat = 'json' | 'ndjson' | 'auto';

/** Options of {@link inferSchema}, {@link createInferrer} and `Inferrer.toSchema`. */
export interface InferOptions {
  /** JSON Schema draft to write; `'draft-07'` uses `definitions` instead of `$defs`. Default `'2020-12'`. */
  draft?: SchemaDraft;
  /**
   * The event-type property at the root: one sub-schema is written per value.
   * `undefined` = auto-detect among well-known names (`eventName`, `type`, `event`, `action`…);
   * `false` = never split. A name given only to `toSchema` (not when samples were added) can
   * only be used when it is one of the well-known names.
   */
  discriminator?: string | false;
  /**
   * Hints keyed by a JSON Pointer into the DATA (`/dataFields/plan`, `/items/*\/sku`);
   * `*` matches any key or array index.
   */
  hints?: Record<string, Hint | Hint[]>;
  /** Add `x-fieldkit-stats: { seen, total }` and `examples` to every property. Default `false`. */
  stats?: boolean;
  /** Examples kept per path when `stats` is on. Default 3. */
  maxExamples?: number;
  /**
   * Data nesting levels described; deeper values get `{ description }` (accepts anything) so the
   * schema stays small enough for recursive tools (JSON.stringify, ajv, TypeScript generators).
   * Inference itself works at any depth. Default: no limit (every level is described); tools
   * that print or compile schemas of untrusted input should pass e.g. 256.
   */
  maxDepth?: number;
}

/** Default of {@link InferOptions.maxDepth}: no limit. */
export const DEFAULT_MAX_DEPTH = Number.POSITIVE_INFINITY;

/** Defaults for {@link InferOptions}. */
export const DEFAULT_INFER_OPTIONS: Required<InferOptions> = Object.freeze({
  draft: '2020-12',
  discriminator: undefined as unknown as string | false,
  hints: Object.freeze({}) as Record<string, Hint | Hint[]>,
  stats: false,
  maxExamples: 3,
  maxDepth: DEFAULT_MAX_DEPTH,
}) as Required<InferOptions>;

/** Options of a text reader. */
export interface TextReaderOptions {
  /** How the text is split into samples. Default `'auto'` (NDJSON when the first line is a whole value and more lines follow). */
  format?: TextFormat;
  /** Name of the input, copied into issues (file name, `stdin`). */
  source?: string;
  /** Lines already consumed before this text (added to reported line numbers). Default 0. */
  lineOffset?: number;
  /** Samples already read before this text (added to reported sample numbers). Default 0. */
  sampleOffset?: number;
}

/** Options of {@link inferSchemaFromText}. */
export interface InferTextOptions extends InferOptions {
  /** How the text is split into samples. Default `'auto'`. */
  format?: TextFormat;
  /** Name of the input for issues. */
  source?: string;
}
