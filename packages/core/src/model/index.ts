export * from './batch-state.js';
export * from './item-state.js';
export * from './media-unit.js';
export * from './session-document.js';
export * from './session-state.js';
export * from './transitions.js';
