import { afterEach, describe, expect, it } from 'vitest';
import { bytesOf, type Harness, startHarness, uploadAndCreate } from '../testing/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function created(count: number) {
  h = await startHarness({ emulator: { baseUrlTtlMs: 60_000 } });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = await uploadAndCreate(h.sink, `F${i}.JPG`, bytesOf(200, i + 1));
    if (result?.outcome !== 'created') throw new Error('not created');
    ids.push(result.mediaItemId);
  }
  return { h, ids };
}

describe('created items’ pictures', () => {
  it('gets fresh base URLs in batches of at most 50 and leaves unknown ids out', async () => {
    const { h, ids } = await created(2);
    h.emulator.resetRequestCounts();
    const many = [...ids, ...Array.from({ length: 55 }, (_, i) => `missing-${i}`)];
    const links = await h.sink.getMediaItems(many);
    expect(links.map((l) => l.id)).toEqual(ids);
    expect(links[0]!.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/lh\//);
    expect(h.emulator.requestCounts()['gphotos.list']).toBe(2);
  });

  it('fetches the picture at a size, and fails with GPHOTOS_HTTP 403 once the link expired', async () => {
    const { h, ids } = await created(1);
    const [link] = await h.sink.getMediaItems(ids);
    const image = await h.sink.fetchImage(link!.baseUrl, { width: 32, height: 24 });
    expect(image.contentType).toBe('image/png');
    expect(Buffer.from(image.bytes).readUInt32BE(16)).toBe(32);
    h.emulator.advanceClock(61_000);
    await expect(h.sink.fetchImage(link!.baseUrl, { width: 32, height: 24 })).rejects.toMatchObject(
      { code: 'GPHOTOS_HTTP', details: { status: 403 } },
    );
  });

  it('tells request listeners about each Library API request, not picture fetches', async () => {
    const { h, ids } = await created(1);
    const seen: string[] = [];
    const stop = h.sink.onRequest((request) =>
      seen.push(`${request.method} ${new URL(request.url).pathname}`),
    );
    const [link] = await h.sink.getMediaItems(ids);
    await h.sink.fetchImage(link!.baseUrl, { width: 8, height: 8 });
    stop();
    await h.sink.getMediaItems(ids);
    expect(seen).toEqual(['GET /v1/mediaItems:batchGet']);
  });
});
