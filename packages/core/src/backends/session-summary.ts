/**
 * The rows of `listSessions`, assembled the same way by every backend: the session's meta, its
 * units counted per status, newest first. A stored session whose meta is damaged, foreign or too
 * new is left out of the list (loading it reports why).
 */
import { isQ2gError } from '../errors/q2g-error.js';
import type { ItemStatus } from '../model/item-state.js';
import { parseSessionDocument } from '../model/session-document.js';
import type { SessionMeta } from '../model/session-state.js';
import type { SessionSummary } from '../protocol/state-backend.js';

/** Units per status of `items` (records without a status are not counted). */
export function countStatuses(
  items: Iterable<{ status?: ItemStatus | string | undefined }>,
): SessionSummary['counts'] {
  const counts: Record<string, number> = {};
  for (const { status } of items) {
    if (status) counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts as SessionSummary['counts'];
}

/** The summary row of a session with this meta and these unit counts. */
export function summarizeSession(
  meta: SessionMeta,
  counts: SessionSummary['counts'],
): SessionSummary {
  return {
    id: meta.id,
    range: structuredClone(meta.range),
    options: structuredClone(meta.options),
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    counts: { ...counts },
  };
}

/**
 * The summary row of a stored session, validating (and migrating) its meta with core's
 * `parseSessionDocument`; undefined when the meta (or `readMeta` itself) is damaged, foreign or
 * too new to read (STATE_CORRUPT / STATE_FOREIGN / STATE_SCHEMA_TOO_NEW). Other errors propagate.
 */
export function summarizeStoredSession(
  readMeta: () => unknown,
  counts: SessionSummary['counts'],
): SessionSummary | undefined {
  try {
    const meta = readMeta();
    const object = typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? meta : {};
    return summarizeSession(parseSessionDocument({ ...object, items: {}, batches: {} }), counts);
  } catch (error) {
    if (isQ2gError(error, 'STATE_CORRUPT', 'STATE_FOREIGN', 'STATE_SCHEMA_TOO_NEW')) return;
    throw error;
  }
}

/** `rows` sorted newest first: by `updatedAt`, then `createdAt`, descending; then by id. */
export function newestFirst(rows: SessionSummary[]): SessionSummary[] {
  const time = (iso: string) => Date.parse(iso);
  return rows.sort(
    (a, b) =>
      time(b.updatedAt) - time(a.updatedAt) ||
      time(b.createdAt) - time(a.createdAt) ||
      a.id.localeCompare(b.id),
  );
}
