/**
 * One session: its header and counts, live progress, the Google quota, resume / retry / cancel,
 * failures grouped by reason, the gallery, the charts of its latest run, the units table and
 * the event log. Reloads its data when a run of it ends.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SessionDetail } from '../../shared/api-types.js';
import { getJson, send } from '../api.js';
import { bytes, day, when } from '../format.js';
import { useLive } from '../live.js';
import { RunChartsPanel } from './charts.js';
import { EventLogView } from './event-log.js';
import { Gallery } from './gallery.js';
import { LiveProgress } from './live-progress.js';
import { QuotaGauge } from './quota-gauge.js';
import { countsText } from './sessions-list.js';
import { UnitsTable } from './units-table.js';

/** The session page. */
export function SessionPage(props: { id: string }) {
  const { id } = props;
  const live = useLive();
  const run = live.run(id);
  const [detail, setDetail] = useState<SessionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const runState = run?.state;
  useEffect(() => {
    getJson<SessionDetail>(`/api/sessions/${encodeURIComponent(id)}`).then(setDetail, (e: Error) =>
      setError(e.message),
    );
  }, [id, runState, live.resyncs]);
  const act = async (action: 'resume' | 'retry' | 'cancel') => {
    setNotice(null);
    try {
      await send('POST', `/api/sessions/${encodeURIComponent(id)}/${action}`);
      setNotice(action === 'cancel' ? 'Cancelling: the run saves and stops.' : null);
    } catch (e) {
      setNotice((e as Error).message);
    }
  };
  if (error) {
    return (
      <section>
        <h1>Session {id}</h1>
        <p role="alert" class="error">
          {error}
        </p>
      </section>
    );
  }
  if (!detail) return <p>Loading…</p>;
  const progress = run ?? detail.progress;
  const running = progress?.state === 'running';
  return (
    <section>
      <h1>
        Session <span class="mono">{detail.id}</span>
      </h1>
      <dl class="facts">
        <div>
          <dt>Range</dt>
          <dd>
            {day(detail.range.from)} → {day(detail.range.to)}
          </dd>
        </div>
        <div>
          <dt>Album</dt>
          <dd>
            {detail.albums.length > 1
              ? detail.albums.map((album) => `${album.title} (${album.units})`).join(', ')
              : (detail.album ?? '—')}
          </dd>
        </div>
        <div>
          <dt>Media types</dt>
          <dd>{detail.mediaTypes.length ? detail.mediaTypes.join(', ') : 'all'}</dd>
        </div>
        <div>
          <dt>Units</dt>
          <dd data-testid="session-counts">
            {detail.total}: {countsText(detail.counts)}
          </dd>
        </div>
        <div>
          <dt>Bytes</dt>
          <dd>
            {bytes(detail.bytesDone)} of {bytes(detail.bytesTotal)} created
          </dd>
        </div>
        <div>
          <dt>Last run</dt>
          <dd>{when(detail.updatedAt)}</dd>
        </div>
      </dl>
      <div class="actions">
        {running ? (
          <button type="button" class="danger" onClick={() => act('cancel')}>
            Cancel
          </button>
        ) : (
          <>
            <button type="button" onClick={() => act('resume')} disabled={detail.complete}>
              Resume
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => act('retry')}
              disabled={!detail.counts.failed}
            >
              Retry failed
            </button>
          </>
        )}
      </div>
      {notice ? (
        <p role="status" class="notice">
          {notice}
        </p>
      ) : null}
      {progress ? <LiveProgress run={progress} /> : null}
      <QuotaGauge sessionId={id} run={progress ?? null} />
      {detail.failures.length ? (
        <section aria-labelledby="failures-title">
          <h2 id="failures-title">Failures</h2>
          <ul class="failures">
            {detail.failures.map((group) => (
              <li key={group.code} class="card">
                <strong>{group.code}</strong> — {group.count} unit{group.count === 1 ? '' : 's'}
                {group.retryable ? ' (retried on the next run)' : ''}
                <p>{group.message}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {Object.keys(detail.skippedByReason).length ? (
        <p class="hint">
          Skipped:{' '}
          {Object.entries(detail.skippedByReason)
            .map(([reason, n]) => `${n} ${reason}`)
            .join(', ')}
        </p>
      ) : null}
      <Gallery
        id={id}
        version={runState ?? ''}
        initialStatus={detail.counts.created ? 'created' : ''}
      />
      <RunChartsPanel id={id} version={runState ?? ''} live={live.eventsOf(id)} />
      <UnitsTable id={id} version={runState ?? ''} />
      <EventLogView id={id} live={live.eventsOf(id)} reload={live.resyncs} />
    </section>
  );
}
