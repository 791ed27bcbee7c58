/**
 * Leases: units handed to one worker at a time until a deadline; expired or released leases
 * return to the pool; session-wide roles have a single holder.
 */
import type { ItemStatus, SyncStateBackend } from '@q2google/core';
import { buildSession } from '../fixtures.js';
import {
  closeQuietly,
  type GroupInput,
  letLeasesExpire,
  shortLease,
  skipGroup,
  using,
} from '../harness.js';

const TITLE = 'leases';
const LONG = 60_000;

/** Registers the `leases` group (capability `leases`). */
export function leasesGroup(input: GroupInput): void {
  const { api, options, ctx, capabilities } = input;
  const { describe, test, expect } = api;
  if (!capabilities.leases) {
    skipGroup(api, TITLE, 'the backend does not declare leases');
    return;
  }
  const open = () => options.create(ctx);
  const claim = (
    backend: SyncStateBackend,
    sessionId: string,
    workerId: string,
    limit: number,
    statuses: ItemStatus[] = ['discovered'],
    leaseMs = LONG,
  ) => backend.claimItems!({ sessionId, workerId, limit, statuses, leaseMs });
  const keys = (items: { key: string }[]) => items.map((i) => i.key).sort();

  describe(TITLE, () => {
    test('a claim hands out at most `limit` units in the asked statuses, as stored', async () => {
      const state = buildSession({ items: 14 });
      await using(open, async (backend) => {
        await backend.save(state);
        const got = await claim(backend, state.id, 'w1', 3, ['discovered', 'failed']);
        expect(got).toHaveLength(3);
        for (const item of got) {
          expect(['discovered', 'failed']).toContain(item.status);
          expect(item).toStrictEqual(state.items[item.key]);
        }
        const rest = await claim(backend, state.id, 'w1', 10, ['discovered', 'failed']);
        expect(rest).toHaveLength(1);
        expect(keys([...got, ...rest])).toEqual(['unit-0', 'unit-13', 'unit-6', 'unit-7']);
      });
    });

    test('a leased unit is not handed to another worker; claims are disjoint', async () => {
      const state = buildSession({ items: 10, statuses: ['discovered'], batches: 0 });
      await using(open, async (backend) => {
        await backend.save(state);
        const [a, b] = await Promise.all([
          claim(backend, state.id, 'w-a', 6),
          claim(backend, state.id, 'w-b', 6),
        ]);
        expect(keys(a).filter((k) => keys(b).includes(k))).toEqual([]);
        expect(a.length + b.length).toBe(10);
        expect(await claim(backend, state.id, 'w-c', 5)).toEqual([]);
      });
    });

    test('claiming in an unknown session or with limit 0 gives nothing', async () => {
      const state = buildSession({ items: 3, statuses: ['discovered'], batches: 0 });
      await using(open, async (backend) => {
        await backend.save(state);
        expect(await claim(backend, `${state.id}-missing`, 'w', 5)).toEqual([]);
        expect(await claim(backend, state.id, 'w', 0)).toEqual([]);
      });
    });

    test('renewing returns only the keys this worker still holds', async () => {
      const state = buildSession({ items: 4, statuses: ['discovered'], batches: 0 });
      await using(open, async (backend) => {
        await backend.save(state);
        const mine = keys(await claim(backend, state.id, 'w-a', 2));
        const theirs = keys(await claim(backend, state.id, 'w-b', 1));
        const free = Object.keys(state.items).filter((k) => ![...mine, ...theirs].includes(k));
        const held = await backend.renewLeases!(
          state.id,
          'w-a',
          [...mine, ...theirs, ...free],
          LONG,
        );
        expect([...held].sort()).toEqual(mine);
      });
    });

    test('released units return to the pool', async () => {
      const state = buildSession({ items: 3, statuses: ['discovered'], batches: 0 });
      await using(open, async (backend) => {
        await backend.save(state);
        const got = keys(await claim(backend, state.id, 'w-a', 3));
        expect(await claim(backend, state.id, 'w-b', 3)).toEqual([]);
        await backend.releaseLeases!(state.id, 'w-b', got);
        expect(await claim(backend, state.id, 'w-b', 3)).toEqual([]);
        await backend.releaseLeases!(state.id, 'w-a', got);
        expect(keys(await claim(backend, state.id, 'w-b', 3))).toEqual(got);
      });
    });

    test('leases survive saves of the session', async () => {
      const state = buildSession({ items: 2, statuses: ['discovered'], batches: 0 });
      await using(open, async (backend) => {
        await backend.save(state);
        expect(await claim(backend, state.id, 'w-a', 2)).toHaveLength(2);
        await backend.save({ ...state, updatedAt: '2025-02-02T00:00:00.000Z' });
        expect(await claim(backend, state.id, 'w-b', 2)).toEqual([]);
      });
    });

    test('expired leases return to the pool and are no longer renewable', async () => {
      const state = buildSession({ items: 3, statuses: ['discovered'], batches: 0 });
      const ms = shortLease(input);
      await using(open, async (backend) => {
        await backend.save(state);
        const first = keys(await claim(backend, state.id, 'w-a', 3, ['discovered'], ms));
        expect(first).toHaveLength(3);
        const taken: string[] = [];
        await letLeasesExpire(input, ms, async () => {
          taken.push(...keys(await claim(backend, state.id, 'w-b', 3)));
          return taken.length === 3;
        });
        if (taken.length < 3) taken.push(...keys(await claim(backend, state.id, 'w-b', 3)));
        expect(taken.sort()).toEqual(first);
        expect(await backend.renewLeases!(state.id, 'w-a', first, LONG)).toEqual([]);
      });
    });

    const exact = 'a lease expires at its deadline on the injected clock, not a millisecond before';
    const exactTest = options.advanceClock ? test : test.skip;
    const exactTitle = options.advanceClock ? exact : `${exact} — skipped: needs \`advanceClock\``;
    exactTest(exactTitle, async () => {
      const state = buildSession({ items: 3, statuses: ['discovered'], batches: 0 });
      const advance = (ms: number) => options.advanceClock!(ctx, ms);
      const [a, b] = [await open(), await (options.concurrentOpen ?? options.create)(ctx)];
      try {
        await a.save(state);
        expect(await claim(a, state.id, 'a', 3, ['discovered'], 1_000)).toHaveLength(3);
        await advance(999);
        expect(await claim(b, state.id, 'b', 3, ['discovered'], 1_000)).toEqual([]);
        await advance(1);
        expect(await claim(b, state.id, 'b', 3, ['discovered'], 1_000)).toHaveLength(3);
        expect(await a.renewLeases!(state.id, 'a', Object.keys(state.items), 1_000)).toEqual([]);
      } finally {
        await closeQuietly(b);
        await closeQuietly(a);
      }
    });

    test('a role has one holder; it can renew, release, and be taken once expired', async () => {
      const state = buildSession({ items: 1, batches: 0 });
      const role = (workerId: string, leaseMs = LONG) => ({
        sessionId: state.id,
        role: 'create',
        workerId,
        leaseMs,
      });
      await using(open, async (backend) => {
        await backend.save(state);
        expect(await backend.acquireRole!(role('w-a'))).toBe(true);
        expect(await backend.acquireRole!(role('w-b'))).toBe(false);
        expect(await backend.acquireRole!(role('w-a'))).toBe(true);
        expect(await backend.acquireRole!({ ...role('w-b'), role: 'discovery' })).toBe(true);
        await backend.releaseRole!(state.id, 'create', 'w-b');
        expect(await backend.acquireRole!(role('w-b'))).toBe(false);
        await backend.releaseRole!(state.id, 'create', 'w-a');
        const ms = shortLease(input);
        expect(await backend.acquireRole!(role('w-b', ms))).toBe(true);
        let taken = false;
        await letLeasesExpire(input, ms, async () => {
          taken = await backend.acquireRole!(role('w-a'));
          return taken;
        });
        if (!taken) taken = await backend.acquireRole!(role('w-a'));
        expect(taken).toBe(true);
      });
    });
  });
}
