/**
 * The public options of the conformance suite: the caller's vitest API and how to open,
 * reopen, inspect and damage the backend under test.
 */
import type { Q2gErrorCode, SyncStateBackend } from '@q2google/core';
import type { ExpectStatic, SuiteAPI, TestAPI } from 'vitest';

/** Passed to every hook: the random namespace of this suite run. */
export interface ConformanceContext {
  /**
   * Isolates this run's data (table/collection prefix, sub-folder): `q2g_` + 12 hex digits, or
   * that plus `_stress` for the `lease-stress` group, which wants an empty store of its own.
   */
  namespace: string;
}

/** The caller's vitest API (the suite never imports vitest's runtime itself). */
export interface VitestApi {
  test: TestAPI;
  describe: SuiteAPI;
  expect: ExpectStatic;
  /** The caller's vitest `beforeEach`, when the suite should use it. */
  beforeEach?: (fn: () => unknown) => void;
  /** The caller's vitest `afterEach`, when the suite should use it. */
  afterEach?: (fn: () => unknown) => void;
}

/** How one stored unit or batch looks in storage, as the `inspect` hook reports it. */
export interface StoredRecord {
  /** The stored data as-is (parsed file, row, document). */
  raw: unknown;
  /** A write marker that changes whenever the record is rewritten (inode+mtime, xmin, version). */
  stamp: string | number | bigint;
}

/** Everything stored for one session, read straight from storage by the `inspect` hook. */
export interface StoredSession {
  /** Stored units keyed by unit key. */
  items: Record<string, StoredRecord>;
  /** Stored batches keyed by batch id. */
  batches: Record<string, StoredRecord>;
}

/** Storage that cannot work, for the `connection-errors` group. */
export interface UnreachableStorage {
  /**
   * Opens (or fails to open) the backend over storage it cannot use: a server on a closed port,
   * a folder below a regular file. The suite then saves a session and expects the failure.
   */
  open: (ctx: ConformanceContext) => Promise<SyncStateBackend>;
  /** The codes the failure may have (default `BACKEND_UNAVAILABLE`). */
  codes?: Q2gErrorCode[];
  /** Whether the failure must be marked retryable, or must not be (unchecked when absent). */
  retryable?: boolean;
  /** A secret inside the location (the URI's password) that no part of the error may show. */
  secret?: string;
  /** Text the message must contain so a user knows where, e.g. the redacted URI. */
  mentions?: string;
}

/** The size of the `lease-stress` group's run. */
export interface LeaseStress {
  /** How many instances claim at once (default 4; twice as many contend for one role). */
  instances?: number;
  /** How many units they share (default 120). */
  units?: number;
}

/** The backend under test and the optional hooks that unlock deeper checks. */
export interface ConformanceOptions {
  /** A name for the describe block, e.g. `state-json`. */
  name: string;
  /** Opens a backend over the run's namespace (called once per test). */
  create: (ctx: ConformanceContext) => Promise<SyncStateBackend>;
  /** Opens a NEW instance over the same storage; proves durability. Unlocks `durability`. */
  reopen?: (ctx: ConformanceContext) => Promise<SyncStateBackend>;
  /**
   * Opens a second independent instance on the same storage as another process would
   * (another pid holding nothing yet). Unlocks the two-writer checks in `concurrency`.
   */
  concurrentOpen?: (ctx: ConformanceContext) => Promise<SyncStateBackend>;
  /**
   * Moves the backend's lease clock forward by `ms`. Without it the lease checks use 1 ms
   * leases and poll (for up to 3 s) until they have expired in real time.
   */
  advanceClock?: (ctx: ConformanceContext, ms: number) => Promise<void> | void;
  /**
   * Reads what is really stored for a session, record by record, or null when nothing is.
   * Unlocks the `stored-records` group (for backends that store each unit as its own record).
   */
  inspect?: (ctx: ConformanceContext, sessionId: string) => Promise<StoredSession | null>;
  /** Damages a stored session the backend's own way (truncated file, broken row). */
  corrupt?: (ctx: ConformanceContext, sessionId: string) => Promise<void>;
  /**
   * Stores `document` as the session document of `sessionId`, bypassing the backend's checks
   * (the suite passes non-q2google objects and a document with a future `schemaVersion`).
   */
  writeForeign?: (ctx: ConformanceContext, sessionId: string, document: unknown) => Promise<void>;
  /** Item count of the large-session check (default 10,000). */
  largeSessionItems?: number;
  /** Storage that cannot work. Unlocks `connection-errors`. */
  unreachable?: UnreachableStorage;
  /** The size of the `lease-stress` run (capability `leases`). */
  leaseStress?: LeaseStress;
}
