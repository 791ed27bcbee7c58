/** A session's event log: what its runs reported, newest first, with live entries added. */
import { useEffect, useState } from 'preact/hooks';
import type { LoggedEvent } from '../../shared/api-types.js';
import { getJson } from '../api.js';

/** One line of text for a logged event. */
export function describeEvent(event: LoggedEvent): string {
  switch (event.type) {
    case 'run':
      return `Run ${event.state}${event.message ? `: ${event.message}` : ''}`;
    case 'session':
      return event.resumed ? 'Resumed the session' : 'Created the session';
    case 'stage-started':
      return `Stage ${event.stage} started`;
    case 'stage-done':
      return `Stage ${event.stage} done (${Object.entries(event.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')})`;
    case 'discovery-page':
      return `Discovery: ${event.unitsFound} units found (${event.newUnits} new)`;
    case 'unit-started':
      return `Transferring ${event.fileName}`;
    case 'unit-done':
      return `${event.fileName}: ${event.status}${event.detail ? ` — ${event.detail}` : ''}`;
    case 'warning':
      return `Warning: ${event.message}`;
    case 'error':
      return `Error ${event.code}: ${event.message}`;
    case 'summary':
      return `Summary: ${event.summary.createdThisRun} created this run${event.summary.complete ? ', session complete' : ''}`;
    default:
      return 'Progress';
  }
}

/** The event log panel; refetches the stored log when `reload` changes (after a stream resync). */
export function EventLogView(props: { id: string; live: LoggedEvent[]; reload?: number }) {
  const [stored, setStored] = useState<LoggedEvent[]>([]);
  useEffect(() => {
    getJson<{ events: LoggedEvent[] }>(`/api/sessions/${encodeURIComponent(props.id)}/events`).then(
      (body) => setStored(body.events),
      () => setStored([]),
    );
  }, [props.id, props.reload]);
  const seen = new Set(stored.map((e) => JSON.stringify(e)));
  const all = [...stored, ...props.live.filter((e) => !seen.has(JSON.stringify(e)))].filter(
    (e) => e.type !== 'sample',
  );
  const shown = all.slice(-300).reverse();
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">Event log</h2>
      {shown.length === 0 ? <p class="hint">No events recorded by this dashboard yet.</p> : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling list must be reachable by keyboard (axe scrollable-region-focusable, WCAG 2.1.1) */}
      <ol class="log" data-testid="event-log" tabIndex={0} aria-labelledby="log-title">
        {shown.map((event, index) => (
          <li key={`${event.at}-${index}`} class={event.type === 'error' ? 'error' : undefined}>
            <time dateTime={event.at}>{new Date(event.at).toLocaleTimeString()}</time>{' '}
            {describeEvent(event)}
          </li>
        ))}
      </ol>
    </section>
  );
}
