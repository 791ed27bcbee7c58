export * from './shared/index.js';
export * from './gphotos/index.js';
export * from './gopro/index.js';
