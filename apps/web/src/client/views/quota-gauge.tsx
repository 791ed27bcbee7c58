/**
 * Google's daily request budget: a gauge of requests spent today (Pacific day), when the count
 * resets, and the days a session's remaining units need; a run stopped by the daily quota shows
 * a countdown to when it can go on.
 */
import { useEffect, useState } from 'preact/hooks';
import type { QuotaView } from '../../shared/api-types.js';
import type { RunProgress } from '../../shared/run-progress.js';
import { getJson } from '../api.js';
import { percent, when } from '../format.js';

/** `3 h 05 min`, `4 min 09 s`. */
export function countdownText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h} h ${pad(m)} min` : `${m} min ${pad(s % 60)} s`;
}

/** Time left until `at`, ticking every second. */
export function Countdown(props: { at: string; label: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <p class="countdown" data-testid="quota-countdown">
      {props.label} <strong>{countdownText(Date.parse(props.at) - now)}</strong> (at{' '}
      <time dateTime={props.at}>{when(props.at)}</time>)
    </p>
  );
}

/** The quota panel of a session; refreshes while `run` runs. */
export function QuotaGauge(props: { sessionId: string; run: RunProgress | null }) {
  const [quota, setQuota] = useState<QuotaView | null>(null);
  const running = props.run?.state === 'running';
  const version = `${props.run?.state}-${props.run?.created}`;
  useEffect(() => {
    const load = () =>
      getJson<QuotaView>(`/api/quota?session=${encodeURIComponent(props.sessionId)}`).then(
        setQuota,
        () => setQuota(null),
      );
    void load();
    if (!running) return;
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [props.sessionId, running, version]);
  const waiting =
    props.run?.stopCode === 'GPHOTOS_QUOTA_EXHAUSTED' && props.run.resumeAt
      ? props.run.resumeAt
      : null;
  if (!quota) return null;
  const share = Math.min(1, quota.requests / quota.dailyLimit);
  const label = `Google requests today: ${quota.requests} of ${quota.dailyLimit}`;
  return (
    <section class="quota" aria-labelledby="quota-title" data-testid="quota">
      <h2 id="quota-title">Google quota</h2>
      {waiting ? <Countdown at={waiting} label="Waiting for the daily quota: resumes in" /> : null}
      <meter
        min={0}
        max={quota.dailyLimit}
        low={quota.dailyLimit * 0.7}
        high={quota.dailyLimit * 0.9}
        optimum={0}
        value={quota.requests}
        aria-label={label}
        data-testid="quota-meter"
      />
      <p class="counters">
        <strong data-testid="quota-requests">{quota.requests}</strong> of {quota.dailyLimit}{' '}
        requests today ({percent(share)}) · {SOURCE_LABELS[quota.source]} · resets at{' '}
        <time dateTime={quota.resetAt}>{when(quota.resetAt)}</time> (midnight in Los Angeles)
      </p>
      {quota.remainingUnits !== undefined ? (
        <p class="counters" data-testid="quota-days">
          {quota.remainingUnits} unit{quota.remainingUnits === 1 ? '' : 's'} left at{' '}
          {quota.requestsPerUnit} requests each{quota.measured ? '' : ' (estimate)'}:{' '}
          {quota.daysLeft === 0
            ? "within today's budget"
            : `${quota.daysLeft} more day${quota.daysLeft === 1 ? '' : 's'}`}
        </p>
      ) : null}
    </section>
  );
}

/** Whose requests the count holds. */
const SOURCE_LABELS: Record<QuotaView['source'], string> = {
  engine: 'every q2google run',
  dashboard: "this dashboard's runs",
  sandbox: "the sandbox's own count",
};
