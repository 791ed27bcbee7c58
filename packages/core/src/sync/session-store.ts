import { Q2gError } from '../errors/q2g-error.js';
import type { BatchState } from '../model/batch-state.js';
import type { ItemState, ItemStatus } from '../model/item-state.js';
import type { SessionMeta, SessionState } from '../model/session-state.js';
import { type ItemPatch, transitionItem } from '../model/transitions.js';
import { resolveCapabilities, type SyncStateBackend } from '../protocol/state-backend.js';
import { GroupCommit } from './group-commit.js';

/** Options for {@link SessionStore}. */
export interface SessionStoreOptions {
  /** Write the meta on every flush even when only units changed (single-writer sessions). */
  alwaysWriteMeta?: boolean;
  /** Runs before every write and may refuse it by throwing (a worker checks its lease here). */
  beforeWrite?: () => Promise<void>;
  /** Runs after every successful write (the engine writes its request count along). */
  afterWrite?: () => Promise<void>;
  /** The clock; the real one by default. */
  now?: () => Date;
  /**
   * For backends without incremental saves: the least time between two whole-session saves
   * unless a save is forced. Forced saves (a batch about to be sent, results received) always go.
   */
  fullSaveIntervalMs?: number;
  /**
   * How long a {@link SessionStore.flushSoon} may wait, so the changes of that slice (from
   * every transfer lane) go in one save. 0 (the default): as soon as the save in progress ends.
   */
  saveSliceMs?: number;
}

/**
 * The engine's working copy of a session. Every change goes through `transition`, `putItem`,
 * `putBatch` or `updateMeta`, which remember what changed; `flush` persists it — only the
 * changes when the backend saves incrementally, the whole session otherwise.
 *
 * Saves are group-committed: one save runs at a time, and every change made while it runs (by
 * any lane or stage) goes in the next single save; each `flush` resolves when a save holding
 * its changes is durable.
 */
export class SessionStore {
  readonly #backend: SyncStateBackend;
  readonly #state: SessionState;
  readonly #incremental: boolean;
  readonly #now: () => Date;
  readonly #fullSaveIntervalMs: number;
  readonly #alwaysWriteMeta: boolean;
  readonly #beforeWrite: (() => Promise<void>) | undefined;
  readonly #afterWrite: (() => Promise<void>) | undefined;
  /** The keys of the units in each status, kept as units change (see {@link keysIn}). */
  readonly #keysByStatus = new Map<ItemStatus, Set<string>>();
  #dirtyItems = new Set<string>();
  #dirtyBatches = new Set<string>();
  #metaDirty = false;
  #lastFullSave = 0;
  /** Set by a forced flush; the next save takes it (and goes even when throttled). */
  #forceNext = false;
  readonly #saveSliceMs: number;
  readonly #saves = new GroupCommit(() => this.#save());

  constructor(backend: SyncStateBackend, state: SessionState, options: SessionStoreOptions = {}) {
    this.#backend = backend;
    this.#state = state;
    this.#incremental = resolveCapabilities(backend).incrementalSave;
    this.#now = options.now ?? (() => new Date());
    this.#fullSaveIntervalMs = options.fullSaveIntervalMs ?? 2_000;
    this.#alwaysWriteMeta = options.alwaysWriteMeta ?? true;
    this.#beforeWrite = options.beforeWrite;
    this.#afterWrite = options.afterWrite;
    this.#saveSliceMs = options.saveSliceMs ?? 0;
    for (const item of Object.values(state.items)) this.#keysOf(item.status).add(item.key);
  }

  /** The session as it stands in memory (read it; change it only through this store). */
  get state(): Readonly<SessionState> {
    return this.#state;
  }

  /** The unit with this key; throws when there is none. */
  item(key: string): ItemState {
    const item = this.#state.items[key];
    if (!item) throw new Q2gError('INTERNAL', `Unknown unit "${key}".`);
    return item;
  }

  /** Every unit, optionally only those in the given statuses. */
  *items(...statuses: ItemStatus[]): Generator<ItemState> {
    for (const item of Object.values(this.#state.items)) {
      if (statuses.length === 0 || statuses.includes(item.status)) yield item;
    }
  }

  /**
   * The keys of the units now in `status`, in the order they entered it, without scanning every
   * unit (the create stage asks on every upload; a session may hold 100,000 units).
   */
  keysIn(status: ItemStatus): string[] {
    return [...this.#keysOf(status)];
  }

  /** Adds or replaces a unit as is (discovery, reconciliation of leased copies). */
  putItem(item: ItemState): void {
    const previous = this.#state.items[item.key];
    if (previous?.status !== item.status) {
      if (previous) this.#keysOf(previous.status).delete(item.key);
      this.#keysOf(item.status).add(item.key);
    }
    this.#state.items[item.key] = item;
    this.#dirtyItems.add(item.key);
  }

  #keysOf(status: ItemStatus): Set<string> {
    let keys = this.#keysByStatus.get(status);
    if (!keys) {
      keys = new Set();
      this.#keysByStatus.set(status, keys);
    }
    return keys;
  }

  /** Moves a unit to a new status through core's transition rules. */
  transition(key: string, to: ItemStatus, patch: ItemPatch = {}): ItemState {
    const next = transitionItem(this.item(key), to, patch, this.#now());
    this.putItem(next);
    return next;
  }

  /** Adds or replaces a batch. */
  putBatch(batch: BatchState): void {
    this.#state.batches[batch.id] = batch;
    this.#dirtyBatches.add(batch.id);
  }

  /** Changes session-level fields (album id, discovery progress). */
  updateMeta(change: Partial<Omit<SessionMeta, 'id' | 'schemaVersion' | 'createdAt'>>): void {
    Object.assign(this.#state, change);
    this.#metaDirty = true;
  }

  /** True when something changed since the last successful flush. */
  get dirty(): boolean {
    return this.#metaDirty || this.#dirtyItems.size > 0 || this.#dirtyBatches.size > 0;
  }

  /**
   * Persists what changed; resolves when it is durable. `force` saves even a throttled
   * whole-session backend at once.
   */
  flush(options: { force?: boolean } = {}): Promise<void> {
    if (options.force) this.#forceNext = true;
    return this.#saves.request();
  }

  /**
   * Persists what changed within the store's save slice, together with whatever else changes
   * meanwhile; resolves when it is durable. For saves nothing needs to wait on at once (a unit's
   * `uploaded` state: the create stage forces a save before it sends any unit).
   */
  flushSoon(): Promise<void> {
    return this.#saves.request(this.#saveSliceMs);
  }

  /** One save: takes the changes made so far (they return to the dirty set if it fails). */
  async #save(): Promise<void> {
    const force = this.#forceNext;
    this.#forceNext = false;
    if (!this.dirty) return;
    const now = this.#now();
    if (
      !this.#incremental &&
      !force &&
      now.getTime() - this.#lastFullSave < this.#fullSaveIntervalMs
    ) {
      return;
    }
    const items = [...this.#dirtyItems];
    const batches = [...this.#dirtyBatches];
    const metaChanged = this.#metaDirty || !this.#incremental || this.#alwaysWriteMeta;
    this.#dirtyItems = new Set();
    this.#dirtyBatches = new Set();
    this.#metaDirty = false;
    if (metaChanged) this.#state.updatedAt = now.toISOString();
    try {
      await this.#beforeWrite?.();
      if (this.#incremental) {
        const { items: allItems, batches: allBatches, ...meta } = this.#state;
        await this.#backend.saveChanges!({
          sessionId: this.#state.id,
          ...(metaChanged ? { meta } : {}),
          items: items.map((key) => allItems[key]).filter((i): i is ItemState => i !== undefined),
          batches: batches
            .map((id) => allBatches[id])
            .filter((b): b is BatchState => b !== undefined),
        });
      } else {
        await this.#backend.save(this.#state);
        this.#lastFullSave = now.getTime();
      }
    } catch (error) {
      for (const key of items) this.#dirtyItems.add(key);
      for (const id of batches) this.#dirtyBatches.add(id);
      this.#metaDirty = true;
      throw error;
    }
    await this.#afterWrite?.();
  }
}
