import type { SessionState, SessionSummary } from '@q2google/core';
import { describeSession } from '@q2google/core/engine';
import { formatBytes, formatTable } from '../../output/format.js';
import type { Style } from '../../output/style.js';
import { formatReasons, warningLines } from '../../run/summary-report.js';

/** Where a session stands: counts, bytes done and left, failures grouped by reason. */
export function sessionStatus(state: SessionState) {
  const described = describeSession(state);
  let bytesDone = 0;
  for (const item of Object.values(state.items)) {
    if (item.status === 'created') bytesDone += item.servedSize ?? item.size ?? 0;
  }
  return {
    sessionId: state.id,
    range: state.range,
    album: state.options.album,
    mediaTypes: state.options.mediaTypes,
    discovery: state.discovery.status,
    unitsFound: Object.keys(state.items).length,
    updatedAt: state.updatedAt,
    bytesDone,
    ...described,
  };
}

/** The status as lines for people. */
export function statusLines(status: ReturnType<typeof sessionStatus>, style: Style): string[] {
  const c = status.counts;
  const pending = status.unitsFound - (c.created ?? 0) - (c.skipped ?? 0) - (c.failed ?? 0);
  const album = status.album ? `, album "${status.album}"` : '';
  const state = status.complete
    ? style.green('complete')
    : (c.failed ?? 0) > 0
      ? style.yellow('has failures')
      : style.yellow('in progress');
  const lines = [
    `Session ${style.bold(status.sessionId)}: ${state}`,
    `  ${status.range.from} → ${status.range.to}${album}; last saved ${status.updatedAt}`,
    ...formatTable([
      ['discovery', status.discovery, `${status.unitsFound} units found`],
      ['created', `${c.created ?? 0}`, ''],
      ['skipped', `${c.skipped ?? 0}`, formatReasons(status.skippedByReason)],
      ['failed', `${c.failed ?? 0}`, ''],
      ['pending', `${pending}`, pendingDetail(c)],
      [
        'bytes',
        `${formatBytes(status.bytesDone)} done`,
        `${formatBytes(status.bytesRemaining)} left`,
      ],
    ]).map((row) => `  ${row}`),
  ];
  if (status.failures.length > 0) {
    lines.push('Failures by reason:');
    for (const group of status.failures) {
      const kind = group.retryable ? 'retryable' : 'permanent';
      const keys = group.keys.slice(0, 3).join(', ');
      lines.push(`  ${style.red(group.code)} ×${group.count} (${kind}): ${group.message}`);
      lines.push(style.dim(`    e.g. ${keys}${group.count > 3 ? ', …' : ''}`));
    }
  }
  lines.push(...warningLines(status.warnings, style));
  return lines;
}

function pendingDetail(counts: Record<string, number>): string {
  return ['discovered', 'uploading', 'uploaded', 'creating']
    .filter((status) => (counts[status] ?? 0) > 0)
    .map((status) => `${status} ${counts[status]}`)
    .join(', ');
}

/** One row of `sessions` or a locked session's status, from a backend's listing. */
export function summaryRow(session: SessionSummary): string[] {
  const total = Object.values(session.counts).reduce((n, count) => n + (count ?? 0), 0);
  const done = (session.counts.created ?? 0) + (session.counts.skipped ?? 0);
  const failed = session.counts.failed ?? 0;
  return [
    session.id,
    `${session.range.from.slice(0, 10)} → ${session.range.to.slice(0, 10)}`,
    `${done}/${total} done${failed > 0 ? `, ${failed} failed` : ''}`,
    session.updatedAt,
  ];
}
