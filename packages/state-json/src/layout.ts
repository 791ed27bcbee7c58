/**
 * Where things live under the state directory:
 *
 * ```
 * <dir>/<sessionId>/meta.json          the session without items and batches (+ counts)
 * <dir>/<sessionId>/items/<key>.json   one unit each (key encoded by key-codec)
 * <dir>/<sessionId>/batches/<id>.json  one batch each
 * <dir>/<sessionId>/journal.ndjson     saves not yet folded into the files (journal.ts)
 * <dir>/<sessionId>/.lock              the writer's pid, hostname, start time
 * <dir>/<sessionId>.json               the v0 flat layout: the whole session in one file
 * <dir>/_ledger/<key>.json             one ledger entry each
 * <dir>/_requests/<counter>/<day>/<writer>.json   one run's requests that day
 * ```
 */
import { join } from 'node:path';
import { Q2gError, SessionIdSchema } from '@q2google/core';
import { encodeKey } from './key-codec.js';

/** The paths of one session. */
export interface SessionPaths {
  dir: string;
  meta: string;
  items: string;
  batches: string;
  flat: string;
}

/** The ledger folder under a state directory. */
export function ledgerDir(root: string): string {
  return join(root, '_ledger');
}

/** The folder of a request counter's day (`day` is `YYYY-MM-DD`; both names are encoded). */
export function requestCountDir(root: string, counter: string, day: string): string {
  return join(root, '_requests', encodeKey(counter), encodeKey(day));
}

/** The paths of session `id` under `root`; throws STATE_INVALID for an unsafe id. */
export function sessionPaths(root: string, id: string): SessionPaths {
  if (!SessionIdSchema.safeParse(id).success) {
    throw new Q2gError('STATE_INVALID', `"${id}" is not a valid session id.`, {
      hint: 'Use 1–128 letters, digits, ".", "_" or "-", starting with a letter or digit.',
    });
  }
  const dir = join(root, id);
  return {
    dir,
    meta: join(dir, 'meta.json'),
    items: join(dir, 'items'),
    batches: join(dir, 'batches'),
    flat: join(root, `${id}.json`),
  };
}

/** The file name (with `.json`) of a unit key or batch id. */
export function recordFileName(key: string): string {
  // Joined, not concatenated: the name stays resident per unit (as a cache key), and `a + b`
  // would keep it as a two-part string.
  return [encodeKey(key), '.json'].join('');
}
