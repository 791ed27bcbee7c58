/** A run's live progress: overall bar, counters and one bar per transfer in flight. */
import { completedShare, type RunProgress } from '../../shared/run-progress.js';
import { bytes, percent } from '../format.js';

const STATE_TEXT: Record<RunProgress['state'], string> = {
  running: 'Running',
  finished: 'Finished',
  stopped: 'Stopped',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

/** The progress panel of one run. */
export function LiveProgress(props: { run: RunProgress }) {
  const { run } = props;
  const share = completedShare(run);
  const label = `Sync ${run.sessionId}`;
  return (
    <section class="progress-panel" aria-label={`${label} progress`} data-testid="live-progress">
      <div class="progress-head">
        <strong data-testid="run-state">{STATE_TEXT[run.state]}</strong>
        <span>
          {run.state === 'running' ? `stage: ${run.stage}` : run.complete ? 'all units done' : ''}
        </span>
      </div>
      <progress
        max={1}
        value={share}
        aria-label={`${label}: overall`}
        data-testid="overall-progress"
      >
        {percent(share)}
      </progress>
      <p
        class="counters"
        aria-live="polite"
        data-testid="run-counters"
        data-sent={run.bytesSent}
        data-total={run.bytesToSend ?? ''}
      >
        {percent(share)} · {run.unitsFound} found · {run.uploaded} uploaded · {run.created} created
        · {run.failed} failed · {bytes(run.bytesSent)}
        {run.bytesToSend !== null ? ` of ${bytes(run.bytesToSend)}` : ''} sent
      </p>
      {run.message ? <p class="notice">{run.message}</p> : null}
      {run.active.length > 0 ? (
        <ul class="transfers" aria-label="Transfers in progress">
          {run.active.map((t) => (
            <li key={t.key}>
              <span class="file">{t.fileName}</span>
              <progress max={t.size || 1} value={t.sent} aria-label={`${t.fileName} upload`} />
              <span class="amount">
                {bytes(t.sent)} / {bytes(t.size)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
