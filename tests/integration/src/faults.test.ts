import type { FaultRuleInput } from '@q2google/sandbox';
import { ALL_TIME, expectEachCreatedOnce, startWorld, type World } from '@q2google/test-support';
import { afterEach, describe, expect, it } from 'vitest';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/**
 * Every kind a route can suffer: each once for sure early on (every other request, so retries
 * get through), then about one request in twenty at random for the rest of the run.
 */
function spread(
  route: string,
  kinds: Omit<FaultRuleInput, 'route'>[],
  total = 0.05,
): FaultRuleInput[] {
  const scripted = kinds.map((kind, index) => ({ ...kind, route, skip: index * 2, times: 1 }));
  const random = kinds.map((kind) => ({ ...kind, route, probability: total / kinds.length }));
  return [...scripted, ...random];
}

const GOPRO_FAULTS: FaultRuleInput[] = [
  ...spread(
    'gopro.search',
    [
      { kind: 'http-500' },
      { kind: 'http-429', retryAfterSeconds: 0 },
      { kind: 'http-401' },
      { kind: 'boundary-duplicate' },
      { kind: 'short-page' },
      { kind: 'stale-size' },
    ],
    0.3,
  ),
  ...spread('gopro.download', [
    { kind: 'http-503' },
    { kind: 'http-429', retryAfterSeconds: 0 },
    { kind: 'http-401' },
  ]),
  ...spread('cdn.get', [
    { kind: 'reset-mid-body', afterBytes: 5_000 },
    { kind: 'http-403-expired' },
    { kind: 'slow-body', delayMs: 20 },
    { kind: 'http-500' },
    { kind: 'reset' },
  ]),
];

const GOOGLE_FAULTS: FaultRuleInput[] = [
  ...spread('gphotos.upload', [
    { kind: 'http-503' },
    { kind: 'quota-minute', retryAfterSeconds: 0 },
    { kind: 'lost-response' },
    { kind: 'expire-token' },
    { kind: 'drop-after-bytes', afterBytes: 20_000 },
  ]),
  ...spread('gphotos.uploadChunk', [
    { kind: 'drop-after-bytes', afterBytes: 20_000 },
    { kind: 'http-500' },
    { kind: 'lost-response' },
  ]),
  ...spread(
    'gphotos.batchCreate',
    [
      { kind: 'lost-response' },
      { kind: 'http-500' },
      { kind: 'aborted' },
      { kind: 'concurrent-write', retryAfterSeconds: 0 },
      { kind: 'slow', delayMs: 30 },
    ],
    0.25,
  ),
  ...spread('gphotos.batchCreate.item', [{ kind: 'item-code-13' }]),
  ...spread('gphotos.list', [{ kind: 'http-500' }], 0.1),
  ...spread('gphotos.token', [{ kind: 'http-500' }], 0.1),
];

describe('a sync under injected faults', () => {
  it('completes with nothing lost or created twice', async () => {
    world = await startWorld({
      gopro: { library: { extra: 40 }, faults: GOPRO_FAULTS, seed: 11 },
      google: { granularity: 16_384, seed: 11 },
      googleFaults: GOOGLE_FAULTS,
      goproAuth: 'password',
      sink: { rawUploadMaxBytes: 100_000 },
    });
    const backend = world.backend();
    const runs = [];
    for (let run = 0; run < 6; run++) {
      const summary = await (await world.engine({ backend, batchSize: 5 })).run({
        sessionId: 'faulty',
        range: ALL_TIME,
        sourceOptions: { perPage: 4 },
      });
      runs.push(summary);
      if (summary.complete) break;
    }
    expect(runs.at(-1)!.complete).toBe(true);
    for (const run of runs) {
      if (run.stopped) expect(run.stopped.code, run.stopped.message).not.toMatch(/INTERNAL|STATE_/);
    }
    expectEachCreatedOnce(world);
    const injected = [...world.gopro.faults.injected, ...world.google.faults.injected];
    const fired = new Set(injected.map((f) => `${f.route}:${f.kind}`));
    const planned = [...GOPRO_FAULTS, ...GOOGLE_FAULTS].map((f) => `${f.route}:${f.kind}`);
    expect(planned.filter((kind) => !fired.has(kind))).toEqual([]);
  });
});
