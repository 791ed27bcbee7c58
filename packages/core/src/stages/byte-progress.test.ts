import { describe, expect, it } from 'vitest';
import type { SyncEventInput } from '../sync/sync-events.js';
import { BYTES_EVENT_INTERVAL_MS, byteProgress } from './byte-progress.js';

function recorder() {
  const events: SyncEventInput[] = [];
  let clock = 0;
  const progress = byteProgress(
    (e) => events.push(e),
    'k',
    1_000,
    () => clock,
  );
  const sentValues = () => events.map((e) => (e.type === 'bytes' ? e.sent : -1));
  return { progress, sentValues, advance: (ms: number) => (clock += ms) };
}

describe('byteProgress', () => {
  it('folds the chunks of one time slice into one event and always sends the last', () => {
    const { progress, sentValues, advance } = recorder();
    progress.report(100);
    progress.report(200);
    progress.report(300);
    advance(BYTES_EVENT_INTERVAL_MS);
    progress.report(400);
    progress.report(1_200);
    expect(sentValues()).toEqual([100, 400, 1_000]);
  });

  it('sends the count it held back when the upload ends short of the size', () => {
    const { progress, sentValues } = recorder();
    progress.report(100);
    progress.report(600);
    progress.flush();
    progress.flush();
    expect(sentValues()).toEqual([100, 600]);
  });
});
