export * from './state-plugin.js';
