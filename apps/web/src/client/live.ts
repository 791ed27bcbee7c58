/**
 * The live view of runs: one stream of `/api/stream` for the whole page, read with `fetch` so it
 * carries the page key in a header (EventSource cannot send one); reconnects with a growing
 * pause. Components read the latest progress per session and the events as they arrive, through
 * `useLive`. A `resync` (the server dropped messages this page was too slow to take) clears the
 * events and bumps `resyncs`, which views use to refetch; a fresh snapshot follows it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LoggedEvent, StreamMessage } from '../shared/api-types.js';
import type { RunProgress } from '../shared/run-progress.js';
import { pageKeyHeaders } from './page-key.js';
import { readServerSentEvents } from './sse.js';

type Listener = () => void;

const runs = new Map<string, RunProgress>();
const events: { sessionId: string; event: LoggedEvent }[] = [];
const listeners = new Set<Listener>();
let started = false;
let version = 0;
let resyncs = 0;
let connected = false;

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

function handle(message: StreamMessage): void {
  if (message.kind === 'snapshot') {
    for (const run of message.runs) runs.set(run.sessionId, run);
  } else if (message.kind === 'progress') {
    runs.set(message.run.sessionId, message.run);
  } else if (message.kind === 'resync') {
    events.length = 0;
    resyncs += 1;
  } else {
    events.push({ sessionId: message.sessionId, event: message.event });
    if (events.length > 2000) events.splice(0, events.length - 2000);
  }
  changed();
}

async function connect(): Promise<void> {
  if (started) return;
  started = true;
  let pause = 1000;
  for (;;) {
    try {
      const response = await fetch('/api/stream', {
        credentials: 'same-origin',
        headers: { ...pageKeyHeaders(), accept: 'text/event-stream' },
      });
      if (response.ok && response.body) {
        connected = true;
        pause = 1000;
        changed();
        await readServerSentEvents(response.body, (data) => handle(JSON.parse(data)));
      }
    } catch {
      // A dropped connection: try again after the pause.
    }
    connected = false;
    changed();
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 30_000);
  }
}

/** Re-renders on every stream message; returns the live runs and events. */
export function useLive() {
  const [, setVersion] = useState(version);
  useEffect(() => {
    void connect();
    const listener = () => setVersion(version);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return {
    connected,
    /** How many times the page fell behind the stream; refetch when it changes. */
    resyncs,
    run: (sessionId: string) => runs.get(sessionId),
    running: () => [...runs.values()].filter((r) => r.state === 'running'),
    eventsOf: (sessionId: string) =>
      events.filter((e) => e.sessionId === sessionId).map((e) => e.event),
    version,
  };
}
