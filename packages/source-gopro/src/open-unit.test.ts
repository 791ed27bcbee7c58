import type { Readable } from 'node:stream';
import {
  type ByteRequest,
  byteRequestVia,
  type MediaUnit,
  sharedHttpDispatcher,
} from '@q2google/core';
import type { GoProEmulator } from '@q2google/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { digest, expectedTail, listAll, startWithSource } from './test-support.js';

let emu: GoProEmulator;
const download = byteRequestVia(sharedHttpDispatcher());
afterEach(() => emu?.close());

async function setup(options: Parameters<typeof startWithSource>[0] = {}, config = {}) {
  const started = await startWithSource({ seed: 21, ...options }, config);
  emu = started.emu;
  const { units } = await listAll(started.source, { raw: 'both', max360: 'rendered' });
  const unit = (fixture: string, part = 'source'): MediaUnit =>
    units.find((u) => u.mediaId === emu.library.fixtureId(fixture) && u.part === part)!;
  return { ...started, units, unit };
}

describe('opening a GoPro unit', () => {
  it('streams every original byte-exact, with the served size, and no auth to the CDN', async () => {
    const { source, units } = await setup();
    const transferable = units.filter((u) => !u.skip);
    for (const unit of transferable) {
      const stream = await source.openUnit(unit, 0);
      const expected = emu.expectedUnits(unit.mediaId).find((e) => e.part === unit.part)!;
      expect(stream.totalSize).toBe(expected.size);
      expect(await digest(stream)).toEqual({
        sha256: emu.expectedSha256(unit.mediaId, unit.part),
        length: expected.size,
      });
    }
    expect(emu.cdnLog()).toHaveLength(transferable.length);
    expect(emu.cdnLog().every((r) => !r.authorization)).toBe(true);
  });

  it('starts from any offset with a Range request, and at the end with an empty body', async () => {
    const { source, unit } = await setup();
    const video = unit('video');
    const stream = await source.openUnit(video, 123_457);
    expect(stream.offset).toBe(123_457);
    expect((await digest(stream)).sha256).toBe(expectedTail(emu, video.mediaId, 'source', 123_457));
    expect(emu.cdnLog().at(-1)?.range).toBe('bytes=123457-');
    const end = await source.openUnit(video, stream.totalSize);
    expect(await digest(end)).toMatchObject({ length: 0 });
  });

  it('copes with a CDN that ignores Range and answers 200', async () => {
    const started = await startWithSource(
      { seed: 21 },
      {
        download: (url, init) => {
          const { range: _ignored, ...headers } = init?.headers ?? {};
          return download(url, { ...init, headers });
        },
      },
    );
    emu = started.emu;
    const { units } = await listAll(started.source);
    const photo = units.find((u) => u.mediaId === emu.library.fixtureId('photo'))!;
    const stream = await started.source.openUnit(photo, 1000);
    expect((await digest(stream)).sha256).toBe(expectedTail(emu, photo.mediaId, 'source', 1000));
  });

  it('trusts the served size over a stale listed size', async () => {
    const started = await startWithSource({
      seed: 21,
      faults: [{ route: 'gopro.search', kind: 'stale-size', times: 1 }],
    });
    emu = started.emu;
    const { units } = await listAll(started.source);
    const photo = units.find((u) => u.mediaId === emu.library.fixtureId('photo'))!;
    const stream = await started.source.openUnit(photo, 0);
    expect(photo.size).toBe(stream.totalSize + 4096);
    expect((await digest(stream)).length).toBe(stream.totalSize);
  });

  it('refreshes expired or revoked signed URLs transparently', async () => {
    const { source, unit } = await setup({ cdn: { urlTtlSeconds: 5 } });
    const chapter = unit('chaptered-video', 'chapter-2');
    await digest(await source.openUnit(chapter, 0));
    const before = emu.requestCount('gopro.download');
    emu.advanceClock(6_000);
    expect((await digest(await source.openUnit(chapter, 0))).sha256).toBe(
      emu.expectedSha256(chapter.mediaId, 'chapter-2'),
    );
    emu.expireSignedUrls();
    await digest(await source.openUnit(chapter, 10));
    expect(emu.requestCount('gopro.download')).toBe(before + 2);
  });

  it('reuses a descriptor for a few minutes, then fetches a new one', async () => {
    let clock = 0;
    const { source, unit } = await setup({}, { now: () => clock });
    const frame = unit('burst', 'frame-3');
    const before = emu.requestCount('gopro.download');
    await digest(await source.openUnit(frame, 0));
    await digest(await source.openUnit(unit('burst', 'frame-4'), 0));
    expect(emu.requestCount('gopro.download')).toBe(before);
    clock += 5 * 60_000;
    await digest(await source.openUnit(frame, 0));
    expect(emu.requestCount('gopro.download')).toBe(before + 1);
  });

  it('resumes from the last byte received when the connection drops mid-body', async () => {
    const { source, unit } = await setup();
    const video = unit('video');
    emu.addFault({ route: 'cdn.get', kind: 'reset-mid-body', afterBytes: 300_000, times: 2 });
    const stream = await source.openUnit(video, 0);
    expect(await digest(stream)).toEqual({
      sha256: emu.expectedSha256(video.mediaId, 'source'),
      length: stream.totalSize,
    });
    const ranges = emu
      .cdnLog()
      .slice(-3)
      .map((r) => r.range);
    expect(ranges[0]).toBeNull();
    expect(Number(ranges[1]?.slice(6, -1))).toBeGreaterThan(0);
    expect(Number(ranges[2]?.slice(6, -1))).toBeGreaterThan(Number(ranges[1]?.slice(6, -1)));
  });

  it('gives up on a body that keeps dropping without progress', async () => {
    const { source, unit } = await setup();
    emu.addFault({ route: 'cdn.get', kind: 'reset-mid-body', afterBytes: 100_000, times: 1 });
    emu.addFault({ route: 'cdn.get', kind: 'reset-mid-body', afterBytes: 0 });
    const stream = await source.openUnit(unit('video'), 0);
    await expect(digest(stream)).rejects.toMatchObject({ code: 'GOPRO_NETWORK' });
  });

  it('retries 429 honouring Retry-After, 5xx and resets before the body', async () => {
    const { source, unit, retry } = await setup();
    emu.addFault({ route: 'cdn.get', kind: 'http-429', retryAfterSeconds: 30, times: 1 });
    emu.addFault({ route: 'cdn.get', kind: 'http-503', times: 1 });
    emu.addFault({ route: 'cdn.get', kind: 'reset', times: 1 });
    const photo = unit('photo');
    expect((await digest(await source.openUnit(photo, 0))).sha256).toBe(
      emu.expectedSha256(photo.mediaId, 'source'),
    );
    expect(retry.waits[0]).toBe(30_000);
    expect(retry.waits).toHaveLength(3);
  });

  it('streams a slow body correctly', async () => {
    const { source, unit } = await setup();
    emu.addFault({ route: 'cdn.get', kind: 'slow-body', delayMs: 2, times: 1 });
    const photo = unit('photo');
    expect((await digest(await source.openUnit(photo, 0))).sha256).toBe(
      emu.expectedSha256(photo.mediaId, 'source'),
    );
  });

  it('fails with GOPRO_HTTP once the retry budget is spent', async () => {
    const { source, unit } = await setup();
    emu.addFault({ route: 'cdn.get', kind: 'http-500' });
    await expect(source.openUnit(unit('photo'), 0)).rejects.toMatchObject({
      code: 'GOPRO_HTTP',
      retryable: true,
    });
  });

  it('says GOPRO_SIZE_MISMATCH for an offset past the end', async () => {
    const { source, unit } = await setup();
    const photo = unit('photo');
    await expect(source.openUnit(photo, 10_000_000)).rejects.toMatchObject({
      code: 'GOPRO_SIZE_MISMATCH',
    });
  });

  it('frees the connection of a unit closed before any byte was read', async () => {
    const bodies: Readable[] = [];
    const recording: ByteRequest = async (url, init) => {
      const res = await download(url, init);
      bodies.push(res.body);
      return res;
    };
    const { source, unit } = await setup({}, { download: recording });
    const unread = await source.openUnit(unit('video'), 0);
    expect(bodies.at(-1)?.destroyed).toBe(false);
    await unread.body[Symbol.asyncIterator]().return?.();
    expect(bodies.at(-1)?.destroyed).toBe(true);
  });
});
