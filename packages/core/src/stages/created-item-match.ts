import type { ItemState } from '../model/item-state.js';
import type { CreatedMediaItem } from '../protocol/media-sink.js';

/** What the sink's listing says about one unit of a batch whose answer was lost. */
export type CreatedItemMatch =
  | { kind: 'created'; item: CreatedMediaItem }
  | { kind: 'absent' }
  | { kind: 'uncertain'; candidates: CreatedMediaItem[] }
  /** The listing stopped at its page bound before any item that may be the unit. */
  | { kind: 'unlisted' };

/** Same instant to the second (Google reports capture times in whole seconds). */
function sameSecond(a: string, b: string): boolean {
  return Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
}

/**
 * True when a listed item may be this unit: the same file name, the same capture time when the
 * listing gives one, and the same MIME type when both are known. File names are the camera's
 * and repeat, so the name alone proves nothing.
 */
export function mayBe(listed: CreatedMediaItem, unit: ItemState): boolean {
  if (listed.fileName !== unit.fileName) return false;
  if (listed.creationTime && !sameSecond(listed.creationTime, unit.capturedAt)) return false;
  return !(listed.mimeType && listed.mimeType !== unit.mimeType);
}

/**
 * Matches units against the items this app created. A unit is `created` only when exactly one
 * listed item may be it, no created unit of the session already holds that item, and no other
 * open unit of the session could be that item too; `absent` when no listed item may be it;
 * `uncertain` otherwise — never a guess.
 */
export function matchCreatedItems(
  units: ItemState[],
  listed: CreatedMediaItem[],
  session: ItemState[],
): Map<string, CreatedItemMatch> {
  const claimed = new Set<string>();
  for (const item of session) if (item.mediaItemId) claimed.add(item.mediaItemId);
  const open = session.filter((item) => item.status !== 'created' && item.status !== 'skipped');
  const byName = new Map<string, CreatedMediaItem[]>();
  for (const item of listed) {
    if (claimed.has(item.id)) continue;
    const same = byName.get(item.fileName) ?? [];
    if (!same.some((known) => known.id === item.id)) same.push(item);
    byName.set(item.fileName, same);
  }
  const matches = new Map<string, CreatedItemMatch>();
  for (const unit of units) {
    const candidates = (byName.get(unit.fileName) ?? []).filter((item) => mayBe(item, unit));
    const only = candidates.length === 1 ? candidates[0]! : undefined;
    const rival = only && open.some((other) => other.key !== unit.key && mayBe(only, other));
    if (candidates.length === 0) matches.set(unit.key, { kind: 'absent' });
    else if (only && !rival) matches.set(unit.key, { kind: 'created', item: only });
    else matches.set(unit.key, { kind: 'uncertain', candidates });
  }
  return matches;
}
