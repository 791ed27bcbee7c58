/**
 * Leases that stay correct on servers whose update commands are not atomic. FerretDB v1 runs
 * `findOneAndUpdate` as a read followed by a replace by `_id`, so two workers can both "claim"
 * one document (measured: 147 of 200 units double-claimed). The one atomic primitive both
 * MongoDB and FerretDB give is an insert into a unique `_id`.
 *
 * So each resource (a unit key or a role name) has numbered lease generations, one document
 * each, `_id` = `<session>|<resource>|<gen>`. The highest generation is the current lease.
 * - take: seeing generation g free (absent, expired or released), insert g+1; a duplicate-key
 *   error means another worker won. Then re-read g: if its holder renewed it meanwhile, delete
 *   g+1 and give up.
 * - renew: the holder of g extends its own document, then checks g+1 does not exist; if it
 *   does, the lease was lost (it releases g and reports so).
 * Each side writes before it reads the other's write, so at most one of them keeps the lease.
 * Only a lease's holder ever updates its document, so non-atomic updates cannot lose writes.
 */
import type { Collection } from 'mongodb';

/** One lease generation of one resource. */
export interface LockDoc {
  _id: string;
  sessionId: string;
  resource: string;
  gen: number;
  owner: string;
  until: Date;
}

const RELEASED = new Date(0);
const lockId = (sessionId: string, resource: string, gen: number) =>
  `${sessionId}|${resource}|${gen}`;

function isDuplicate(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}

/** Lease generations kept in one collection. */
export class GenerationLocks {
  constructor(private readonly collection: Collection<LockDoc>) {}

  /** The current (highest) generation of each resource that has one. */
  async heads(sessionId: string, resources: readonly string[]): Promise<Map<string, LockDoc>> {
    const heads = new Map<string, LockDoc>();
    if (resources.length === 0) return heads;
    const docs = this.collection.find({ sessionId, resource: { $in: [...resources] } });
    for await (const doc of docs) {
      const head = heads.get(doc.resource);
      if (!head || head.gen < doc.gen) heads.set(doc.resource, doc);
    }
    return heads;
  }

  /** True when `head` is a live lease at `now`. */
  static live(head: LockDoc | undefined, now: Date): boolean {
    return head !== undefined && head.until.getTime() > now.getTime();
  }

  /** Tries to take a free resource whose current generation is `head`. */
  async take(
    sessionId: string,
    resource: string,
    head: LockDoc | undefined,
    owner: string,
    until: Date,
    now: Date,
  ): Promise<boolean> {
    if (GenerationLocks.live(head, now)) return false;
    const gen = (head?.gen ?? 0) + 1;
    const _id = lockId(sessionId, resource, gen);
    try {
      await this.collection.insertOne({ _id, sessionId, resource, gen, owner, until });
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
    if (head) {
      const again = await this.collection.findOne({ _id: head._id });
      if (!again || GenerationLocks.live(again, now)) {
        await this.collection.deleteOne({ _id });
        return false;
      }
      if (gen > 2) await this.collection.deleteMany({ sessionId, resource, gen: { $lt: gen - 1 } });
    }
    return true;
  }

  /** Extends `owner`'s live leases on `resources`; returns the resources it still holds. */
  async renew(
    sessionId: string,
    resources: readonly string[],
    owner: string,
    until: Date,
    now: Date,
  ): Promise<string[]> {
    const heads = [...(await this.heads(sessionId, resources)).values()].filter(
      (h) => h.owner === owner && GenerationLocks.live(h, now),
    );
    if (heads.length === 0) return [];
    await this.collection.updateMany(
      { _id: { $in: heads.map((h) => h._id) }, owner },
      { $set: { until } },
    );
    const successors = await this.collection
      .find({ _id: { $in: heads.map((h) => lockId(sessionId, h.resource, h.gen + 1)) } })
      .project<{ resource: string }>({ resource: 1 })
      .toArray();
    const lost = new Set(successors.map((s) => s.resource));
    if (lost.size > 0) {
      const ids = heads.filter((h) => lost.has(h.resource)).map((h) => h._id);
      await this.collection.updateMany({ _id: { $in: ids }, owner }, { $set: { until: RELEASED } });
    }
    return heads.map((h) => h.resource).filter((r) => !lost.has(r));
  }

  /** Ends `owner`'s leases on `resources` (live or expired). */
  async release(sessionId: string, resources: readonly string[], owner: string): Promise<void> {
    const heads = [...(await this.heads(sessionId, resources)).values()].filter(
      (h) => h.owner === owner,
    );
    if (heads.length === 0) return;
    await this.collection.updateMany(
      { _id: { $in: heads.map((h) => h._id) }, owner },
      { $set: { until: RELEASED } },
    );
  }
}
