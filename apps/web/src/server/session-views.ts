/**
 * What the browser is shown of a session: counts, bytes, failure groups and units. Upload URLs,
 * upload tokens and batch internals never leave the server.
 */
import type { ItemState, SessionState, SessionSummary } from '@q2google/core';
import { describeSession } from '@q2google/core/engine';
import type { RunState, SessionDetail, SessionRow, UnitRow } from '../shared/api-types.js';
import type { RunProgress } from '../shared/run-progress.js';

const sizeOf = (item: ItemState) => item.servedSize ?? item.size ?? 0;

/** Total and created bytes of a session. */
export function sessionBytes(state: SessionState): { bytesTotal: number; bytesDone: number } {
  let bytesTotal = 0;
  let bytesDone = 0;
  for (const item of Object.values(state.items)) {
    if (item.status === 'skipped') continue;
    bytesTotal += sizeOf(item);
    if (item.status === 'created') bytesDone += sizeOf(item);
  }
  return { bytesTotal, bytesDone };
}

/** A sessions-list row from a backend listing (bytes filled in when the session was loaded). */
export function rowFromSummary(
  summary: SessionSummary,
  run: RunState | null,
  bytes: { bytesTotal: number; bytesDone: number } | null,
): SessionRow {
  const counts = summary.counts;
  return {
    id: summary.id,
    range: summary.range,
    album: summary.options.album,
    mediaTypes: summary.options.mediaTypes,
    counts,
    total: Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0),
    bytesTotal: bytes?.bytesTotal ?? null,
    bytesDone: bytes?.bytesDone ?? null,
    createdAt: summary.createdAt,
    updatedAt: summary.updatedAt,
    run,
  };
}

/** A backend-style summary of a loaded session (for backends that cannot list). */
export function summaryOf(state: SessionState): SessionSummary {
  return {
    id: state.id,
    range: state.range,
    options: state.options,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    counts: describeSession(state).counts,
  };
}

/** The session page's header: everything but the units. */
export function sessionDetail(
  state: SessionState,
  run: RunState | null,
  progress: RunProgress | null,
): SessionDetail {
  const described = describeSession(state);
  return {
    ...rowFromSummary(summaryOf(state), run, sessionBytes(state)),
    discovery: { status: state.discovery.status, unitsFound: state.discovery.unitsFound },
    failures: described.failures,
    skippedByReason: described.skippedByReason,
    bytesRemaining: described.bytesRemaining,
    complete: described.complete,
    progress,
  };
}

/** One unit as the browser sees it. */
export function unitRow(item: ItemState): UnitRow {
  return {
    key: item.key,
    fileName: item.fileName,
    status: item.status,
    kind: item.kind,
    size: item.servedSize ?? item.size,
    capturedAt: item.capturedAt,
    attempts: item.attempts,
    updatedAt: item.updatedAt,
    ...(item.mediaItemId ? { mediaItemId: item.mediaItemId } : {}),
    ...(item.productUrl && /^https?:\/\//.test(item.productUrl)
      ? { productUrl: item.productUrl }
      : {}),
    ...(item.skip ? { skip: item.skip } : {}),
    ...(item.error
      ? {
          error: {
            code: item.error.code,
            message: item.error.message,
            retryable: item.error.retryable,
          },
        }
      : {}),
  };
}

/** The units matching a status and a file-name search, in capture order, one page of them. */
export function filterUnits(
  state: SessionState,
  query: { status?: string; q?: string; offset: number; limit: number },
): { units: UnitRow[]; total: number } {
  const needle = query.q?.trim().toLowerCase();
  const matching = Object.values(state.items)
    .filter((item) => !query.status || item.status === query.status)
    .filter((item) => !needle || item.fileName.toLowerCase().includes(needle))
    .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt) || a.key.localeCompare(b.key));
  return {
    units: matching.slice(query.offset, query.offset + query.limit).map(unitRow),
    total: matching.length,
  };
}
