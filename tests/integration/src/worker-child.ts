// One worker process of a shared session, for the several-workers test. Prints engine events
// as JSON lines; the last line says whether the session was complete when it stopped.
import type { SyncStateBackend } from '@q2google/core';
import { SyncWorker } from '@q2google/core/engine';
import { createMongoBackend } from '@q2google/state-mongo';
import { createPostgresBackend } from '@q2google/state-postgres';
import { buildClients, type Wiring } from '@q2google/test-support';

const env = process.env;
const namespace = env.Q2G_IT_NAMESPACE ?? 'q2g_it';
const backend: SyncStateBackend = await (env.Q2G_IT_BACKEND === 'mongo'
  ? createMongoBackend({ url: env.Q2G_IT_DB_URL ?? '', database: 'q2google_test', namespace })
  : createPostgresBackend({ connectionString: env.Q2G_IT_DB_URL ?? '', namespace }));
const worker = new SyncWorker({
  ...(await buildClients(JSON.parse(env.Q2G_IT_WIRING ?? '{}') as Wiring)),
  backend,
  workerId: env.Q2G_IT_WORKER ?? 'worker',
  concurrency: 2,
  batchSize: 10,
  leaseMs: Number(env.Q2G_IT_LEASE_MS ?? 2_000),
  pollMs: 100,
  onEvent: (event) => {
    if (event.type !== 'bytes') process.stdout.write(`${JSON.stringify(event)}\n`);
  },
});
const summary = await worker.run({
  sessionId: 'shared',
  range: JSON.parse(env.Q2G_IT_RANGE ?? '{}'),
});
await backend.close?.();
process.stdout.write(
  `${JSON.stringify({ type: 'exit', complete: summary.complete, stopped: summary.stopped ?? null })}\n`,
);
