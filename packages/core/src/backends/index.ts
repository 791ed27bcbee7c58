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
export {
  countStatuses,
  newestFirst,
  summarizeSession,
  summarizeStoredSession,
} from './session-summary.js';
