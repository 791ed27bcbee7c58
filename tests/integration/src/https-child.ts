// One sync in its own process, for the HTTPS test: the process trusts the sandbox CA only if it
// was started with NODE_EXTRA_CA_CERTS (Node reads it at start-up), and its dispatcher takes
// HTTPS_PROXY from its environment, as the CLI's does. The last line says how the sync ended.
import { createHttpDispatcher } from '@q2google/core';
import { GoProToPhotosSync } from '@q2google/core/engine';
import { createJsonBackend } from '@q2google/state-json';
import { buildClients, type Wiring } from '@q2google/test-support';

const env = process.env;
const dispatcher = createHttpDispatcher(env);
const engine = new GoProToPhotosSync({
  ...(await buildClients(JSON.parse(env.Q2G_IT_WIRING ?? '{}') as Wiring, { dispatcher })),
  backend: createJsonBackend({ directory: env.Q2G_IT_STATE_DIR ?? '' }),
  concurrency: 2,
});
const summary = await engine.run({
  sessionId: 'https',
  range: JSON.parse(env.Q2G_IT_RANGE ?? '{}'),
});
await dispatcher.close();
process.stdout.write(
  `${JSON.stringify({ complete: summary.complete, stopped: summary.stopped?.code ?? null })}\n`,
);
