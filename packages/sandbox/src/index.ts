export * from './gopro/index.js';
export * from './gphotos/index.js';
export * from './sandbox-settings.js';
export * from './shared/index.js';
export * from './tls/index.js';
