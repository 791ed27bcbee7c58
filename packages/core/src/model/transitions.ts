import { Q2gError } from '../errors/q2g-error.js';
import {
  type ItemState,
  ItemStateSchema,
  type ItemStatus,
  REQUIRED_FIELDS_BY_STATUS,
} from './item-state.js';

/**
 * The only moves a unit may make. Status moves forward; the few moves back are restarts that
 * the engine makes on purpose: a failed unit retried, an upload session Google no longer knows,
 * an upload token past its validity (re-upload), a create that failed for one unit.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<ItemStatus, readonly ItemStatus[]>> = {
  discovered: ['uploading', 'uploaded', 'skipped', 'failed'],
  uploading: ['uploading', 'uploaded', 'failed', 'discovered'],
  uploaded: ['creating', 'failed', 'discovered'],
  creating: ['created', 'uploaded', 'failed', 'discovered'],
  created: [],
  skipped: [],
  failed: ['discovered', 'uploading', 'uploaded', 'failed'],
};

/** Fields a transition may set; identity fields (key, mediaId, …) never change. */
export type ItemPatch = Partial<
  Omit<ItemState, 'key' | 'mediaId' | 'part' | 'status' | 'updatedAt' | 'attempts'>
>;

/** Fields that belong to one status and are cleared when the unit moves back before it. */
const FIELDS_CLEARED_ON_RESTART: Record<'discovered' | 'uploaded', (keyof ItemState)[]> = {
  discovered: ['upload', 'uploadToken', 'uploadedAt', 'tokenExpiresAt', 'batchId'],
  uploaded: ['batchId'],
};

/** Secrets of the upload that are useless once the unit exists in the library: dropped then. */
const FIELDS_CLEARED_ON_CREATED: (keyof ItemState)[] = ['upload', 'uploadToken', 'tokenExpiresAt'];

/** True when a unit in `from` may move to `to`. */
export function canTransition(from: ItemStatus, to: ItemStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/**
 * Moves a unit to a new status, returning a new object: the single place transition rules are
 * enforced. Throws `STATE_ILLEGAL_TRANSITION` for a move the table forbids or when the target
 * status's required fields are missing. A move to `failed` counts an attempt; a patch value of
 * `undefined` removes that field.
 */
export function transitionItem(
  item: ItemState,
  to: ItemStatus,
  patch: ItemPatch = {},
  now: Date = new Date(),
): ItemState {
  if (!canTransition(item.status, to)) {
    throw new Q2gError(
      'STATE_ILLEGAL_TRANSITION',
      `Unit "${item.key}" cannot move from "${item.status}" to "${to}".`,
      { details: { key: item.key, from: item.status, to } },
    );
  }
  const next: ItemState = { ...item, ...patch, status: to, updatedAt: now.toISOString() };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) delete next[field as keyof ItemState];
  }
  if (to === 'discovered' || (to === 'uploaded' && item.status === 'creating')) {
    for (const field of FIELDS_CLEARED_ON_RESTART[to]) {
      if (!(field in patch)) delete next[field];
    }
  }
  if (to === 'created') {
    for (const field of FIELDS_CLEARED_ON_CREATED) delete next[field];
  }
  if (to !== 'failed' && to !== item.status && !('error' in patch)) delete next.error;
  if (to === 'failed') next.attempts = item.attempts + 1;
  const missing = REQUIRED_FIELDS_BY_STATUS[to].filter((field) => next[field] === undefined);
  if (missing.length > 0) {
    throw new Q2gError(
      'STATE_ILLEGAL_TRANSITION',
      `Unit "${item.key}" cannot move to "${to}" without ${missing.map((f) => `"${f}"`).join(', ')}.`,
      { details: { key: item.key, from: item.status, to, missing } },
    );
  }
  return ItemStateSchema.parse(next);
}
