/** @q2google/state-mongo — the MongoDB (and FerretDB) state backend of q2google. */
export { classifyConnectionError } from './errors.js';
export { GenerationLocks, type LockDoc } from './generation-locks.js';
export {
  createMongoBackend,
  MONGO_CAPABILITIES,
  type MongoBackend,
  type MongoBackendOptions,
} from './mongo-backend.js';
export { type CollectionNames, type CollectionPlacement, resolveCollectionNames } from './names.js';
export { mongoStatePlugin as default, mongoStatePlugin, splitCollectionPrefix } from './plugin.js';
