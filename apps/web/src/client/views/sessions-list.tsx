/** Every session: range, album, state, counts by status, bytes, when it last ran. */
import { useEffect, useState } from 'preact/hooks';
import type { SessionRow } from '../../shared/api-types.js';
import { getJson } from '../api.js';
import { bytes, day, when } from '../format.js';
import { useLive } from '../live.js';
import { Link } from '../router.js';
import { LiveProgress } from './live-progress.js';

const ORDER = ['created', 'skipped', 'failed', 'uploaded', 'creating', 'uploading', 'discovered'];

/** The status counts as short text: `12 created · 1 failed`. */
export function countsText(counts: Partial<Record<string, number>>): string {
  const parts = ORDER.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(' · ') : 'no units yet';
}

/** The sessions page. */
export function SessionsList() {
  const live = useLive();
  const [rows, setRows] = useState<SessionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ended = live.running().length;
  useEffect(() => {
    getJson<{ sessions: SessionRow[] }>('/api/sessions').then(
      (body) => setRows(body.sessions),
      (e: Error) => setError(e.message),
    );
  }, [ended, live.resyncs]);
  return (
    <section>
      <div class="title-row">
        <h1>Sessions</h1>
        <Link href="/new" class="button">
          New sync
        </Link>
      </div>
      {live.running().map((run) => (
        <div key={run.sessionId}>
          <h2 class="small">
            <Link href={`/sessions/${encodeURIComponent(run.sessionId)}`}>{run.sessionId}</Link>
          </h2>
          <LiveProgress run={run} />
        </div>
      ))}
      {error ? <p role="alert">{error}</p> : null}
      {rows === null ? <p>Loading…</p> : null}
      {rows?.length === 0 ? <p>No sessions yet. Start one with “New sync”.</p> : null}
      {rows?.length ? (
        <div class="table-wrap">
          <table class="sessions">
            <caption class="sr-only">Sync sessions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Range</th>
                <th scope="col">Album</th>
                <th scope="col">State</th>
                <th scope="col">Units</th>
                <th scope="col">Bytes</th>
                <th scope="col">Last run</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const run = live.run(row.id)?.state ?? row.run;
                const state =
                  run ??
                  (row.counts.failed
                    ? 'has failures'
                    : row.total &&
                        (row.counts.created ?? 0) + (row.counts.skipped ?? 0) === row.total
                      ? 'complete'
                      : 'idle');
                return (
                  <tr key={row.id}>
                    <td data-label="Session">
                      <Link href={`/sessions/${encodeURIComponent(row.id)}`}>{row.id}</Link>
                    </td>
                    <td data-label="Range">
                      {day(row.range.from)} → {day(row.range.to)}
                    </td>
                    <td data-label="Album">{row.album ?? '—'}</td>
                    <td data-label="State">{state}</td>
                    <td data-label="Units">
                      {row.total}: {countsText(row.counts)}
                    </td>
                    <td data-label="Bytes">
                      {bytes(row.bytesDone)} / {bytes(row.bytesTotal)}
                    </td>
                    <td data-label="Last run">{when(row.updatedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
