/**
 * The state benchmark for one backend, in its own process: stores a small session and times
 * saving ONE changed unit in it, then the same with a large session (as the engine does: the unit plus the meta),
 * and loading the large session; the baseline for loading is reading and parsing the same
 * session as one JSON file. Input: {@link StateJobInput}; result: {@link StateJobResult}.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createItemState,
  createSessionState,
  type ItemState,
  type SessionState,
  transitionItem,
} from '@q2google/core';
import { type BackendSpec, openBackend } from '../lib/backends.js';
import { finishJob, jobInput } from '../lib/child.js';
import { median, round } from '../lib/stats.js';

/** What the state job measures. */
export interface StateJobInput {
  backend: BackendSpec;
  small: number;
  large: number;
  saves: number;
  /** A scratch directory for the JSON-file baseline. */
  scratch: string;
}

/** What the state job reports (milliseconds). */
export interface StateJobResult {
  backend: string;
  storeSmallMs: number;
  storeLargeMs: number;
  saveOneSmallMs: number;
  saveOneLargeMs: number;
  saveOneRatio: number;
  loadLargeMs: number;
  parseFileLargeMs: number;
  loadRatio: number;
  loadedUnits: number;
}

const NOW = new Date('2025-06-01T00:00:00.000Z');

/** A session of `units` units, half of them already created (a realistic resumed session). */
function buildSession(id: string, units: number): SessionState {
  const state = createSessionState({
    id,
    range: { from: '2020-01-01T00:00:00.000Z', to: '2025-12-31T00:00:00.000Z' },
    now: NOW,
  });
  state.discovery = { status: 'complete', cursor: null, unitsFound: units };
  for (let i = 0; i < units; i++) {
    const mediaId = `m${i.toString(36).padStart(8, '0')}`;
    const item = createItemState(
      {
        key: `${mediaId}:source`,
        mediaId,
        part: 'source',
        fileName: `GOPR${String(i).padStart(6, '0')}.JPG`,
        mimeType: 'image/jpeg',
        kind: 'photo',
        size: 3_000_000 + (i % 5_000_000),
        capturedAt: new Date(NOW.getTime() - i * 60_000).toISOString(),
        sourceType: 'Photo',
      },
      NOW,
    );
    state.items[item.key] =
      i % 2 === 0
        ? { ...item, status: 'created', mediaItemId: `AF1Q${i}`, createdAt: NOW.toISOString() }
        : item;
  }
  return state;
}

/** One changed unit: a discovered unit starts uploading (what a save looks like in a sync). */
function changeOne(state: SessionState, n: number): ItemState {
  const keys = Object.keys(state.items);
  for (let i = 0; ; i++) {
    const key = keys[(n * 7_919 + i) % keys.length]!;
    const item = state.items[key]!;
    if (item.status !== 'discovered') continue;
    const next = transitionItem(item, 'uploading', {
      upload: { url: `http://127.0.0.1/upload/${n}`, offset: 0, startedAt: NOW.toISOString() },
    });
    state.items[key] = next;
    return next;
  }
}

/** Writes every dirty page to disk (`sync`), so timed saves do not pay for earlier writes. */
function flushFileSystems(): void {
  execFileSync('sync');
}

const input = jobInput<StateJobInput>();
const backend = await openBackend(input.backend);
const timed = async (run: () => Promise<unknown>) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};
// The small session is measured before the large one exists, so a cost that grows with the
// table or collection (not only with the session) shows up in the ratio.
const small = buildSession('state-small', input.small);
const storeSmallMs = await timed(() => backend.save(small));
// The store's own writes reach the disk before saves are timed (for both sizes alike): else the
// kernel's write-back of 100,000 just-written files is charged to the first saves' fsyncs.
flushFileSystems();
const saveOne = async (state: SessionState, n: number) => {
  const item = changeOne(state, n);
  const { items: _items, batches: _batches, ...meta } = state;
  meta.updatedAt = new Date(NOW.getTime() + n).toISOString();
  return timed(() =>
    backend.saveChanges!({ sessionId: state.id, meta, items: [item], batches: [] }),
  );
};
const smallTimes: number[] = [];
for (let n = 0; n < input.saves; n++) smallTimes.push(await saveOne(small, n));
const large = buildSession('state-large', input.large);
const storeLargeMs = await timed(() => backend.save(large));
flushFileSystems();
const largeTimes: number[] = [];
for (let n = 0; n < input.saves; n++) largeTimes.push(await saveOne(large, n));
let loadedUnits = 0;
const loadTimes: number[] = [];
for (let i = 0; i < 3; i++) {
  loadTimes.push(
    await timed(async () => {
      const loaded = await backend.load(large.id);
      loadedUnits = Object.keys(loaded?.items ?? {}).length;
    }),
  );
}
const file = join(input.scratch, `${input.backend.kind}-large.json`);
await writeFile(file, JSON.stringify(large));
const parseTimes: number[] = [];
for (let i = 0; i < 3; i++) {
  parseTimes.push(await timed(async () => JSON.parse(await readFile(file, 'utf8'))));
}
await backend.close?.();
const result: StateJobResult = {
  backend: input.backend.kind,
  storeSmallMs: round(storeSmallMs, 1),
  storeLargeMs: round(storeLargeMs, 1),
  saveOneSmallMs: round(median(smallTimes), 3),
  saveOneLargeMs: round(median(largeTimes), 3),
  saveOneRatio: round(median(largeTimes) / median(smallTimes), 3),
  loadLargeMs: round(median(loadTimes), 1),
  parseFileLargeMs: round(median(parseTimes), 1),
  loadRatio: round(median(loadTimes) / median(parseTimes), 2),
  loadedUnits,
};
finishJob(result);
