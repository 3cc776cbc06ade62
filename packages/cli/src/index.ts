export { main } from './main.js';
export type { Command, CommandIO } from './command.js';
export { COMMANDS, loadCommands, type CommandEntry } from './commands/index.js';
