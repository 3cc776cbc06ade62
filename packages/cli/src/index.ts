export { main } from './main.js';
export type { Command, CommandIO } from './command.js';
export { COMMANDS } from './commands/index.js';
