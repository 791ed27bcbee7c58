export * from './config-schema.js';
export { parseDotenv } from './dotenv.js';
export * from './load-config.js';
export * from './settings.js';
