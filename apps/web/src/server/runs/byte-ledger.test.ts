import type { ItemState } from '@q2google/core';
import type { SyncEvent } from '@q2google/core/engine';
import { describe, expect, it } from 'vitest';
import { ByteLedger } from './byte-ledger.js';

const at = '2026-01-01T10:00:00.000Z';
const startedAt = '2026-01-01T09:00:00.000Z';

function item(key: string, size: number | null, extra: Partial<ItemState> = {}): ItemState {
  return {
    key,
    mediaId: key,
    part: 'source',
    fileName: `${key}.JPG`,
    mimeType: 'image/jpeg',
    kind: 'photo',
    size,
    capturedAt: at,
    status: 'discovered',
    attempts: 0,
    updatedAt: at,
    ...extra,
  } as ItemState;
}

const started = (key: string, size: number, offset = 0): SyncEvent => ({
  type: 'unit-started',
  at,
  key,
  fileName: `${key}.JPG`,
  size,
  offset,
});
const bytes = (key: string, sent: number, size: number): SyncEvent => ({
  type: 'bytes',
  at,
  key,
  sent,
  size,
});
const done = (key: string, status: 'uploaded' | 'created' | 'skipped' | 'failed'): SyncEvent => ({
  type: 'unit-done',
  at,
  key,
  fileName: `${key}.JPG`,
  status,
});

/** Applies events and checks sent <= total after every one. */
function play(ledger: ByteLedger, events: SyncEvent[]): void {
  for (const event of events) {
    ledger.apply(event);
    expect(ledger.sent).toBeLessThanOrEqual(ledger.total ?? Number.POSITIVE_INFINITY);
  }
}

describe('the byte ledger of a run', () => {
  it('has no total before the units are known', () => {
    const ledger = new ByteLedger();
    expect(ledger.total).toBeNull();
    expect(ledger.sent).toBe(0);
  });

  it('grows the total as a burst reveals sizes unknown at discovery', () => {
    const ledger = new ByteLedger();
    ledger.seed([item('photo', 2000), item('burst#1', null), item('burst#2', null)], startedAt);
    expect(ledger.total).toBe(2000);
    play(ledger, [started('photo', 2000), bytes('photo', 2000, 2000), done('photo', 'uploaded')]);
    expect(ledger.sent).toBe(2000);
    play(ledger, [started('burst#1', 3000), bytes('burst#1', 1500, 3000)]);
    expect(ledger.total).toBe(5000);
    expect(ledger.sent).toBe(3500);
    play(ledger, [bytes('burst#1', 3000, 3000), done('burst#1', 'uploaded')]);
    play(ledger, [
      started('burst#2', 4000),
      bytes('burst#2', 4000, 4000),
      done('burst#2', 'uploaded'),
    ]);
    expect(ledger.total).toBe(9000);
    expect(ledger.sent).toBe(9000);
  });

  it('counts transfers that began before the units were loaded once', () => {
    const ledger = new ByteLedger();
    play(ledger, [started('a', 1000), bytes('a', 600, 1000)]);
    expect(ledger.total).toBeNull();
    ledger.seed([item('a', null, { status: 'discovered' }), item('b', 500)], startedAt);
    expect(ledger.total).toBe(1500);
    expect(ledger.sent).toBe(600);
  });

  it('counts a resumed session from where its uploads stood', () => {
    const ledger = new ByteLedger();
    ledger.seed(
      [
        item('old', 800, { status: 'created', createdAt: '2026-01-01T08:00:00.000Z' }),
        item('half', 1000, {
          status: 'uploading',
          servedSize: 1000,
          upload: { url: 'u', offset: 400, startedAt: at },
        }),
        item('ready', 700, { status: 'uploaded' }),
        item('new', 300),
        item('skip', 900, { status: 'skipped' }),
      ],
      startedAt,
    );
    expect(ledger.total).toBe(600 + 300);
    play(ledger, [
      started('half', 1000, 400),
      bytes('half', 700, 1000),
      // A lost session restarts the upload from 0: the bytes re-sent are not counted twice.
      started('half', 1000, 0),
      bytes('half', 500, 1000),
      bytes('half', 1000, 1000),
      done('half', 'uploaded'),
      started('new', 300),
      bytes('new', 300, 300),
      done('new', 'uploaded'),
      done('ready', 'created'),
    ]);
    expect(ledger.total).toBe(900);
    expect(ledger.sent).toBe(900);
  });

  it('drops a unit the transfer skips and keeps a failed one in the total', () => {
    const ledger = new ByteLedger();
    ledger.seed([item('big', 5000), item('bad', 100)], startedAt);
    play(ledger, [
      done('big', 'skipped'),
      started('bad', 100),
      bytes('bad', 50, 100),
      done('bad', 'failed'),
    ]);
    expect(ledger.total).toBe(100);
    expect(ledger.sent).toBe(50);
  });
});
