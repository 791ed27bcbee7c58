import { ALL_TIME, expectEachCreatedOnce, startWorld, type World } from '@q2google/test-support';
import { afterEach, describe, expect, it } from 'vitest';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const RAW_LIBRARY = {
  library: {
    fixtures: false,
    items: [
      { kind: 'raw-photo' as const, count: 2, size: 30_000 },
      { kind: 'photo' as const, count: 1, size: 20_000 },
    ],
  },
};

describe('GoPro RAW photos (.gpr), spec §7 G6', () => {
  it('are not uploaded by default: each RAW photo arrives as its JPEG, with no warning', async () => {
    world = await startWorld({ gopro: RAW_LIBRARY });
    const summary = await (await world.engine()).run({
      sessionId: 'raw-default',
      range: ALL_TIME,
      sourceOptions: { rawPhotos: 'jpeg' },
    });
    expect([summary.complete, summary.warnings]).toEqual([true, []]);
    expectEachCreatedOnce(world);
    expect(world.google.inspect().items.some((i) => /\.gpr$/i.test(i.filename))).toBe(false);
  });

  it('with the RAW option, warn, then fail each .gpr permanently once Google refuses it', async () => {
    world = await startWorld({ gopro: RAW_LIBRARY });
    const backend = world.backend();
    const request = {
      sessionId: 'raw-both',
      range: ALL_TIME,
      sourceOptions: { rawPhotos: 'both' },
    };
    const dry = await (await world.engine({ backend })).run({ ...request, dryRun: true });
    expect(dry.warnings.join('\n')).toMatch(/\.gpr.*Google may refuse them/);
    const summary = await (await world.engine({ backend })).run(request);
    expect(summary.counts).toEqual({ created: 3, failed: 2 });
    expect(summary.failures).toEqual([
      expect.objectContaining({ code: 'GPHOTOS_HTTP', count: 2, retryable: false }),
    ]);
    expect(summary.failures[0]!.message).toContain('INVALID_ARGUMENT');
    expect(summary.failures[0]!.keys.every((key) => key.endsWith('/raw'))).toBe(true);
    expect(summary.warnings.join('\n')).toMatch(/\.gpr.*Google may refuse them/);
    // the JPEGs and the plain photo are there once each; no .gpr was created
    const names = world.google.inspect().items.map((i) => i.filename);
    expect(names).toHaveLength(3);
    expect(names.some((n) => /\.gpr$/i.test(n))).toBe(false);
    // a permanent failure: the next run does not upload or create it again
    const creates = world.google.requestCounts()['gphotos.batchCreate'] ?? 0;
    const again = await (await world.engine({ backend })).run(request);
    expect(again.counts).toEqual({ created: 3, failed: 2 });
    expect(world.google.requestCounts()['gphotos.batchCreate'] ?? 0).toBe(creates);
  });
});
