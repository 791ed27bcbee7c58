import { createMemoryBackend, createMemoryStore, type MemoryStore } from '@q2google/core/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runStateBackendConformance } from './index.js';

let clock = Date.now();
const stores = new Map<string, MemoryStore>();
const storeFor = (namespace: string, now: () => number = () => clock): MemoryStore => {
  let store = stores.get(namespace);
  if (!store) {
    store = createMemoryStore(now);
    stores.set(namespace, store);
  }
  return store;
};

runStateBackendConformance(
  { test, describe, expect, beforeEach, afterEach },
  {
    name: 'memory (injected clock)',
    create: async ({ namespace }) => createMemoryBackend({ store: storeFor(namespace) }),
    reopen: async ({ namespace }) => createMemoryBackend({ store: storeFor(namespace) }),
    concurrentOpen: async ({ namespace }) => createMemoryBackend({ store: storeFor(namespace) }),
    advanceClock: (_ctx, ms) => {
      clock += ms;
    },
  },
);

runStateBackendConformance(
  { test, describe, expect },
  {
    name: 'memory (real clock, no hooks)',
    create: async ({ namespace }) =>
      createMemoryBackend({ store: storeFor(`real-${namespace}`, Date.now) }),
    largeSessionItems: 2_000,
  },
);
