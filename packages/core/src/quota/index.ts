export * from './quota-plan.js';
export * from './quota-plan-schema.js';
export * from './quota-reset.js';
export * from './session-quota-work.js';
