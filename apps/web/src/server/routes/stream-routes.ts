/**
 * `GET /api/stream`: Server-Sent Events of every run of this server. It opens with a snapshot of
 * the runs' progress (so a page loaded mid-run catches up), then sends `progress` messages
 * (throttled while bytes flow) and `event` messages (the event-log entries) as they happen.
 *
 * The page reads it with `fetch` (not EventSource), so the request carries the page key in a
 * header like every other API call: one way to authenticate, and no credential in a URL (a
 * stream ticket in the query would land in logs and history, and EventSource's own reconnect
 * would replay a used ticket anyway, so reconnecting is the page's job either way).
 *
 * Bounded: a few streams per browser session; a client that stops reading has its queue
 * replaced by one `resync` message once it holds too many (then a fresh snapshot is sent).
 */
import { redactSecrets } from '@q2google/core';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { StreamMessage } from '../../shared/api-types.js';
import type { WebAppDeps, WebEnv } from '../app.js';
import { jsonError } from '../http-errors.js';

/** How often an idle stream sends a comment so proxies and browsers keep it open. */
const HEARTBEAT_MS = 15_000;
/** Live streams one browser session may hold (a few tabs of the same page). */
export const MAX_STREAMS_PER_SESSION = 4;
/** Messages waiting for one slow client before they are dropped for a `resync`. */
export const MAX_QUEUED_MESSAGES = 500;

/** The event-stream route. */
export function streamRoutes(deps: WebAppDeps) {
  const app = new Hono<WebEnv>();
  const open = new Map<string, number>();

  app.get('/stream', (c) => {
    const session = c.get('session');
    const count = open.get(session.id) ?? 0;
    if (count >= MAX_STREAMS_PER_SESSION) {
      return jsonError(
        c,
        429,
        'TOO_MANY_STREAMS',
        'This session has too many live views open; close a tab.',
      );
    }
    open.set(session.id, count + 1);
    const release = () => {
      const left = (open.get(session.id) ?? 1) - 1;
      if (left > 0) open.set(session.id, left);
      else open.delete(session.id);
    };
    return streamSSE(c, async (stream) => {
      let queue: StreamMessage[] = [{ kind: 'snapshot', runs: deps.runs.all() }];
      let wake: (() => void) | undefined;
      const unsubscribe = deps.runs.subscribe((message) => {
        if (queue.length >= MAX_QUEUED_MESSAGES) queue = [{ kind: 'resync' }];
        else queue.push(message);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      const send = async (message: StreamMessage) => {
        const data = redactSecrets(JSON.stringify(message), deps.connections.secrets());
        await stream.writeSSE({ event: message.kind, data });
      };
      try {
        while (!stream.aborted) {
          deps.gate.touch(session);
          const message = queue.shift();
          if (message) {
            await send(message);
            if (message.kind === 'resync') await send({ kind: 'snapshot', runs: deps.runs.all() });
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
        release();
      }
    });
  });
  return app;
}

function later(ms: number): Promise<boolean> {
  return new Promise((resolve) => setTimeout(() => resolve(true), ms).unref());
}
