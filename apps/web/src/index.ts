/** @q2google/web — the local dashboard's server: build the app, or start it on 127.0.0.1. */

export type { Connections, SyncClients } from './server/accounts/connections.js';
export { createWebApp, type WebAppDeps } from './server/app.js';
export { type BackendAccess, createBackendAccess } from './server/backend-access.js';
export { parseAllowHosts } from './server/bind-hosts.js';
export { EventLog } from './server/runs/event-log.js';
export { RunManager } from './server/runs/run-manager.js';
export { AccessGate } from './server/security/access-gate.js';
export {
  type StartWebServerOptions,
  startWebServer,
  type WebServer,
} from './server/start-server.js';
