/** @q2google/state-conformance — the test suite every q2google state backend runs. */
export {
  ALL_STATUSES,
  type BuildItemOptions,
  type BuildSessionOptions,
  buildBatch,
  buildItem,
  buildSession,
  instant,
  randomNamespace,
  randomSessionId,
} from './fixtures.js';
export { CONFORMANCE_GROUPS, runStateBackendConformance } from './run.js';
export { createTestClock, findTestService, type TestServiceOptions } from './test-service.js';
export type {
  ConformanceContext,
  ConformanceOptions,
  LeaseStress,
  StoredRecord,
  StoredSession,
  UnreachableStorage,
  VitestApi,
} from './types.js';
