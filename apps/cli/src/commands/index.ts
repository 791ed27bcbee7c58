import type { CommandSpec } from '../command.js';
import { backendsCommand } from './backends/backends-command.js';
import { demoCommand } from './demo/demo-command.js';
import { resumeCommand } from './resume/resume-command.js';
import { retryCommand } from './retry/retry-command.js';
import { sessionsCommand } from './sessions/sessions-command.js';
import { statusCommand } from './status/status-command.js';
import { syncCommand } from './sync/sync-command.js';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  syncCommand,
  resumeCommand,
  retryCommand,
  statusCommand,
  sessionsCommand,
  backendsCommand,
  demoCommand,
];
