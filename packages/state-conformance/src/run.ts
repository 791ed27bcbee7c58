/**
 * `runStateBackendConformance`: registers every group against the caller's vitest API.
 * Capability groups run only when the backend declares the capability; the others are
 * registered as visibly skipped tests that say why.
 */
import { resolveCapabilities } from '@q2google/core';
import { randomNamespace } from './fixtures.js';
import { closeGroup } from './groups/close.js';
import { concurrencyGroup } from './groups/concurrency.js';
import { connectionErrorsGroup } from './groups/connection-errors.js';
import { corruptionGroup } from './groups/corruption.js';
import { durabilityGroup } from './groups/durability.js';
import { incrementalSaveGroup } from './groups/incremental-save.js';
import { largeSessionGroup } from './groups/large-session.js';
import { leaseStressGroup } from './groups/lease-stress.js';
import { leasesGroup } from './groups/leases.js';
import { ledgerGroup } from './groups/ledger.js';
import { listSessionsGroup } from './groups/list-sessions.js';
import { requestCountsGroup } from './groups/request-counts.js';
import { roundTripGroup } from './groups/round-trip.js';
import { storedRecordsGroup } from './groups/stored-records.js';
import { transitionsGroup } from './groups/transitions.js';
import type { GroupInput } from './harness.js';
import type { ConformanceContext, ConformanceOptions, VitestApi } from './types.js';

/** Every group, in the order they run. */
export const CONFORMANCE_GROUPS = {
  /** Save then load returns the same document. */
  'round-trip': roundTripGroup,
  /** Stored statuses follow the transition rules. */
  transitions: transitionsGroup,
  /** Incremental saves equal whole saves. */
  'incremental-save': incrementalSaveGroup,
  /** What is really stored, read back directly. */
  'stored-records': storedRecordsGroup,
  /** Sessions of many units save and load. */
  'large-session': largeSessionGroup,
  /** Saved state survives a reopen. */
  durability: durabilityGroup,
  /** Concurrent saves do not lose writes. */
  concurrency: concurrencyGroup,
  /** A closed backend refuses calls; close is idempotent. */
  close: closeGroup,
  /** Damaged stored data is reported, never silently used. */
  corruption: corruptionGroup,
  /** Session listing (when declared). */
  'list-sessions': listSessionsGroup,
  /** The cross-session ledger (when declared). */
  ledger: ledgerGroup,
  /** A sink's requests per day, shared by every run (when declared). */
  'request-counts': requestCountsGroup,
  /** Leases for several workers (when declared). */
  leases: leasesGroup,
  /** Leases under contention (when declared). */
  'lease-stress': leaseStressGroup,
  /** An unreachable database gives a typed error. */
  'connection-errors': connectionErrorsGroup,
} as const;

/**
 * Registers the whole conformance suite for one backend inside a `describe` named after it.
 * A probe instance is opened once (and closed) to read the declared capabilities; all data
 * goes to a random namespace, and every test uses random session ids.
 */
export function runStateBackendConformance(api: VitestApi, options: ConformanceOptions): void {
  const ctx: ConformanceContext = { namespace: randomNamespace() };
  api.describe(`state backend conformance: ${options.name}`, async () => {
    const probe = await options.create(ctx);
    const input: GroupInput = {
      api,
      options,
      ctx,
      capabilities: resolveCapabilities(probe),
      hasClose: typeof probe.close === 'function',
    };
    await probe.close?.();
    for (const group of Object.values(CONFORMANCE_GROUPS)) group(input);
  });
}
