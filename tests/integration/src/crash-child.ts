// A sync in its own process, for the crash test: the parent SIGKILLs it at chosen moments.
// Prints every engine event as one JSON line; the last line says whether the session is complete.
import { createJsonBackend } from '@q2google/state-json';
import { buildEngine, type Wiring } from '@q2google/test-support';

const wiring = JSON.parse(process.env.Q2G_IT_WIRING ?? '{}') as Wiring;
const backend = createJsonBackend({ directory: process.env.Q2G_IT_STATE_DIR ?? '.' });
const engine = await buildEngine(wiring, {
  backend,
  batchSize: 5,
  concurrency: 3,
  onEvent: (event) => {
    if (event.type !== 'bytes') process.stdout.write(`${JSON.stringify(event)}\n`);
    else process.stdout.write(`${JSON.stringify({ type: 'bytes', sent: event.sent })}\n`);
  },
});
const summary = await engine.run({
  sessionId: 'crash',
  range: JSON.parse(process.env.Q2G_IT_RANGE ?? '{}'),
  sourceOptions: { perPage: 5 },
});
await backend.close?.();
process.stdout.write(
  `${JSON.stringify({ type: 'exit', complete: summary.complete, stopped: summary.stopped ?? null })}\n`,
);
