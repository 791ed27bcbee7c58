/** Listing sessions: every stored session with its range, options and per-status counts. */
import type { SessionSummary } from '@q2google/core';
import { buildSession } from '../fixtures.js';
import { type GroupInput, skipGroup, using } from '../harness.js';

const TITLE = 'list-sessions';

function nonZero(counts: SessionSummary['counts']): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
}

/** Registers the `list-sessions` group (capability `listSessions`). */
export function listSessionsGroup(input: GroupInput): void {
  const { api, options, ctx, capabilities } = input;
  const { describe, test, expect } = api;
  if (!capabilities.listSessions) {
    skipGroup(api, TITLE, 'the backend does not declare listSessions');
    return;
  }
  const open = () => options.create(ctx);

  describe(TITLE, () => {
    test('lists saved sessions with range, options, times and counts per status', async () => {
      const state = buildSession({ items: 15, album: 'Listed 📷' });
      await using(open, async (backend) => {
        await backend.save(state);
        const row = (await backend.listSessions!()).find((s) => s.id === state.id);
        expect(row).toBeDefined();
        expect(row?.range).toStrictEqual(state.range);
        expect(row?.options).toStrictEqual(state.options);
        expect(row?.createdAt).toBe(state.createdAt);
        expect(row?.updatedAt).toBe(state.updatedAt);
        expect(nonZero(row!.counts)).toStrictEqual({
          discovered: 3,
          uploading: 2,
          uploaded: 2,
          creating: 2,
          created: 2,
          skipped: 2,
          failed: 2,
        });
      });
    });

    test('an empty session is listed with no counts', async () => {
      const state = buildSession({ items: 0, batches: 0 });
      await using(open, async (backend) => {
        await backend.save(state);
        const row = (await backend.listSessions!()).find((s) => s.id === state.id);
        expect(row && nonZero(row.counts)).toStrictEqual({});
      });
    });

    test('newest sessions come first', async () => {
      const sessions = [0, 2000, 1000].map((at) => buildSession({ items: 1, batches: 0, at }));
      await using(open, async (backend) => {
        for (const s of sessions) await backend.save(s);
        const ours = sessions.map((s) => s.id);
        const listed = (await backend.listSessions!()).filter((s) => ours.includes(s.id));
        expect(listed.map((s) => s.id)).toEqual([
          sessions[1]!.id,
          sessions[2]!.id,
          sessions[0]!.id,
        ]);
      });
    });

    test('counts follow incremental and whole saves', async () => {
      const state = buildSession({ items: 4, statuses: ['discovered'], batches: 0 });
      await using(open, async (backend) => {
        await backend.save(state);
        await backend.save({ ...state, items: { 'unit-0': state.items['unit-0']! } });
        const row = (await backend.listSessions!()).find((s) => s.id === state.id);
        expect(nonZero(row!.counts)).toStrictEqual({ discovered: 1 });
      });
    });
  });
}
