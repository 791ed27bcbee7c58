import type { ItemState, SyncStateBackend } from '@q2google/core';

const PASS_THROUGH = [
  'listSessions',
  'ledgerLookup',
  'ledgerRecord',
  'claimItems',
  'renewLeases',
  'releaseLeases',
  'acquireRole',
  'releaseRole',
  'close',
] as const satisfies readonly (keyof SyncStateBackend)[];

/**
 * The same backend, reporting every unit it loads or stores to `onUnits` — how the CLI knows
 * sizes, skips and statuses for its progress display without reaching into the engine.
 */
export function observeBackend(
  backend: SyncStateBackend,
  onUnits: (items: Iterable<ItemState>) => void,
): SyncStateBackend {
  const observed = { ...backend } as SyncStateBackend & Record<string, unknown>;
  for (const method of PASS_THROUGH) {
    const fn = backend[method];
    if (typeof fn === 'function') observed[method] = fn.bind(backend) as never;
  }
  const report = (items: Iterable<ItemState>) => {
    try {
      onUnits(items);
    } catch {
      // A display problem must never break persistence.
    }
  };
  Object.assign(observed, {
    name: backend.name,
    capabilities: backend.capabilities,
    load: async (sessionId: string) => {
      const state = await backend.load(sessionId);
      if (state) report(Object.values(state.items));
      return state;
    },
    save: async (state: Parameters<SyncStateBackend['save']>[0]) => {
      await backend.save(state);
      report(Object.values(state.items));
    },
  });
  const saveChanges = backend.saveChanges;
  if (saveChanges) {
    observed.saveChanges = async (change) => {
      await saveChanges.call(backend, change);
      report(change.items);
    };
  }
  return observed;
}
