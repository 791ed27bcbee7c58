import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fetchVia, sharedHttpDispatcher } from '@q2google/core';
import type { CliContext, Prompts } from '../context.js';
import { createRealServices } from './real-services.js';

/** The folder of the CLI's own install, so backends installed next to it resolve. */
function ownInstallDir(): string {
  return dirname(fileURLToPath(import.meta.url));
}

function openBrowser(url: string): Promise<boolean> {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '""', url] : [url];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true });
      child.on('error', () => resolve(false));
      child.on('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}

const prompts: Prompts = {
  ask: (question, options = {}) =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      if (options.secret) {
        const output = rl as unknown as { _writeToOutput: (text: string) => void };
        let asked = false;
        output._writeToOutput = (text: string) => {
          if (!asked) {
            process.stderr.write(text);
            asked = true;
          }
        };
      }
      rl.question(question, (answer) => {
        rl.close();
        if (options.secret) process.stderr.write('\n');
        resolve(answer);
      });
    }),
};

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
    prompts,
    clock: {
      now: () => Date.now(),
      every: (ms, fn) => {
        const timer = setInterval(fn, ms);
        timer.unref();
        return () => clearInterval(timer);
      },
    },
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
