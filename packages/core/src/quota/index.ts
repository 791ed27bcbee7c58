export * from './quota-plan.js';
export * from './quota-plan-schema.js';
export * from './request-costs.js';
export * from './session-quota-work.js';
