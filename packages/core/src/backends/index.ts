export {
  type BackendIdentity,
  type ConnectionTrouble,
  fallbackCode,
  redactQ2gError,
  toOperationError,
} from './backend-errors.js';
export {
  type BackendFrame,
  createBackendFrame,
  defineStateBackend,
  type FramedBackend,
  type StateBackendMethods,
  type StateBackendParts,
} from './define-state-backend.js';
export { type Lease, LeaseTable } from './lease-table.js';
export {
  createMemoryBackend,
  createMemoryStore,
  MEMORY_BACKEND_CAPABILITIES,
  type MemoryBackendOptions,
  type MemoryStore,
} from './memory-backend.js';
export {
  countStatuses,
  newestFirst,
  summarizeSession,
  summarizeStoredSession,
} from './session-summary.js';
