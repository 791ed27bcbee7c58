import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchVia, sharedHttpDispatcher } from '@q2google/core';
import type { CliContext } from '../context.js';
import { terminalPrompts } from './ask-line.js';
import { openBrowser } from './open-browser.js';
import { createProcessClock } from './process-clock.js';
import { createRealServices } from './real-services.js';

/** The folder of the CLI's own install, so backends installed next to it resolve. */
function ownInstallDir(): string {
  return dirname(fileURLToPath(import.meta.url));
}

/** The context of a real `q2google` process. */
export function createProcessContext(): CliContext {
  let presses = 0;
  const ctx: CliContext = {
    stdout: {
      write: (text) => void process.stdout.write(text),
      isTTY: process.stdout.isTTY === true,
      get columns() {
        return process.stdout.columns;
      },
    },
    stderr: {
      write: (text) => void process.stderr.write(text),
      isTTY: process.stderr.isTTY === true,
      get columns() {
        return process.stderr.columns;
      },
    },
    prompts: terminalPrompts,
    clock: createProcessClock(process.env),
    env: process.env,
    cwd: process.cwd(),
    homeDir: homedir(),
    // Through the proxy HTTPS_PROXY / HTTP_PROXY name (NO_PROXY exempt), like both clients.
    fetch: fetchVia(sharedHttpDispatcher()),
    exit: (code) => process.exit(code),
    onInterrupt: (handler) => {
      presses = 0;
      const listener = () => handler(++presses);
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
    openBrowser,
    searchDirs: [ownInstallDir()],
    services: undefined as unknown as CliContext['services'],
  };
  ctx.services = createRealServices(ctx);
  return ctx;
}
