/**
 * The in-memory reference backend: every optional capability of `SyncStateBackend`, stored as
 * deep copies so callers can never mutate what was saved. For tests and embedding; nothing
 * survives the process. Two handles from {@link createMemoryStore} share one store, which is how
 * tests simulate a reopen or a second worker.
 */

import { createBackendFrame, defineStateBackend } from '../backends/define-state-backend.js';
import { countStatuses, newestFirst, summarizeSession } from '../backends/session-summary.js';
import { Q2gError } from '../errors/q2g-error.js';
import type { BatchState } from '../model/batch-state.js';
import type { ItemState, ItemStatus } from '../model/item-state.js';
import type { SessionMeta, SessionState } from '../model/session-state.js';
import type {
  BackendCapabilities,
  LeaseClaim,
  LedgerEntry,
  RoleClaim,
  SessionChange,
  SyncStateBackend,
} from '../protocol/state-backend.js';
import { LeaseTable } from './lease-table.js';

interface StoredSession {
  meta: SessionMeta;
  items: Map<string, ItemState>;
  batches: Map<string, BatchState>;
}

/** The shared storage behind one or more memory backends. */
export interface MemoryStore {
  readonly sessions: Map<string, StoredSession>;
  readonly ledger: Map<string, LedgerEntry>;
  /** Request totals keyed by counter, day and writer. */
  readonly requestCounts: Map<string, number>;
  readonly leases: LeaseTable;
  readonly roles: LeaseTable;
}

/** Options for {@link createMemoryBackend}. */
export interface MemoryBackendOptions {
  /** The storage to use; a fresh one by default. Share it to simulate reopen or two workers. */
  store?: MemoryStore;
  /** The clock leases are measured against, in ms since the epoch (default `Date.now`). */
  now?: () => number;
}

/** The capabilities the memory backend declares: all of them, shared concurrency. */
export const MEMORY_BACKEND_CAPABILITIES: BackendCapabilities = Object.freeze({
  incrementalSave: true,
  listSessions: true,
  ledger: true,
  requestCounts: true,
  leases: true,
  concurrency: 'shared',
});

/** A new empty store for memory backends; `now` drives lease expiry. */
export function createMemoryStore(now: () => number = Date.now): MemoryStore {
  return {
    sessions: new Map(),
    ledger: new Map(),
    requestCounts: new Map(),
    leases: new LeaseTable(now),
    roles: new LeaseTable(now),
  };
}

const copy = structuredClone;

function splitMeta(state: SessionState): SessionMeta {
  const { items: _items, batches: _batches, ...meta } = state;
  return copy(meta);
}

/** An in-memory backend implementing every optional capability (concurrency `shared`). */
export function createMemoryBackend(options: MemoryBackendOptions = {}): SyncStateBackend {
  const store = options.store ?? createMemoryStore(options.now);

  const claimable = (session: StoredSession, id: string, claim: LeaseClaim): ItemState[] => {
    const wanted = new Set<ItemStatus>(claim.statuses);
    const out: ItemState[] = [];
    for (const item of session.items.values()) {
      if (out.length >= claim.limit) break;
      if (!wanted.has(item.status) || store.leases.live(id, item.key)) continue;
      out.push(item);
    }
    return out;
  };

  const methods: Required<Omit<SyncStateBackend, 'name' | 'capabilities' | 'close'>> = {
    async load(sessionId) {
      const session = store.sessions.get(sessionId);
      if (!session) return null;
      return {
        ...copy(session.meta),
        items: Object.fromEntries([...session.items].map(([k, v]) => [k, copy(v)])),
        batches: Object.fromEntries([...session.batches].map(([k, v]) => [k, copy(v)])),
      };
    },

    async save(state) {
      store.sessions.set(state.id, {
        meta: splitMeta(state),
        items: new Map(Object.entries(copy(state.items))),
        batches: new Map(Object.entries(copy(state.batches))),
      });
    },

    async saveChanges(change: SessionChange) {
      let session = store.sessions.get(change.sessionId);
      if (!session) {
        if (!change.meta) {
          throw new Q2gError(
            'STATE_INVALID',
            `Session "${change.sessionId}" does not exist, so a change without its meta cannot be saved.`,
          );
        }
        session = { meta: copy(change.meta), items: new Map(), batches: new Map() };
        store.sessions.set(change.sessionId, session);
      }
      if (change.meta) session.meta = copy(change.meta);
      for (const item of change.items) session.items.set(item.key, copy(item));
      for (const batch of change.batches) session.batches.set(batch.id, copy(batch));
    },

    async listSessions() {
      return newestFirst(
        [...store.sessions.values()].map(({ meta, items }) =>
          summarizeSession(meta, countStatuses(items.values())),
        ),
      );
    },

    async ledgerLookup(keys) {
      const found = new Map<string, LedgerEntry>();
      for (const key of keys) {
        const entry = store.ledger.get(key);
        if (entry) found.set(key, copy(entry));
      }
      return found;
    },

    async ledgerRecord(entries) {
      for (const entry of entries) {
        if (!store.ledger.has(entry.key)) store.ledger.set(entry.key, copy(entry));
      }
    },

    async recordRequests({ counter, day, writer, requests }) {
      const key = JSON.stringify([counter, day, writer]);
      store.requestCounts.set(key, Math.max(store.requestCounts.get(key) ?? 0, requests));
    },

    async requestsSpent(counter, day) {
      let total = 0;
      for (const [key, requests] of store.requestCounts) {
        const [c, d] = JSON.parse(key) as [string, string, string];
        if (c === counter && d === day) total += requests;
      }
      return total;
    },

    async claimItems(claim) {
      const session = store.sessions.get(claim.sessionId);
      if (!session || claim.limit <= 0) return [];
      const picked = claimable(session, claim.sessionId, claim);
      for (const item of picked) {
        store.leases.grant(claim.sessionId, item.key, claim.workerId, claim.leaseMs);
      }
      return picked.map((item) => copy(item));
    },

    async renewLeases(sessionId, workerId, keys, leaseMs) {
      const held = keys.filter((key) => store.leases.heldBy(sessionId, key, workerId));
      for (const key of held) store.leases.grant(sessionId, key, workerId, leaseMs);
      return held;
    },

    async releaseLeases(sessionId, workerId, keys) {
      for (const key of keys) store.leases.release(sessionId, key, workerId);
    },

    async acquireRole(claim: RoleClaim) {
      const holder = store.roles.live(claim.sessionId, claim.role);
      if (holder && holder.workerId !== claim.workerId) return false;
      store.roles.grant(claim.sessionId, claim.role, claim.workerId, claim.leaseMs);
      return true;
    },

    async releaseRole(sessionId, role, workerId) {
      store.roles.release(sessionId, role, workerId);
    },
  };
  const frame = createBackendFrame({ name: 'memory', label: 'memory state' });
  return defineStateBackend(frame, { capabilities: MEMORY_BACKEND_CAPABILITIES, methods });
}
