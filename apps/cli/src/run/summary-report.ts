import type { SyncSummary } from '@q2google/core/engine';
import { formatBytes, formatDuration, formatTable } from '../output/format.js';
import type { Style } from '../output/style.js';

/** `unsupported-type 2, too-large 1`. */
export function formatReasons(byReason: Record<string, number>): string {
  return Object.entries(byReason)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
}

/** `Warnings (N):` and one indented line each; nothing when there are none. */
export function warningLines(warnings: readonly string[], style: Style): string[] {
  if (warnings.length === 0) return [];
  return [
    style.yellow(`Warnings (${warnings.length}):`),
    ...warnings.map((warning) => `  ${warning}`),
  ];
}

/** The lines printed after a run: what it did and where the session stands. */
export function summaryLines(summary: SyncSummary, style: Style): string[] {
  const counts = summary.counts;
  const skipped = counts.skipped ?? 0;
  const failed = counts.failed ?? 0;
  const headline = summary.complete
    ? style.green('complete')
    : summary.stopped
      ? style.yellow('stopped')
      : failed > 0
        ? style.yellow('finished with failures')
        : style.yellow('not complete');
  const pending = Object.entries(counts)
    .filter(([status]) => !['created', 'skipped', 'failed'].includes(status))
    .reduce((n, [, count]) => n + count, 0);
  const rows: string[][] = [
    ['created', `${counts.created ?? 0}`, `(${summary.createdThisRun} this run)`],
    ['skipped', `${skipped}`, skipped > 0 ? formatReasons(summary.skippedByReason) : ''],
    ['failed', `${failed}`, ''],
  ];
  if (pending > 0) rows.push(['pending', `${pending}`, '']);
  rows.push(
    [
      'bytes',
      formatBytes(summary.bytesTransferred),
      `this run, ${formatBytes(summary.bytesRemaining)} left`,
    ],
    ['duration', formatDuration(summary.durationMs), ''],
  );
  const lines = [`Session ${style.bold(summary.sessionId)}: ${headline}`];
  lines.push(...formatTable(rows).map((row) => `  ${row}`));
  for (const group of summary.failures) {
    const kind = group.retryable ? 'retryable' : 'permanent';
    lines.push(`  ${style.red(group.code)} ×${group.count} (${kind}): ${group.message}`);
  }
  lines.push(...warningLines(summary.warnings, style));
  return lines;
}
