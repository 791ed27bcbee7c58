/**
 * The state-backend contract: where a sync keeps its progress.
 *
 * The minimum is the seed's two methods, `load` and `save`; a third-party backend with only
 * those works with the unchanged engine. Everything else is optional and used only when the
 * backend declares it in `capabilities` AND implements the matching methods:
 *
 * | capability       | methods                                                       |
 * |------------------|---------------------------------------------------------------|
 * | incrementalSave  | `saveChanges` — cost proportional to what changed             |
 * | listSessions     | `listSessions`                                                |
 * | ledger           | `ledgerLookup`, `ledgerRecord` — media synced by any session  |
 * | requestCounts    | `recordRequests`, `requestsSpent` — a sink's requests per day, |
 * |                  | shared by every run and session on the backend                |
 * | leases           | `claimItems`, `renewLeases`, `releaseLeases`, `acquireRole`,  |
 * |                  | `releaseRole` — several workers on one session                |
 *
 * Backends persist; they do not judge. Transition rules live in core (`transitionItem`).
 * Every method may throw a `Q2gError` (`BACKEND_*` / `STATE_*`); anything else is wrapped.
 */
import { z } from 'zod';
import type { BatchState } from '../model/batch-state.js';
import type { ItemState, ItemStatus } from '../model/item-state.js';
import type {
  DateRange,
  SessionMeta,
  SessionOptions,
  SessionState,
} from '../model/session-state.js';

/** The capabilities a backend may declare. Absent means false. */
export const BackendCapabilitiesSchema = z.object({
  incrementalSave: z.boolean().optional(),
  listSessions: z.boolean().optional(),
  ledger: z.boolean().optional(),
  requestCounts: z.boolean().optional(),
  leases: z.boolean().optional(),
  /** `exclusive`: a second process on one session is refused; `shared`: leases coordinate. */
  concurrency: z.enum(['exclusive', 'shared', 'unsafe']).optional(),
});
/** A value {@link BackendCapabilitiesSchema} has validated (documented there). */
export type BackendCapabilities = z.infer<typeof BackendCapabilitiesSchema>;

/**
 * What changed in a session since the last save: the touched units and batches, and the meta
 * when it changed. Without `meta` the stored meta is left as it is (several workers share one
 * session and only its coordinator writes the meta); a change without `meta` to a session that
 * does not exist yet is refused with `STATE_INVALID`.
 */
export interface SessionChange {
  sessionId: string;
  meta?: SessionMeta;
  items: ItemState[];
  batches: BatchState[];
}

/** One row of `listSessions`. */
export interface SessionSummary {
  id: string;
  range: DateRange;
  options: SessionOptions;
  createdAt: string;
  updatedAt: string;
  /** Units per status. */
  counts: Partial<Record<ItemStatus, number>>;
}

/** A unit some session already created in Google Photos. */
export interface LedgerEntry {
  /** The unit's idempotency key (source media id + part). */
  key: string;
  sessionId: string;
  mediaItemId: string;
  createdAt: string;
}

/**
 * One writer's running total of a sink's requests on one day (capability `requestCounts`).
 * Every run counts under its own `writer` id and records its cumulative total for the day, so
 * writing is idempotent (a retried write changes nothing) and two writers never overwrite each
 * other: the backend keeps, per (`counter`, `day`, `writer`), the largest `requests` written,
 * and `requestsSpent` sums the writers of a day. Many writers write at once; one writer's
 * writes never overlap (the engine awaits each before the next).
 */
export interface RequestTally {
  /** Which quota (`SinkRequestQuota.counter`, e.g. `gphotos`). */
  counter: string;
  /** The quota's calendar day, `YYYY-MM-DD` in its time zone. */
  day: string;
  /** The run that counted (unique per run). */
  writer: string;
  /** Requests this writer has spent that day so far. */
  requests: number;
}

/** A request to lease units of a session for one worker. */
export interface LeaseClaim {
  sessionId: string;
  workerId: string;
  /** The most units to hand out. */
  limit: number;
  /** Only units in these statuses are claimable. */
  statuses: ItemStatus[];
  /** How long the lease lasts from now. */
  leaseMs: number;
}

/** A session-wide single-writer role (e.g. `discovery`, `create`) held by one worker. */
export interface RoleClaim {
  sessionId: string;
  role: string;
  workerId: string;
  leaseMs: number;
}

/** The state-backend contract. Only `load` and `save` are required. */
export interface SyncStateBackend {
  /** Short name for messages, e.g. `json`, `postgres`. */
  readonly name?: string;
  /** What the optional methods below may be relied on for. */
  readonly capabilities?: BackendCapabilities;
  /** The session with this id, or null when there is none. */
  load(sessionId: string): Promise<SessionState | null>;
  /** Stores the whole session durably, replacing what was stored. */
  save(state: SessionState): Promise<void>;
  /** Stores only what changed, atomically (capability `incrementalSave`). */
  saveChanges?(change: SessionChange): Promise<void>;
  /** Every stored session, newest first (capability `listSessions`). */
  listSessions?(): Promise<SessionSummary[]>;
  /** The ledger entries for these unit keys that exist (capability `ledger`). */
  ledgerLookup?(keys: string[]): Promise<Map<string, LedgerEntry>>;
  /** Records created units in the cross-session ledger; existing keys are kept (capability `ledger`). */
  ledgerRecord?(entries: LedgerEntry[]): Promise<void>;
  /** Keeps the larger of the stored and this writer's total for the day, atomically (capability `requestCounts`). */
  recordRequests?(tally: RequestTally): Promise<void>;
  /** The requests every writer recorded for `counter` on `day`, summed; 0 when none (capability `requestCounts`). */
  requestsSpent?(counter: string, day: string): Promise<number>;
  /** Atomically leases up to `limit` unleased or lease-expired units (capability `leases`). */
  claimItems?(claim: LeaseClaim): Promise<ItemState[]>;
  /** Extends this worker's leases; returns the keys it still holds (capability `leases`). */
  renewLeases?(
    sessionId: string,
    workerId: string,
    keys: string[],
    leaseMs: number,
  ): Promise<string[]>;
  /** Gives leased units back to the pool (capability `leases`). */
  releaseLeases?(sessionId: string, workerId: string, keys: string[]): Promise<void>;
  /** Takes or renews a session-wide role; true when this worker holds it (capability `leases`). */
  acquireRole?(claim: RoleClaim): Promise<boolean>;
  /** Gives a role up (capability `leases`). */
  releaseRole?(sessionId: string, role: string, workerId: string): Promise<void>;
  /** Releases connections, locks and handles. Safe to call twice. */
  close?(): Promise<void>;
}

/** The capabilities a backend really offers: declared and backed by the methods. */
export function resolveCapabilities(backend: SyncStateBackend): Required<
  Omit<BackendCapabilities, 'concurrency'>
> & {
  concurrency: NonNullable<BackendCapabilities['concurrency']>;
} {
  const declared = backend.capabilities ?? {};
  const has = (...methods: (keyof SyncStateBackend)[]) =>
    methods.every((m) => typeof backend[m] === 'function');
  return {
    incrementalSave: declared.incrementalSave === true && has('saveChanges'),
    listSessions: declared.listSessions === true && has('listSessions'),
    ledger: declared.ledger === true && has('ledgerLookup', 'ledgerRecord'),
    requestCounts: declared.requestCounts === true && has('recordRequests', 'requestsSpent'),
    leases:
      declared.leases === true &&
      has('claimItems', 'renewLeases', 'releaseLeases', 'acquireRole', 'releaseRole'),
    concurrency: declared.concurrency ?? 'unsafe',
  };
}

/** Every method a backend may have, the two required ones first. */
export const BACKEND_METHODS = [
  'load',
  'save',
  'saveChanges',
  'listSessions',
  'ledgerLookup',
  'ledgerRecord',
  'recordRequests',
  'requestsSpent',
  'claimItems',
  'renewLeases',
  'releaseLeases',
  'acquireRole',
  'releaseRole',
  'close',
] as const satisfies readonly (keyof SyncStateBackend)[];
/** The name of a backend method. */
export type BackendMethod = (typeof BACKEND_METHODS)[number];

/** A backend method as a plain async function. */
export type BackendCall = (...args: unknown[]) => Promise<unknown>;

/**
 * The same backend with each method it has replaced by `wrap(method, call)`: how decorators
 * (error guards, retries, observers) are written. Methods it lacks stay absent, and the name and
 * declared capabilities are kept, so `resolveCapabilities` sees the same backend.
 */
export function decorateBackend(
  backend: SyncStateBackend,
  wrap: (method: BackendMethod, call: BackendCall) => BackendCall,
): SyncStateBackend {
  const decorated: Record<string, unknown> = {
    ...(backend.name !== undefined ? { name: backend.name } : {}),
    ...(backend.capabilities !== undefined ? { capabilities: backend.capabilities } : {}),
  };
  for (const method of BACKEND_METHODS) {
    const fn = backend[method] as BackendCall | undefined;
    if (typeof fn === 'function')
      decorated[method] = wrap(method, (...args) => fn.apply(backend, args));
  }
  return decorated as unknown as SyncStateBackend;
}
