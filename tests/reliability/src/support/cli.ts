/**
 * Runs the built `q2google` binary (apps/cli/dist/bin.js) the way a user does, with only the
 * environment a test gives it, and lets the test SIGKILL it when an event or a marker shows up.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);

/** The built CLI entry; `turbo run test` builds it first (turbo.json: ^build). */
export const CLI_BIN = join(dirname(require.resolve('@q2google/cli/package.json')), 'dist/bin.js');

/** Throws a clear error when the CLI has not been built. */
export function assertCliBuilt(): void {
  if (!existsSync(CLI_BIN)) {
    throw new Error(
      `Build the CLI first: ${CLI_BIN} is missing (pnpm exec turbo run build --filter @q2google/cli...).`,
    );
  }
}

/** One NDJSON record the CLI printed with `--json` (an engine event or a command record). */
export interface CliEvent {
  type: string;
  stage?: string;
  key?: string;
  status?: string;
  code?: string;
  sent?: number;
  [field: string]: unknown;
}

/** How a CLI run ended. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  events: CliEvent[];
  /** Why the test killed it, or undefined when it ran to its end. */
  killedAt: string | undefined;
}

/** Options of {@link runCli}. */
export interface CliRunOptions {
  cwd: string;
  env: Record<string, string>;
  /** Extra `node` flags, e.g. `--import` of a hook module. */
  nodeArgs?: string[];
  /** Sees every parsed NDJSON event; may call `kill`. */
  onEvent?: (event: CliEvent, kill: (why: string) => void) => void;
  /** Sees every stderr line; may call `kill`. */
  onStderr?: (line: string, kill: (why: string) => void) => void;
  /** Called once the process is running; may call `kill` (e.g. from a timer or a poll). */
  onStart?: (kill: (why: string) => void) => void;
}

/** Runs `q2google <args>` and resolves when the process is gone. */
export function runCli(args: string[], options: CliRunOptions): Promise<CliResult> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI_BIN, ...args], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: options.cwd,
      NO_COLOR: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let killedAt: string | undefined;
  const kill = (why: string) => {
    if (killedAt !== undefined || child.exitCode !== null || child.signalCode !== null) return;
    killedAt = why;
    child.kill('SIGKILL');
  };
  const events: CliEvent[] = [];
  let [stdout, stderr] = ['', ''];
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdout += `${line}\n`;
    if (!line.startsWith('{')) return;
    let event: CliEvent;
    try {
      event = JSON.parse(line) as CliEvent;
    } catch {
      return;
    }
    events.push(event);
    options.onEvent?.(event, kill);
  });
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr += `${line}\n`;
    options.onStderr?.(line, kill);
  });
  options.onStart?.(kill);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr, events, killedAt }),
    );
  });
}
