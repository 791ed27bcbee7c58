import {
  type ItemState,
  planSessionQuota,
  type SinkLimits,
  type SyncStateBackend,
} from '@q2google/core';
import { formatBytes, plural } from '../output/format.js';
import type { Printer } from '../output/printer.js';
import { quotaPlanLines } from './quota-plan-lines.js';
import { requestsToday } from './requests-today.js';
import { formatReasons, warningLines } from './summary-report.js';

const LISTED = 20;

/** What a dry run found: what would be transferred, what is skipped and why, total bytes. */
export function dryRunLines(items: readonly ItemState[], verbose: boolean): string[] {
  const toTransfer = items.filter((i) => i.status !== 'created' && i.status !== 'skipped');
  const skipped = items.filter((i) => i.status === 'skipped');
  const created = items.filter((i) => i.status === 'created');
  const bytes = toTransfer.reduce((n, i) => n + (i.servedSize ?? i.size ?? 0), 0);
  const byReason: Record<string, number> = {};
  for (const item of skipped) {
    const reason = item.skip?.reason ?? 'unknown';
    byReason[reason] = (byReason[reason] ?? 0) + 1;
  }
  const limit = verbose ? Number.POSITIVE_INFINITY : LISTED;
  const more = (count: number) =>
    count > limit ? [`    … and ${count - limit} more (--verbose lists all)`] : [];
  const lines = [
    `Would transfer ${plural(toTransfer.length, 'unit')}, ${formatBytes(bytes)} in total:`,
    ...toTransfer
      .slice(0, limit)
      .map(
        (i) => `    ${i.fileName}  ${formatBytes(i.servedSize ?? i.size ?? 0)}  ${i.capturedAt}`,
      ),
    ...more(toTransfer.length),
  ];
  if (skipped.length > 0) {
    lines.push(`Would skip ${plural(skipped.length, 'unit')} (${formatReasons(byReason)}):`);
    lines.push(
      ...skipped
        .slice(0, limit)
        .map((i) => `    ${i.fileName}  ${i.skip?.reason}: ${i.skip?.detail ?? ''}`),
      ...more(skipped.length),
    );
  }
  if (created.length > 0) lines.push(`Already created: ${plural(created.length, 'unit')}.`);
  return lines;
}

/**
 * Loads the session a dry run recorded and prints {@link dryRunLines}, then the quota plan: the
 * sink's requests the session will spend and the days that takes at the sink's configured daily
 * budget, the first day holding only what today's recorded requests left of it.
 */
export async function reportDryRun(
  printer: Printer,
  backend: SyncStateBackend,
  sessionId: string,
  quota: { limits: SinkLimits; now: Date },
): Promise<void> {
  const state = await backend.load(sessionId);
  const items = state ? Object.values(state.items) : [];
  const warnings = state?.discovery.warnings ?? [];
  const today = state
    ? await requestsToday(backend, quota.limits.requestQuota, () => quota.now.getTime())
    : undefined;
  const plan = state
    ? planSessionQuota(state, quota.limits, {
        now: quota.now,
        ...(today ? { spentToday: today.spent } : {}),
      })
    : undefined;
  if (printer.mode.json) {
    for (const message of warnings) printer.json({ type: 'dry-run-warning', message });
    if (plan) printer.json({ type: 'dry-run-quota-plan', quotaPlan: plan });
    for (const item of items) {
      printer.json({
        type: 'dry-run-unit',
        key: item.key,
        fileName: item.fileName,
        size: item.servedSize ?? item.size,
        status: item.status,
        ...(item.skip ? { skip: item.skip } : {}),
      });
    }
    return;
  }
  for (const line of dryRunLines(items, printer.mode.verbose)) printer.result(line);
  if (plan) for (const line of quotaPlanLines(plan, 'Google requests needed')) printer.result(line);
  for (const line of warningLines(warnings, printer.style)) printer.result(line);
}
