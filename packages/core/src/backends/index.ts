export { type Lease, LeaseTable } from './lease-table.js';
export {
  createMemoryBackend,
  createMemoryStore,
  MEMORY_BACKEND_CAPABILITIES,
  type MemoryBackendOptions,
  type MemoryStore,
} from './memory-backend.js';
