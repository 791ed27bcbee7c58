/**
 * Starts the dashboard: reads the settings, opens the state backend, wires the accounts (or the
 * sandbox in demo mode), listens on 127.0.0.1 and prints the launch URL with its one-time token.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createBackendRegistry } from '@q2google/core';
import { type ConfigSources, engineOptionsOf, loadConfig } from '@q2google/core/config';
import { createGooglePhotosSinkFromSettings } from '@q2google/sink-gphotos';
import type { Connections } from './accounts/connections.js';
import { createConnections } from './accounts/real-connections.js';
import { createWebApp } from './app.js';
import { createBackendAccess } from './backend-access.js';
import { answerHosts, checkBindHost, hostWithPort, isLoopback } from './bind-hosts.js';
import { ThumbnailService } from './gallery/thumbnail-service.js';
import { engineRequestCount } from './quota/engine-request-count.js';
import { DashboardRequestCount, sandboxRequestCount } from './quota/quota-view.js';
import { EventLog } from './runs/event-log.js';
import { RunManager } from './runs/run-manager.js';
import { AccessGate } from './security/access-gate.js';
import { DEMO_RANGE, type DemoOptions, startDemo } from './wiring/demo.js';
import { WEB_SETTINGS } from './wiring/web-config.js';

/** Options of {@link startWebServer}. */
export interface StartWebServerOptions {
  /** Address to bind; 127.0.0.1 by default. Any non-loopback address needs `allowHosts`. */
  host?: string;
  /** Host names (or addresses) the dashboard is opened by; only these `Host` headers answer. */
  allowHosts?: readonly string[];
  /** Port; 8787 by default, 0 for any free one. */
  port?: number;
  /** Run against the sandbox emulators. */
  demo?: boolean | DemoOptions;
  /** Settings as flags would give them, the environment and the project folder. */
  config?: ConfigSources;
  /** Folder of the built browser client; found beside the bundle by default. */
  clientDir?: string;
  /** Where the launch URL and notices go; stdout by default. */
  print?: (line: string) => void;
}

/** A running dashboard. */
export interface WebServer {
  /** The launch URL, with the one-time access token. */
  url: string;
  /** The server's origin, e.g. `http://127.0.0.1:8787`. */
  origin: string;
  /** In demo mode: the Google Photos emulator's URL (tests read its counters). */
  sandboxGoogleUrl?: string;
  /** Cancels runs (saving their state), stops listening and closes the backend. */
  close(): Promise<void>;
}

/** Where the built browser client is: beside the bundle, or in dist/ when run from sources. */
function findClientDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'client'), join(here, '../../dist/client')].find((dir) =>
    existsSync(join(dir, 'index.html')),
  );
}

/** Starts the dashboard and prints its launch URL. */
export async function startWebServer(options: StartWebServerOptions = {}): Promise<WebServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const host = options.host ?? '127.0.0.1';
  const allowHosts = options.allowHosts ?? [];
  checkBindHost(host, allowHosts);
  const { config: loaded } = loadConfig({ settings: WEB_SETTINGS, ...options.config });
  const cwd = options.config?.cwd ?? process.cwd();
  const demo = options.demo
    ? await startDemo(loaded, options.demo === true ? {} : options.demo)
    : undefined;
  const config = demo?.config ?? loaded;
  const connections: Connections = demo?.connections ?? createConnections(config);
  const registry = createBackendRegistry({
    cwd,
    plugins: config.plugins,
    searchDirs: [dirname(fileURLToPath(import.meta.url))],
  });
  const access = await createBackendAccess({ target: config.stateUri, registry });
  const log = new EventLog({ dir: join(demo?.dir ?? dirname(config.googleTokenFile), 'web-logs') });
  const counted = new DashboardRequestCount();
  // Only the sink's declared limits are read (no request is made): its quota, budget and costs.
  const sinkLimits = createGooglePhotosSinkFromSettings(config).limits;
  const quota = demo
    ? sandboxRequestCount(config.gphotosApiUrl, counted)
    : engineRequestCount(access, sinkLimits.requestQuota!, counted);
  const thumbnails = new ThumbnailService({ clients: () => connections.clients() });
  const runs = new RunManager({
    access,
    connections,
    log,
    engine: engineOptionsOf(config),
    quota: counted,
  });
  const gate = new AccessGate();
  let hosts: string[] = [];
  const clientDir = options.clientDir ?? findClientDir();
  const app = createWebApp({
    gate,
    access,
    connections,
    runs,
    log,
    hosts: () => hosts,
    ...(clientDir ? { clientDir } : {}),
    demo: demo ? DEMO_RANGE : null,
    thumbnails,
    quota,
    sinkLimits,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8787 }, () =>
      resolve(started),
    );
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  hosts = answerHosts(host, port, allowHosts);
  const origin = `http://${isLoopback(host) ? hostWithPort(host, port) : hosts[0]}`;
  const url = `${origin}/auth?token=${gate.accessToken}`;
  if (!isLoopback(host)) {
    print(
      `Warning: listening on ${host}, not only this computer (answering to ${hosts.join(', ')}); anyone who can reach it and gets the link can use your accounts.`,
    );
  }
  if (!clientDir)
    print('Note: the browser client is not built; run `pnpm --filter @q2google/web build`.');
  print(`q2google dashboard${demo ? ' (demo: sandbox emulators, no real accounts)' : ''}`);
  print(`State: ${access.displayUri}`);
  print(`Open this link once (it holds a one-time access token): ${url}`);
  return {
    url,
    origin,
    ...(demo ? { sandboxGoogleUrl: config.gphotosApiUrl } : {}),
    async close() {
      await runs.shutdown();
      await thumbnails.close();
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
      await access.close();
      await log.flushed();
      await demo?.close();
    },
  };
}
