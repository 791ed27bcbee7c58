import {
  decorateBackend,
  type ItemState,
  type SessionChange,
  type SessionState,
  type SyncStateBackend,
} from '@q2google/core';

/**
 * The same backend, reporting every unit it loads or stores to `onUnits` — how the CLI knows
 * sizes, skips and statuses for its progress display without reaching into the engine.
 */
export function observeBackend(
  backend: SyncStateBackend,
  onUnits: (items: Iterable<ItemState>) => void,
): SyncStateBackend {
  const report = (items: Iterable<ItemState>) => {
    try {
      onUnits(items);
    } catch {
      // A display problem must never break persistence.
    }
  };
  return decorateBackend(backend, (method, call) => {
    if (method === 'load') {
      return async (...args) => {
        const state = (await call(...args)) as SessionState | null;
        if (state) report(Object.values(state.items));
        return state;
      };
    }
    if (method === 'save' || method === 'saveChanges') {
      return async (...args) => {
        await call(...args);
        const written = args[0] as SessionState | SessionChange;
        report(Array.isArray(written.items) ? written.items : Object.values(written.items));
      };
    }
    return call;
  });
}
