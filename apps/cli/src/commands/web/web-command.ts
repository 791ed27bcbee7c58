import { Q2gError } from '@q2google/core';
import type { StartWebServerOptions, WebServer } from '@q2google/web';
import { configFlagsFrom } from '../../args/config-flags.js';
import type { CommandSpec } from '../../command.js';
import { SUCCESS } from '../../outcome.js';

/** What the command needs from `@q2google/web`. */
export interface WebPackage {
  startWebServer(options: StartWebServerOptions): Promise<WebServer>;
  parseAllowHosts(values: readonly string[] | undefined): string[];
}

/**
 * Loads `@q2google/web` only when `q2google web` runs (it is a dependency of the CLI, so every
 * other command starts without the web server's code).
 *
 * @param importWeb - imports the package; injected in tests.
 * @returns the package's `startWebServer` and `parseAllowHosts`.
 * @throws Q2gError `CONFIG_INVALID` with the install command when the package is missing.
 */
export async function loadWebPackage(
  importWeb: () => Promise<WebPackage> = () => import('@q2google/web'),
): Promise<WebPackage> {
  try {
    return await importWeb();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Q2gError('CONFIG_INVALID', 'The dashboard package @q2google/web is not installed.', {
      hint: 'Install it next to the CLI: npm install -g @q2google/web (or reinstall @q2google/cli).',
      cause: error,
    });
  }
}

function portOf(value: unknown): number {
  if (value === undefined) return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Q2gError(
      'CONFIG_INVALID',
      `--port must be a port number (0 to 65535), got "${value}".`,
      {
        hint: 'Run `q2google web --help`.',
      },
    );
  }
  return port;
}

/** `q2google web`, with the package loader injectable for tests. */
export function createWebCommand(
  load: () => Promise<WebPackage> = () => loadWebPackage(),
): CommandSpec {
  return {
    name: 'web',
    summary: 'start the local dashboard: connect accounts, run and watch syncs in the browser',
    usage: 'web [--port 8787] [--host 127.0.0.1] [--allow-host NAME]… [--demo]',
    details: [
      '',
      'Prints a link with a one-time access token; open it once. Stops on Ctrl-C after saving.',
      '--port 0 picks a free port. --demo runs against the sandbox emulators (no account needed).',
      '--host other than 127.0.0.1 makes the dashboard reachable from elsewhere and is refused',
      'unless --allow-host names each host name it is opened by (repeatable or comma-separated).',
    ],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      demo: { type: 'boolean' },
    },
    async run({ ctx, printer, args }) {
      const port = portOf(args.values.port);
      const web = await load();
      const host = typeof args.values.host === 'string' ? args.values.host : '127.0.0.1';
      const allowHosts = web.parseAllowHosts(args.values['allow-host'] as string[] | undefined);
      const server = await web.startWebServer({
        host,
        port,
        allowHosts,
        demo: args.values.demo === true,
        config: {
          flags: configFlagsFrom(args.values),
          env: ctx.env,
          cwd: ctx.cwd,
          homeDir: ctx.homeDir,
        },
        print: (line) => printer.result(line),
      });
      await new Promise<void>((resolve) => {
        const stop = ctx.onInterrupt(() => {
          stop();
          resolve();
        });
      });
      printer.line('Stopping: cancelling runs and saving…');
      await server.close();
      return SUCCESS;
    },
  };
}

/** `q2google web`. */
export const webCommand = createWebCommand();
