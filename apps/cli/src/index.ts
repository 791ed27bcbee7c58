/** @q2google/cli — the `q2google` command, and its pieces for embedding and testing. */
export type { CommandInput, CommandSpec } from './command.js';
export { COMMANDS } from './commands/index.js';
export type { CliClock, CliConfig, CliContext, OutputMode, Prompts, TextOut } from './context.js';
export { EXIT_CODES, exitCodeForError } from './exit-codes.js';
export { GLOBAL_OPTIONS, main } from './main.js';
export type { Outcome } from './outcome.js';
export { createPrinter, type Printer } from './output/printer.js';
export { ProgressModel, type ProgressSnapshot } from './progress/progress-model.js';
export { observeBackend } from './run/observe-backend.js';
export type { Services } from './services.js';
export { createVirtualClock, type VirtualClock } from './wiring/process-clock.js';
export { createProcessContext } from './wiring/process-context.js';
export { createRealClouds, createRealServices } from './wiring/real-services.js';
