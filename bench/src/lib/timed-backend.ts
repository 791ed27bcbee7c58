import type { SyncStateBackend } from '@q2google/core';

/** Where a backend's time went while it was wrapped. */
export interface BackendTiming {
  calls: number;
  /** Sum of every call's duration (overlapping calls count twice). */
  summedMs: number;
  /** Wall time during which at least one call was in flight. */
  busyMs: number;
  byMethod: Record<string, { calls: number; ms: number }>;
}

/**
 * Wraps a backend so every method call is timed; `name`, `capabilities` and which optional
 * methods exist are unchanged, so the engine sees the same backend.
 */
export function timeBackend(backend: SyncStateBackend): {
  backend: SyncStateBackend;
  timing(): BackendTiming;
} {
  const byMethod: BackendTiming['byMethod'] = {};
  let calls = 0;
  let summedMs = 0;
  let busyMs = 0;
  let inFlight = 0;
  let busySince = 0;
  const wrapped = new Proxy(backend, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        if (inFlight++ === 0) busySince = started;
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          const ended = performance.now();
          if (--inFlight === 0) busyMs += ended - busySince;
          const entry = byMethod[property] ?? { calls: 0, ms: 0 };
          byMethod[property] = entry;
          entry.calls += 1;
          entry.ms += ended - started;
          calls += 1;
          summedMs += ended - started;
        }
      };
    },
  });
  return {
    backend: wrapped,
    timing: () => ({ calls, summedMs, busyMs, byMethod: structuredClone(byMethod) }),
  };
}
