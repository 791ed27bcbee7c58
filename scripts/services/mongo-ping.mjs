// Exits 0 when the MongoDB-protocol server at argv[2] answers `ping`, 1 otherwise.
// Uses the mongodb driver installed for @q2google/state-mongo (run `pnpm install` first).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const url = process.argv[2];
if (!url) {
  console.error('usage: node scripts/services/mongo-ping.mjs <mongodb-url>');
  process.exit(2);
}
const fromStateMongo = createRequire(
  fileURLToPath(new URL('../../packages/state-mongo/package.json', import.meta.url)),
);
let MongoClient;
try {
  ({ MongoClient } = fromStateMongo('mongodb'));
} catch {
  console.error('mongo-ping: the mongodb driver is not installed; run `pnpm install` first');
  process.exit(2);
}
// A server that accepts connections but never answers (FerretDB after its PostgreSQL restarted)
// must count as down, so the whole ping has a deadline, not just server selection.
setTimeout(() => {
  console.error('mongo-ping: no answer within 5 s');
  process.exit(1);
}, 5_000).unref();
const client = new MongoClient(url, {
  serverSelectionTimeoutMS: 1000,
  connectTimeoutMS: 1000,
  socketTimeoutMS: 4000,
});
try {
  await client.db('admin').command({ ping: 1 });
  process.exitCode = 0;
} catch (error) {
  console.error(`mongo-ping: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await client.close().catch(() => {});
}
