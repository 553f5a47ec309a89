/**
 * What a run needs once it goes past `--version`: the program (commander and the command index),
 * commander's texts and the check of the files a command names. main.ts imports this module when
 * a run needs it, in one step (start-up time, docs/speed.md).
 */
export { CommanderError } from 'commander';
export { buildProgram } from './cli.js';
export { commandPath, translateCommanderError } from './commander-texts.js';
export { guardCommandFiles } from './commands/file-flags.js';
