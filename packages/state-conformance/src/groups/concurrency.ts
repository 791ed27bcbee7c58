/**
 * Concurrency: two writers on one session behave as the backend declares. `exclusive` refuses
 * the second instance with BACKEND_LOCKED and advice; `shared` hands disjoint leases to workers.
 */
import type { SyncStateBackend } from '@q2google/core';
import { buildSession } from '../fixtures.js';
import {
  caught,
  closeQuietly,
  expectCode,
  type GroupInput,
  letLeasesExpire,
  shortLease,
  skipGroup,
  userText,
} from '../harness.js';

const TITLE = 'concurrency';
const ADVICE = /stop|wait|close|remove|delete|kill|finish|retry|try again|another/i;

/** Registers the `concurrency` group. */
export function concurrencyGroup(input: GroupInput): void {
  const { api, capabilities, options } = input;
  const mode = capabilities.concurrency;
  if (mode === 'unsafe') {
    skipGroup(api, TITLE, 'the backend declares concurrency "unsafe" (one writer, unchecked)');
  } else if (mode === 'exclusive' && !options.concurrentOpen) {
    skipGroup(api, TITLE, 'concurrency "exclusive" needs a `concurrentOpen` hook to check');
  } else if (mode === 'shared' && !capabilities.leases) {
    skipGroup(api, TITLE, 'concurrency "shared" is checked through leases, not declared');
  } else if (mode === 'exclusive') {
    exclusive(input);
  } else {
    shared(input);
  }
}

function exclusive(input: GroupInput): void {
  const { api, options, ctx } = input;
  const { describe, test, expect } = api;
  const second = options.concurrentOpen!;

  describe(`${TITLE} (exclusive)`, () => {
    test('a second instance is refused with BACKEND_LOCKED saying what to do', async () => {
      const state = buildSession({ items: 3, batches: 1 });
      const other = buildSession({ id: state.id, items: 1, batches: 0 });
      const first = await options.create(ctx);
      let intruder: SyncStateBackend | undefined;
      try {
        await first.save(state);
        expect(await first.load(state.id)).toStrictEqual(state);
        intruder = await second(ctx);
        const refused = intruder;
        const error = await caught(async () => {
          await refused.load(state.id);
          await refused.save(other);
        });
        expectCode(api, error, 'BACKEND_LOCKED');
        expect(userText(error)).toMatch(ADVICE);
        await first.save(state);
        expect(await first.load(state.id)).toStrictEqual(state);
      } finally {
        await closeQuietly(intruder);
        await closeQuietly(first);
      }
    });

    test('once the first instance is closed, another one may take the session', async () => {
      const state = buildSession({ items: 2, batches: 0 });
      const first = await options.create(ctx);
      await first.save(state);
      await closeQuietly(first);
      const next = await second(ctx);
      try {
        expect(await next.load(state.id)).toStrictEqual(state);
        await next.save({ ...state, items: {} });
        expect(await next.load(state.id)).toStrictEqual({ ...state, items: {} });
      } finally {
        await closeQuietly(next);
      }
    });
  });
}

function shared(input: GroupInput): void {
  const { api, options, ctx } = input;
  const { describe, test, expect } = api;
  const openOther = () => (options.concurrentOpen ?? options.create)(ctx);

  describe(`${TITLE} (shared)`, () => {
    test('two instances claiming at once get disjoint units', async () => {
      const state = buildSession({ items: 30, statuses: ['discovered'], batches: 0 });
      const a = await options.create(ctx);
      const b = await openOther();
      try {
        await a.save(state);
        const claim = { sessionId: state.id, limit: 20, statuses: ['discovered' as const] };
        const [gotA, gotB] = await Promise.all([
          a.claimItems!({ ...claim, workerId: 'worker-a', leaseMs: 60_000 }),
          b.claimItems!({ ...claim, workerId: 'worker-b', leaseMs: 60_000 }),
        ]);
        const keysA = gotA.map((i) => i.key);
        const keysB = gotB.map((i) => i.key);
        expect(keysA.filter((k) => keysB.includes(k))).toEqual([]);
        expect(keysA.length + keysB.length).toBe(30);
      } finally {
        await closeQuietly(b);
        await closeQuietly(a);
      }
    });

    test("an expired lease returns to the pool for the other instance's worker", async () => {
      const state = buildSession({ items: 4, statuses: ['discovered'], batches: 0 });
      const a = await options.create(ctx);
      const b = await openOther();
      try {
        await a.save(state);
        const claim = { sessionId: state.id, limit: 10, statuses: ['discovered' as const] };
        const ms = shortLease(input);
        expect(await a.claimItems!({ ...claim, workerId: 'worker-a', leaseMs: ms })).toHaveLength(
          4,
        );
        let gotB: string[] = [];
        await letLeasesExpire(input, ms, async () => {
          const got = await b.claimItems!({ ...claim, workerId: 'worker-b', leaseMs: 60_000 });
          gotB = gotB.concat(got.map((i) => i.key));
          return gotB.length === 4;
        });
        if (gotB.length < 4) {
          const got = await b.claimItems!({ ...claim, workerId: 'worker-b', leaseMs: 60_000 });
          gotB = gotB.concat(got.map((i) => i.key));
        }
        expect(gotB.sort()).toEqual(Object.keys(state.items).sort());
      } finally {
        await closeQuietly(b);
        await closeQuietly(a);
      }
    });
  });
}
