import { describe, expect, it } from 'vitest';
import type { ItemState } from '../model/item-state.js';
import { createItemState, createSessionState } from '../model/session-document.js';
import { FakeSink, fakeRequestQuota } from '../testing/fake-sink.js';
import { fakeUnit } from '../testing/fake-source.js';
import { planSessionQuota, quotaWorkOf } from './session-quota-work.js';

const AT = '2025-06-01T12:00:00.000Z';
const range = { from: '2025-01-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' };

/** A session whose units stand where `statuses` say, in album `a1` when `album` is set. */
function sessionWith(statuses: Partial<ItemState>[], album?: string) {
  const state = createSessionState({ id: 's1', range, options: album ? { album } : {} });
  statuses.forEach((fields, i) => {
    const item = { ...createItemState(fakeUnit(`u${i}`, 1_000 * (i + 1))), ...fields } as ItemState;
    state.items[item.key] = item;
  });
  return state;
}

describe('quotaWorkOf', () => {
  it('uploads discovered and mid-upload units, only creates uploaded ones, leaves failed ones to retry', () => {
    const upload = { url: 'https://upload/1', offset: 0, startedAt: AT };
    const token = { uploadToken: 't', uploadedAt: AT, tokenExpiresAt: AT };
    const error = { code: 'INTERNAL' as const, message: 'x', retryable: false, at: AT };
    const state = sessionWith([
      { status: 'discovered' },
      { status: 'uploading', upload, servedSize: 777 },
      { status: 'uploaded', ...token },
      { status: 'created', mediaItemId: 'm', createdAt: AT },
      { status: 'failed', error },
    ]);
    expect(quotaWorkOf(state, new FakeSink().limits)).toEqual({
      uploadSizes: [1_000, 777],
      createOnly: 1,
      listingPages: 0,
    });
  });

  it('fills the album the session opened, and lists it once to settle its open batches', () => {
    const token = { uploadToken: 't', tokenExpiresAt: AT };
    const state = sessionWith(
      [
        { status: 'created', mediaItemId: 'm', createdAt: AT, albumId: 'a1' },
        { status: 'creating', ...token, batchId: 'b1', albumId: 'a1' },
        { status: 'discovered' },
      ],
      'Trip',
    );
    state.albums = [{ id: 'a1', title: 'Trip', sequence: 1 }];
    state.batches.b1 = { id: 'b1', itemKeys: ['u1'], status: 'sent', albumId: 'a1', createdAt: AT };
    const sink = new FakeSink();
    sink.limits.albumCapacity = 3;
    sink.limits.requestQuota = fakeRequestQuota();
    expect(quotaWorkOf(state, sink.limits)).toEqual({
      uploadSizes: [3_000],
      createOnly: 0,
      listingPages: 1,
      album: { opened: true, filled: 2, capacity: 3 },
    });
    const plan = planSessionQuota(state, sink.limits, { now: new Date(AT) });
    // 1 upload + 1 create call + 1 album lookup (no create: the album has room) + 1 listing page
    expect(plan?.requests).toMatchObject({ total: 4, albumCreates: 0, listing: 1 });
  });

  it('has no plan for a sink that declares no request quota', () => {
    const { limits } = new FakeSink();
    expect(
      planSessionQuota(sessionWith([{ status: 'discovered' }]), limits, { now: new Date() }),
    ).toBe(undefined);
  });
});
