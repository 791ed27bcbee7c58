/**
 * Unit leases and session roles on top of {@link GenerationLocks}: candidates are read page by
 * page from `items` (status filter), their current leases looked up in one query per page, and
 * free ones taken in parallel until `limit` units are held. Times come from the backend's clock.
 */
import { type ItemState, ItemStateSchema, type LeaseClaim, type RoleClaim } from '@q2google/core';
import type { Collections } from './collections.js';
import { GenerationLocks } from './generation-locks.js';

const PAGE = 200;
const after = (now: Date, ms: number) => new Date(now.getTime() + ms);

/** Leases up to `claim.limit` unleased or lease-expired units in the asked statuses. */
export async function claimItems(
  c: Collections,
  claim: LeaseClaim,
  now: Date,
): Promise<ItemState[]> {
  if (claim.limit <= 0 || claim.statuses.length === 0) return [];
  const locks = new GenerationLocks(c.leases);
  const until = after(now, claim.leaseMs);
  const got: ItemState[] = [];
  const cursor = c.items
    .find(
      { sessionId: claim.sessionId, status: { $in: claim.statuses } },
      { projection: { _id: 0, key: 1, json: 1 } },
    )
    .batchSize(PAGE);
  try {
    let page: { key: string; json: string }[] = [];
    const drain = async () => {
      const heads = await locks.heads(
        claim.sessionId,
        page.map((p) => p.key),
      );
      const free = page.filter((p) => !GenerationLocks.live(heads.get(p.key), now));
      page = [];
      while (free.length > 0 && got.length < claim.limit) {
        const batch = free.splice(0, claim.limit - got.length);
        const taken = await Promise.all(
          batch.map((p) =>
            locks.take(claim.sessionId, p.key, heads.get(p.key), claim.workerId, until, now),
          ),
        );
        batch.forEach((p, i) => {
          if (taken[i]) got.push(ItemStateSchema.parse(JSON.parse(p.json)));
        });
      }
    };
    for await (const doc of cursor) {
      page.push({ key: String(doc.key), json: String(doc.json) });
      if (page.length >= PAGE) await drain();
      if (got.length >= claim.limit) break;
    }
    if (page.length > 0 && got.length < claim.limit) await drain();
  } finally {
    await cursor.close();
  }
  return got;
}

/** Extends this worker's live leases on `keys`; returns the keys it still holds. */
export function renewLeases(
  c: Collections,
  input: { sessionId: string; workerId: string; keys: string[]; leaseMs: number },
  now: Date,
): Promise<string[]> {
  return new GenerationLocks(c.leases).renew(
    input.sessionId,
    input.keys,
    input.workerId,
    after(now, input.leaseMs),
    now,
  );
}

/** Gives this worker's leases on `keys` back to the pool. */
export function releaseLeases(
  c: Collections,
  input: { sessionId: string; workerId: string; keys: string[] },
): Promise<void> {
  return new GenerationLocks(c.leases).release(input.sessionId, input.keys, input.workerId);
}

/** Takes or renews a role; true when `claim.workerId` holds it afterwards. */
export async function acquireRole(c: Collections, claim: RoleClaim, now: Date): Promise<boolean> {
  const locks = new GenerationLocks(c.roles);
  const until = after(now, claim.leaseMs);
  const head = (await locks.heads(claim.sessionId, [claim.role])).get(claim.role);
  if (head?.owner === claim.workerId && GenerationLocks.live(head, now)) {
    const held = await locks.renew(claim.sessionId, [claim.role], claim.workerId, until, now);
    return held.length === 1;
  }
  return locks.take(claim.sessionId, claim.role, head, claim.workerId, until, now);
}

/** Gives a role up when this worker holds it. */
export function releaseRole(
  c: Collections,
  input: { sessionId: string; role: string; workerId: string },
): Promise<void> {
  return new GenerationLocks(c.roles).release(input.sessionId, [input.role], input.workerId);
}
