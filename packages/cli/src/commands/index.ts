import type { Command } from '../command.js';
import { inferCommand } from './infer.js';
import { mergeCommand } from './merge.js';

/**
 * Every `fieldkit` command, in the order `fieldkit --help` lists them. One file per command
 * under this folder; add yours to this list.
 */
export const COMMANDS: Command[] = [inferCommand, mergeCommand];
