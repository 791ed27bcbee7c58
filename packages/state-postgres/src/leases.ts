/**
 * Leases for several workers on one session. Units are claimed with one
 * `UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED LIMIT n)`, so concurrent claims never overlap
 * and never wait on each other; roles are one row per (session, role) taken with an atomic
 * upsert when free, expired or already ours. Every time comes from the backend's clock, so
 * expiry is testable without sleeping.
 */
import { type ItemState, ItemStateSchema, type LeaseClaim, type RoleClaim } from '@q2google/core';
import type { PgPoolLike } from './db.js';
import type { TableNames } from './names.js';

const after = (now: Date, ms: number) => new Date(now.getTime() + ms);

/** Leases up to `claim.limit` unleased or lease-expired units in the asked statuses. */
export async function claimItems(
  pool: PgPoolLike,
  t: TableNames,
  claim: LeaseClaim,
  now: Date,
): Promise<ItemState[]> {
  if (claim.limit <= 0 || claim.statuses.length === 0) return [];
  const { rows } = await pool.query<{ doc: unknown }>(
    `WITH picked AS MATERIALIZED (
       SELECT key FROM ${t.items}
       WHERE session_id = $1 AND status = ANY($2::text[])
         AND (lease_until IS NULL OR lease_until <= $3)
       ORDER BY key
       LIMIT $4
       FOR UPDATE SKIP LOCKED
     )
     UPDATE ${t.items} AS i SET lease_owner = $5, lease_until = $6
     FROM picked WHERE i.session_id = $1 AND i.key = picked.key
     RETURNING i.doc`,
    [claim.sessionId, claim.statuses, now, claim.limit, claim.workerId, after(now, claim.leaseMs)],
  );
  return rows.map((row) => ItemStateSchema.parse(row.doc));
}

/** Extends this worker's live leases on `keys`; returns the keys it still holds. */
export async function renewLeases(
  pool: PgPoolLike,
  t: TableNames,
  input: { sessionId: string; workerId: string; keys: string[]; leaseMs: number },
  now: Date,
): Promise<string[]> {
  if (input.keys.length === 0) return [];
  const { rows } = await pool.query<{ key: string }>(
    `UPDATE ${t.items} SET lease_until = $4
     WHERE session_id = $1 AND lease_owner = $2 AND key = ANY($3::text[]) AND lease_until > $5
     RETURNING key`,
    [input.sessionId, input.workerId, input.keys, after(now, input.leaseMs), now],
  );
  return rows.map((row) => row.key);
}

/** Gives this worker's leases on `keys` back to the pool. */
export async function releaseLeases(
  pool: PgPoolLike,
  t: TableNames,
  input: { sessionId: string; workerId: string; keys: string[] },
): Promise<void> {
  if (input.keys.length === 0) return;
  await pool.query(
    `UPDATE ${t.items} SET lease_owner = NULL, lease_until = NULL
     WHERE session_id = $1 AND lease_owner = $2 AND key = ANY($3::text[])`,
    [input.sessionId, input.workerId, input.keys],
  );
}

/** Takes or renews a role; true when `claim.workerId` holds it afterwards. */
export async function acquireRole(
  pool: PgPoolLike,
  t: TableNames,
  claim: RoleClaim,
  now: Date,
): Promise<boolean> {
  const { rows } = await pool.query(
    `INSERT INTO ${t.roles} AS r (session_id, role, owner, lease_until) VALUES ($1, $2, $3, $4)
     ON CONFLICT (session_id, role) DO UPDATE
       SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
       WHERE r.owner = EXCLUDED.owner OR r.lease_until <= $5
     RETURNING owner`,
    [claim.sessionId, claim.role, claim.workerId, after(now, claim.leaseMs), now],
  );
  return rows.length === 1;
}

/** Gives a role up when this worker holds it. */
export async function releaseRole(
  pool: PgPoolLike,
  t: TableNames,
  input: { sessionId: string; role: string; workerId: string },
): Promise<void> {
  await pool.query(`DELETE FROM ${t.roles} WHERE session_id = $1 AND role = $2 AND owner = $3`, [
    input.sessionId,
    input.role,
    input.workerId,
  ]);
}
