import type { CommandSpec } from '../command.js';
import { authGoogleCommand } from './auth/auth-google-command.js';
import { authGoproCommand } from './auth/auth-gopro-command.js';
import { authLogoutCommand } from './auth/auth-logout-command.js';
import { authStatusCommand } from './auth/auth-status-command.js';
import { backendsCommand } from './backends/backends-command.js';
import { demoCommand } from './demo/demo-command.js';
import { doctorCommand } from './doctor/doctor-command.js';
import { resumeCommand } from './resume/resume-command.js';
import { retryCommand } from './retry/retry-command.js';
import { sessionsCommand } from './sessions/sessions-command.js';
import { statusCommand } from './status/status-command.js';
import { syncCommand } from './sync/sync-command.js';
import { webCommand } from './web/web-command.js';
import { workerCommand } from './worker/worker-command.js';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  syncCommand,
  resumeCommand,
  retryCommand,
  statusCommand,
  sessionsCommand,
  backendsCommand,
  authGoogleCommand,
  authGoproCommand,
  authStatusCommand,
  authLogoutCommand,
  doctorCommand,
  demoCommand,
  webCommand,
  workerCommand,
];
