/**
 * Lease stress: several instances over one store claim at the same moment, round after round;
 * every unit goes to exactly one of them, and a role has exactly one holder. The instances open
 * over `<namespace>_stress`, so what the other groups stored cannot slow the race down.
 */
import type { SyncStateBackend } from '@q2google/core';
import { buildSession } from '../fixtures.js';
import { closeQuietly, type GroupInput, skipGroup } from '../harness.js';

const TITLE = 'lease-stress';
const CLAIM_LIMIT = 7;

/** Registers the `lease-stress` group (capability `leases`). */
export function leaseStressGroup(input: GroupInput): void {
  const { api, options, capabilities } = input;
  const { describe, test, expect } = api;
  if (!capabilities.leases) {
    skipGroup(api, TITLE, 'the backend does not declare leases');
    return;
  }
  const instances = options.leaseStress?.instances ?? 4;
  const units = options.leaseStress?.units ?? 120;
  const ctx = { namespace: `${input.ctx.namespace}_stress` };
  const openOther = () => (options.concurrentOpen ?? options.create)(ctx);

  /** Opens `count` instances (the first with `create`), runs `body`, closes them all. */
  const withInstances = async (count: number, body: (all: SyncStateBackend[]) => Promise<void>) => {
    const all = [await options.create(ctx)];
    try {
      all.push(...(await Promise.all(Array.from({ length: count - 1 }, openOther))));
      await body(all);
    } finally {
      await Promise.all(all.map((backend) => closeQuietly(backend)));
    }
  };

  describe(TITLE, () => {
    test(`${instances} instances claiming ${units} units in rounds at once never share a unit`, async () => {
      const state = buildSession({ items: units, statuses: ['discovered'], batches: 0 });
      // More rounds than needed: the last ones must hand out nothing that was handed out before.
      const rounds = Math.ceil(units / (instances * CLAIM_LIMIT)) + 3;
      await withInstances(instances, async (workers) => {
        await workers[0]!.save(state);
        const owner = new Map<string, string>();
        for (let round = 0; round < rounds; round++) {
          const claims = await Promise.all(
            workers.map((worker, i) =>
              worker.claimItems!({
                sessionId: state.id,
                workerId: `w${i}`,
                limit: CLAIM_LIMIT,
                statuses: ['discovered'],
                leaseMs: 60_000,
              }),
            ),
          );
          claims.forEach((items, i) => {
            for (const item of items) {
              expect(owner.get(item.key), `unit ${item.key} handed out twice`).toBeUndefined();
              owner.set(item.key, `w${i}`);
            }
          });
        }
        expect(owner.size).toBe(units);
      });
    });

    test(`of ${instances * 2} instances asking for one role at once, exactly one gets it`, async () => {
      const state = buildSession({ items: 1, batches: 0 });
      await withInstances(instances * 2, async (workers) => {
        await workers[0]!.save(state);
        const got = await Promise.all(
          workers.map((worker, i) =>
            worker.acquireRole!({
              sessionId: state.id,
              role: 'create',
              workerId: `w${i}`,
              leaseMs: 10_000,
            }),
          ),
        );
        expect(got.filter(Boolean)).toHaveLength(1);
      });
    });
  });
}
