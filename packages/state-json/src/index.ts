/** @q2google/state-json — the embedded default state backend: a directory of JSON files. */
import { jsonStatePlugin } from './plugin.js';

export type { FileOps } from './file-ops.js';
export { nodeFileOps } from './file-ops.js';
export {
  createJsonBackend,
  JSON_BACKEND_CAPABILITIES,
  type JsonBackendOptions,
} from './json-backend.js';
export { decodeKey, encodeKey } from './key-codec.js';
export { jsonStatePlugin, resolveStateDirectory } from './plugin.js';
export type { LockFile, LockOwner } from './session-lock.js';

/** The plugin object, as the registry imports it. */
export default jsonStatePlugin;
