import { describe, expect, it } from 'vitest';
import { isQ2gError } from '../errors/q2g-error.js';
import type { ItemState } from './item-state.js';
import { createItemState } from './session-document.js';
import { ALLOWED_TRANSITIONS, transitionItem } from './transitions.js';

const now = new Date('2026-01-02T03:04:05.000Z');
const unit = createItemState(
  {
    key: 'm1#source',
    mediaId: 'm1',
    part: 'source',
    fileName: 'GX010042.MP4',
    mimeType: 'video/mp4',
    kind: 'video',
    size: 74_000_000_000,
    capturedAt: '2025-07-14T09:12:33.000Z',
  },
  now,
);
const upload = { url: 'http://u/1', offset: 0, startedAt: now.toISOString() };
const token = {
  uploadToken: 'CAIS1',
  uploadedAt: now.toISOString(),
  tokenExpiresAt: '2026-01-03T03:04:05.000Z',
};

function expectIllegal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(isQ2gError(error, 'STATE_ILLEGAL_TRANSITION')).toBe(true);
    return;
  }
  throw new Error('expected STATE_ILLEGAL_TRANSITION');
}

describe('unit transitions', () => {
  it('walk the happy path discovered → uploading → uploaded → creating → created', () => {
    const uploading = transitionItem(unit, 'uploading', { upload }, now);
    const uploaded = transitionItem(uploading, 'uploaded', token, now);
    const creating = transitionItem(uploaded, 'creating', { batchId: 'b1' }, now);
    const created = transitionItem(
      creating,
      'created',
      { mediaItemId: 'g1', createdAt: now.toISOString() },
      now,
    );
    expect(created).toMatchObject({
      status: 'created',
      mediaItemId: 'g1',
      batchId: 'b1',
      attempts: 0,
    });
    expect(unit.status).toBe('discovered');
  });

  it('never leave created or skipped', () => {
    expect(ALLOWED_TRANSITIONS.created).toEqual([]);
    expect(ALLOWED_TRANSITIONS.skipped).toEqual([]);
  });

  it('refuse a move the table forbids, with a typed error', () => {
    expectIllegal(() =>
      transitionItem(unit, 'created', { mediaItemId: 'g', createdAt: now.toISOString() }),
    );
    expectIllegal(() => transitionItem(unit, 'creating', { batchId: 'b' }));
  });

  it('refuse a move that lacks the target status fields', () => {
    expectIllegal(() => transitionItem(unit, 'uploading'));
    expectIllegal(() => transitionItem(unit, 'uploaded', { uploadToken: 't' }));
    expectIllegal(() => transitionItem(unit, 'skipped'));
  });

  it('count attempts on failure and clear the error on the next move', () => {
    const error = {
      code: 'GOPRO_HTTP' as const,
      message: '503',
      retryable: true,
      at: now.toISOString(),
    };
    const failed = transitionItem(unit, 'failed', { error }, now);
    const again = transitionItem(failed, 'failed', { error }, now);
    expect(again.attempts).toBe(2);
    const retried: ItemState = transitionItem(again, 'discovered', {}, now);
    expect(retried.error).toBeUndefined();
    expect(retried.attempts).toBe(2);
  });

  it('drop upload data when a unit restarts for a re-upload', () => {
    const uploaded = transitionItem(
      transitionItem(unit, 'uploading', { upload }),
      'uploaded',
      token,
    );
    const restarted = transitionItem(uploaded, 'discovered');
    expect(restarted.uploadToken).toBeUndefined();
    expect(restarted.upload).toBeUndefined();
  });

  it('drop the upload token and the upload session once the unit is created', () => {
    const creating = transitionItem(
      transitionItem(transitionItem(unit, 'uploading', { upload }, now), 'uploaded', token, now),
      'creating',
      { batchId: 'b1' },
      now,
    );
    const created = transitionItem(
      creating,
      'created',
      { mediaItemId: 'g1', createdAt: now.toISOString() },
      now,
    );
    expect(created.uploadToken).toBeUndefined();
    expect(created.tokenExpiresAt).toBeUndefined();
    expect(created.upload).toBeUndefined();
    expect(JSON.stringify(created)).not.toContain('CAIS1');
    expect(created).toMatchObject({ mediaItemId: 'g1', uploadedAt: now.toISOString() });
  });
});
