/**
 * The live view of runs: one EventSource on `/api/stream` for the whole page. Components read
 * the latest progress per session and the events as they arrive, through `useLive`.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LoggedEvent, StreamMessage } from '../shared/api-types.js';
import type { RunProgress } from '../shared/run-progress.js';

type Listener = () => void;

const runs = new Map<string, RunProgress>();
const events: { sessionId: string; event: LoggedEvent }[] = [];
const listeners = new Set<Listener>();
let source: EventSource | undefined;
let version = 0;
let connected = false;

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

function connect(): void {
  if (source) return;
  source = new EventSource('/api/stream');
  const handle = (raw: MessageEvent<string>) => {
    const message = JSON.parse(raw.data) as StreamMessage;
    if (message.kind === 'snapshot') {
      for (const run of message.runs) runs.set(run.sessionId, run);
    } else if (message.kind === 'progress') {
      runs.set(message.run.sessionId, message.run);
    } else {
      events.push({ sessionId: message.sessionId, event: message.event });
      if (events.length > 2000) events.splice(0, events.length - 2000);
    }
    changed();
  };
  for (const kind of ['snapshot', 'progress', 'event']) source.addEventListener(kind, handle);
  source.onopen = () => {
    connected = true;
    changed();
  };
  source.onerror = () => {
    connected = false;
    changed();
  };
}

/** Re-renders on every stream message; returns the live runs and events. */
export function useLive() {
  const [, setVersion] = useState(version);
  useEffect(() => {
    connect();
    const listener = () => setVersion(version);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return {
    connected,
    run: (sessionId: string) => runs.get(sessionId),
    running: () => [...runs.values()].filter((r) => r.state === 'running'),
    eventsOf: (sessionId: string) =>
      events.filter((e) => e.sessionId === sessionId).map((e) => e.event),
    version,
  };
}
