/** @q2google/core/testing — test doubles for apps and plugins: an in-memory backend, source and sink. */
export { FakeSink, fakeRequestQuota } from './fake-sink.js';
export { FakeSource, fakeBytes, fakeUnit } from './fake-source.js';
export { type Lease, LeaseTable } from './lease-table.js';
export {
  createMemoryBackend,
  createMemoryStore,
  MEMORY_BACKEND_CAPABILITIES,
  type MemoryBackendOptions,
  type MemoryStore,
} from './memory-backend.js';
