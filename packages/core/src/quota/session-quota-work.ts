import type { SessionState } from '../model/session-state.js';
import type { SinkLimits } from '../protocol/media-sink.js';
import { planQuota, type QuotaWork } from './quota-plan.js';
import type { QuotaPlan } from './quota-plan-schema.js';

/** What {@link planSessionQuota} reads besides the session and the sink's limits. */
export interface SessionQuotaOptions {
  now: Date;
  /** Requests spent today before this, when the state backend accounts for them. */
  spentToday?: number;
}

/**
 * The quota plan of what `state` still has to do (the whole session before its first run, the
 * rest afterwards) at the sink's configured daily budget; undefined when the sink declares no
 * request quota.
 */
export function planSessionQuota(
  state: SessionState,
  limits: SinkLimits,
  options: SessionQuotaOptions,
): QuotaPlan | undefined {
  if (!limits.requestQuota) return undefined;
  return planQuota({
    work: quotaWorkOf(state, limits),
    quota: limits.requestQuota,
    batchSize: limits.maxBatchSize,
    now: options.now,
    ...(options.spentToday !== undefined ? { spentToday: options.spentToday } : {}),
  });
}

/**
 * What a session still has to do, for `planQuota`: units to upload (discovered or mid-upload),
 * units only to create (uploaded), where they go, and the listing that settles batches whose
 * answer was lost (one listing per album, up to the sink's bound). Failed units wait for `retry`
 * and are not counted.
 */
export function quotaWorkOf(state: SessionState, limits: SinkLimits): QuotaWork {
  const items = Object.values(state.items);
  const uploadSizes: number[] = [];
  let createOnly = 0;
  for (const item of items) {
    if (item.status === 'discovered' || item.status === 'uploading') {
      uploadSizes.push(item.servedSize ?? item.size ?? 0);
    } else if (item.status === 'uploaded') createOnly += 1;
  }
  const work: QuotaWork = { uploadSizes, createOnly, listingPages: listingPagesOf(state, limits) };
  if (!state.options.album) return work;
  const current = state.albums?.at(-1);
  const filled = current ? items.filter((item) => item.albumId === current.id).length : 0;
  return {
    ...work,
    album: {
      opened: current !== undefined,
      filled,
      ...(limits.albumCapacity ? { capacity: limits.albumCapacity } : {}),
    },
  };
}

/** Pages expected to settle the open batches: each album's listing, capped by the bound. */
function listingPagesOf(state: SessionState, limits: SinkLimits): number {
  const costs = limits.requestQuota?.costs;
  if (!costs) return 0;
  const albums = new Set<string>();
  for (const batch of Object.values(state.batches)) {
    if (batch.status !== 'done') albums.add(batch.albumId ?? '');
  }
  let pages = 0;
  for (const albumId of albums) {
    const listed = Object.values(state.items).filter(
      (item) => (item.albumId ?? '') === albumId && ['creating', 'created'].includes(item.status),
    ).length;
    pages += Math.min(costs.reconcileMaxPages, Math.max(1, Math.ceil(listed / costs.listPageSize)));
  }
  return pages;
}
