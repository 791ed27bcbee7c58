/**
 * A web app over the memory backend and the fake clouds, with helpers that log in the way a
 * browser does (exchange the one-time token, keep the page key from the redirect's fragment,
 * read the CSRF token) and send same-origin requests carrying the page key.
 */
import { createBackendRegistry, type MediaUnit } from '@q2google/core';
import { createMemoryBackend } from '@q2google/core/testing';
import { googleRequestQuota } from '@q2google/sink-gphotos';
import { createWebApp } from '../app.js';
import { createBackendAccess } from '../backend-access.js';
import { ThumbnailService } from '../gallery/thumbnail-service.js';
import { engineRequestCount } from '../quota/engine-request-count.js';
import { DashboardRequestCount } from '../quota/quota-view.js';
import { EventLog } from '../runs/event-log.js';
import { RunManager } from '../runs/run-manager.js';
import { AccessGate, CSRF_HEADER, PAGE_KEY_HEADER } from '../security/access-gate.js';
import { FakeConnections, unit } from './fake-connections.js';

/** The address the test app believes it serves. */
export const ORIGIN = 'http://127.0.0.1:4173';
/** The launch token of the test app. */
export const LAUNCH_TOKEN = 'launch-token-for-tests-0001';

/** A test app and a logged-in browser's helpers. */
export async function createHarness(
  options: { units?: MediaUnit[]; clientDir?: string; gate?: AccessGate } = {},
) {
  const backend = createMemoryBackend();
  const gate = options.gate ?? new AccessGate({ accessToken: LAUNCH_TOKEN });
  const connections = new FakeConnections(options.units ?? [1, 2, 3].map((n) => unit(n)));
  const access = await createBackendAccess({ target: backend, registry: createBackendRegistry() });
  const log = new EventLog();
  // The engine counts and the plan counts with what the sink declares: Google's quota, the
  // fake's 100 kB raw-upload threshold.
  const requestQuota = googleRequestQuota({ rawUploadMaxBytes: 100_000 });
  connections.sink.limits.requestQuota = requestQuota;
  const counted = new DashboardRequestCount();
  const quota = engineRequestCount(access, requestQuota, counted);
  const thumbnails = new ThumbnailService({ clients: () => connections.clients() });
  const runs = new RunManager({ access, connections, log, progressIntervalMs: 5, quota: counted });
  const app = createWebApp({
    gate,
    access,
    connections,
    runs,
    log,
    hosts: () => ['127.0.0.1:4173', 'localhost:4173'],
    thumbnails,
    quota,
    sinkLimits: connections.sink.limits,
    ...(options.clientDir ? { clientDir: options.clientDir } : {}),
  });
  const call = (path: string, init: RequestInit = {}) => app.request(`${ORIGIN}${path}`, init);

  /** Exchanges the launch token like a browser: the cookie, the page key and the CSRF token. */
  async function login() {
    const exchanged = await call(`/auth?token=${LAUNCH_TOKEN}`);
    const cookie = (exchanged.headers.get('set-cookie') ?? '').split(';')[0]!;
    const key = new URLSearchParams((exchanged.headers.get('location') ?? '').split('#')[1]).get(
      'key',
    )!;
    const me = await call('/api/me', { headers: { cookie, [PAGE_KEY_HEADER]: key } });
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const get = (path: string) => call(path, { headers: { cookie, [PAGE_KEY_HEADER]: key } });
    const send = (
      method: string,
      path: string,
      body?: unknown,
      extra: Record<string, string> = {},
    ) =>
      call(path, {
        method,
        headers: {
          cookie,
          [PAGE_KEY_HEADER]: key,
          origin: ORIGIN,
          'sec-fetch-site': 'same-origin',
          [CSRF_HEADER]: csrfToken,
          'content-type': 'application/json',
          ...extra,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    return { cookie, key, csrfToken, exchanged, get, send };
  }

  return { app, backend, gate, connections, runs, log, access, quota, call, login };
}
