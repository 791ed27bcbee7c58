/** @q2google/core/config — settings: core's own, the composition of plugins' fragments, and `loadConfig`. */
export * from './config-schema.js';
export { parseDotenv } from './dotenv.js';
export * from './load-config.js';
export * from './settings.js';
