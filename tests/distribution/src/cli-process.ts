/** Running the installed `q2google` command of a user's folder. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The environment of an installed CLI: no workspace leaks (NODE_PATH, Q2G_* of the caller). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('Q2G_') && key !== 'NODE_PATH' && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** The installed CLI's entry. */
export function binOf(project: string): string {
  return join(project, 'node_modules', '@q2google', 'cli', 'dist', 'bin.js');
}

/** Runs `q2google …` in `project`; never throws on a non-zero exit. */
export async function q2google(
  project: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [binOf(project), ...args], {
      cwd: project,
      env: cleanEnv(env),
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Starts `q2google …` in `project` and resolves with the first stdout line matching `pattern`. */
export function startQ2google(
  project: string,
  args: readonly string[],
  pattern: RegExp,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [binOf(project), ...args], {
    cwd: project,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const look = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = output.match(pattern);
      if (match) resolve({ child, match });
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.once('exit', (code) =>
      reject(new Error(`q2google ${args.join(' ')} exited (${code}) before printing:\n${output}`)),
    );
  });
}
