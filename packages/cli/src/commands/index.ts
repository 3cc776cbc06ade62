import type { Command } from '../command.js';
import { inferCommand } from './infer.js';
import { mergeCommand } from './merge.js';
import { captureCommand } from './capture.js';
import { rebuildCommand } from './rebuild.js';
import { typesCommand } from './types.js';
import { validateCommand } from './validate.js';

/**
 * Every `fieldkit` command, in the order `fieldkit --help` lists them. One file per command
 * under this folder; add yours to this list.
 */
export const COMMANDS: Command[] = [inferCommand, mergeCommand, captureCommand, rebuildCommand, typesCommand, validateCommand];
