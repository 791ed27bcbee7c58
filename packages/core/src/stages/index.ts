export { BatchReconciler } from './batch-reconciler.js';
export { type CreateOptions, CreateStage } from './create-stage.js';
export { DiscoveryStage } from './discovery-stage.js';
export { stopsRun } from './failure-policy.js';
export { requeueForTransfer } from './requeue.js';
export type { StageContext } from './stage-context.js';
export { tokenHorizon } from './token-horizon.js';
export { type TransferOptions, TransferStage } from './transfer-stage.js';
export { runUnitTransfer, transferUnit, type UnitTransferOutcome } from './transfer-unit.js';
