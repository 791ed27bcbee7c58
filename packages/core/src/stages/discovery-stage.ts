import type { ItemState } from '../model/item-state.js';
import type { MediaUnit, Skip } from '../model/media-unit.js';
import { createItemState } from '../model/session-document.js';
import { resolveCapabilities } from '../protocol/state-backend.js';
import type { StageContext } from './stage-context.js';

/** Distinct source warnings kept with a session. */
const MAX_WARNINGS = 20;

/**
 * Discovery: pages through the source for the session's range, records every unit with its
 * idempotency key, and decides skips up front (what the source rejects, what the sink cannot
 * take, what another session already created). The cursor is saved with every page, so a
 * killed discovery continues where it stopped. The source's warnings (e.g. items a changing
 * library may have hidden) are kept with the session, each once, for the summary and status.
 */
export class DiscoveryStage {
  constructor(private readonly ctx: StageContext) {}

  /** Runs discovery to the end (or until cancelled); a completed discovery returns at once. */
  async run(): Promise<void> {
    const { store, source, emit, signal } = this.ctx;
    const state = store.state;
    if (state.discovery.status === 'complete') return;
    emit({ type: 'stage-started', stage: 'discovery' });
    let unitsFound = state.discovery.unitsFound;
    const warnings = new Set(state.discovery.warnings ?? []);
    const kept = () => (warnings.size > 0 ? { warnings: [...warnings] } : {});
    const pages = source.listUnits({
      range: state.range,
      mediaTypes: state.options.mediaTypes,
      options: state.options.source,
      cursor: state.discovery.cursor,
      signal,
    });
    for await (const page of pages) {
      const fresh = page.units.filter((unit) => store.state.items[unit.key] === undefined);
      const ledger = await this.#ledgerMatches(fresh.map((u) => u.key));
      const recordedAt = this.ctx.now().toISOString(); // one string for the page's units
      for (const unit of fresh) store.putItem(this.#record(unit, ledger.get(unit.key), recordedAt));
      unitsFound += fresh.length;
      for (const message of page.warnings ?? []) {
        if (warnings.size < MAX_WARNINGS) warnings.add(message);
      }
      store.updateMeta({
        discovery: { status: 'running', cursor: page.cursor, unitsFound, ...kept() },
      });
      await store.flush({ force: true });
      emit({ type: 'discovery-page', unitsFound, newUnits: fresh.length });
      for (const message of page.warnings ?? []) emit({ type: 'warning', message });
      signal.throwIfAborted();
    }
    store.updateMeta({
      discovery: {
        status: 'complete',
        cursor: null,
        unitsFound,
        completedAt: this.ctx.now().toISOString(),
        ...kept(),
      },
    });
    await store.flush({ force: true });
    emit({ type: 'stage-done', stage: 'discovery', counts: { units: unitsFound } });
  }

  #record(unit: MediaUnit, syncedBy: string | undefined, recordedAt: string): ItemState {
    const skip = unit.skip ?? this.#skipFor(unit, syncedBy);
    return createItemState(skip ? { ...unit, skip } : unit, recordedAt);
  }

  #skipFor(unit: MediaUnit, syncedBy: string | undefined): Skip | undefined {
    if (syncedBy !== undefined) {
      return {
        reason: 'already-synced',
        detail: `Already created in Google Photos by session "${syncedBy}".`,
      };
    }
    const { maxPhotoBytes, maxVideoBytes } = this.ctx.sink.limits;
    const limit = unit.kind === 'photo' ? maxPhotoBytes : maxVideoBytes;
    if (unit.size !== null && unit.size > limit) {
      return {
        reason: 'too-large',
        detail: `${unit.size} bytes is over Google Photos' ${unit.kind} limit of ${limit} bytes.`,
      };
    }
    if (unit.size === 0) return { reason: 'empty-file', detail: 'The file is empty.' };
    return undefined;
  }

  async #ledgerMatches(keys: string[]): Promise<Map<string, string>> {
    const { backend } = this.ctx;
    if (keys.length === 0 || !resolveCapabilities(backend).ledger) return new Map();
    const entries = await backend.ledgerLookup!(keys);
    const sessionId = this.ctx.store.state.id;
    const matches = new Map<string, string>();
    for (const [key, entry] of entries) {
      if (entry.sessionId !== sessionId) matches.set(key, entry.sessionId);
    }
    return matches;
  }
}
