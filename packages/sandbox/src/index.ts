export * from './gopro/index.js';
export * from './gphotos/index.js';
export * from './shared/index.js';
