import type { GoProEmulator } from '@q2google/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { digest, expectedTail, listAll, startWithSource } from './test-support.js';

let emu: GoProEmulator;
afterEach(() => emu?.close());

async function setup(cdn: Record<string, unknown> = {}) {
  const started = await startWithSource({
    seed: 22,
    cdn,
    library: { fixtures: false, items: [{ kind: 'video', size: 600_000 }] },
  });
  emu = started.emu;
  const { units } = await listAll(started.source);
  return { source: started.source, unit: units[0]! };
}

describe('a signed URL whose signing session ended (S3 400 ExpiredToken, spec §7 G3)', () => {
  it('fetches a fresh descriptor and continues from the offset asked for', async () => {
    const { source, unit } = await setup({ signingSessionSeconds: 60 });
    await digest(await source.openUnit(unit, 0));
    const before = emu.requestCount('gopro.download');
    emu.advanceClock(61_000); // the URL itself is valid for an hour; its credentials are not
    const stream = await source.openUnit(unit, 1234);
    expect((await digest(stream)).sha256).toBe(expectedTail(emu, unit.mediaId, 'source', 1234));
    expect(emu.requestCount('gopro.download')).toBe(before + 1);
    expect(
      emu
        .cdnLog()
        .slice(-2)
        .map((r) => r.range),
    ).toEqual(['bytes=1234-', 'bytes=1234-']);
  });

  it('resumes with Range after a drop when the next answer is 400 ExpiredToken', async () => {
    const { source, unit } = await setup();
    emu.addFault({ route: 'cdn.get', kind: 'reset-mid-body', afterBytes: 250_000, times: 1 });
    emu.addFault({ route: 'cdn.get', kind: 'http-400-expired-token', times: 1 });
    const stream = await source.openUnit(unit, 0);
    expect(await digest(stream)).toEqual({
      sha256: emu.expectedSha256(unit.mediaId, 'source'),
      length: 600_000,
    });
    const ranges = emu.cdnLog().map((r) => r.range);
    expect(ranges[0]).toBeNull();
    expect(ranges.slice(1).every((r) => r !== null && Number(r.slice(6, -1)) > 0)).toBe(true);
    expect(emu.requestCount('gopro.download')).toBeGreaterThanOrEqual(2);
  });

  it('still fails a 400 that is not ExpiredToken at once, without a retry loop', async () => {
    const { source, unit } = await setup();
    emu.addFault({ route: 'cdn.get', kind: 'http-400' });
    await expect(source.openUnit(unit, 0)).rejects.toMatchObject({
      code: 'GOPRO_HTTP',
      retryable: false,
    });
    expect(emu.requestCount('cdn.get')).toBe(1);
  });
});
