/**
 * `GET /api/stream`: Server-Sent Events of every run of this server. It opens with a snapshot of
 * the runs' progress (so a page loaded mid-run catches up), then sends `progress` messages
 * (throttled while bytes flow) and `event` messages (the event-log entries) as they happen.
 */
import { redactSecrets } from '@q2google/core';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { StreamMessage } from '../../shared/api-types.js';
import type { WebAppDeps, WebEnv } from '../app.js';

/** How often an idle stream sends a comment so proxies and browsers keep it open. */
const HEARTBEAT_MS = 15_000;

/** The event-stream route. */
export function streamRoutes(deps: WebAppDeps) {
  const app = new Hono<WebEnv>();
  app.get('/stream', (c) =>
    streamSSE(c, async (stream) => {
      const queue: StreamMessage[] = [{ kind: 'snapshot', runs: deps.runs.all() }];
      let wake: (() => void) | undefined;
      const unsubscribe = deps.runs.subscribe((message) => {
        queue.push(message);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      try {
        while (!stream.aborted) {
          const message = queue.shift();
          if (message) {
            const data = redactSecrets(JSON.stringify(message), deps.connections.secrets());
            await stream.writeSSE({ event: message.kind, data });
            continue;
          }
          const idle = new Promise<void>((resolve) => {
            wake = resolve;
          });
          const timedOut = await Promise.race([idle.then(() => false), later(HEARTBEAT_MS)]);
          wake = undefined;
          if (timedOut && !stream.aborted) await stream.write(': keep-alive\n\n');
        }
      } finally {
        unsubscribe();
      }
    }),
  );
  return app;
}

function later(ms: number): Promise<boolean> {
  return new Promise((resolve) => setTimeout(() => resolve(true), ms).unref());
}
