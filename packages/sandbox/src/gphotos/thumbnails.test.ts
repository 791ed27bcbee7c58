import { afterEach, describe, expect, it } from 'vitest';
import { type GooglePhotosEmulator, startGooglePhotosEmulator } from './emulator.js';
import { nextPacificMidnight } from './quota.js';

let emulator: GooglePhotosEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function createdItem() {
  emulator = await startGooglePhotosEmulator({ baseUrlTtlMs: 60_000 });
  const headers = { authorization: `Bearer ${emulator.issueAccessToken()}` };
  const uploadToken = await (
    await fetch(`${emulator.url}/v1/uploads`, {
      method: 'POST',
      headers: { ...headers, 'x-goog-upload-protocol': 'raw' },
      body: 'picture bytes',
    })
  ).text();
  const created = (await (
    await fetch(`${emulator.url}/v1/mediaItems:batchCreate`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        newMediaItems: [{ simpleMediaItem: { uploadToken, fileName: 'A.JPG' } }],
      }),
    })
  ).json()) as { newMediaItemResults: { mediaItem: { id: string } }[] };
  const id = created.newMediaItemResults[0]!.mediaItem.id;
  const get = async () =>
    (await (await fetch(`${emulator!.url}/v1/mediaItems/${id}`, { headers })).json()) as {
      baseUrl: string;
    };
  return { emulator, id, get, headers };
}

describe('Google Photos emulator: base URLs and the daily request count', () => {
  it('serves a sized PNG at a base URL without a token, and 403 once it expired', async () => {
    const { emulator, get } = await createdItem();
    const { baseUrl } = await get();
    const image = await fetch(`${baseUrl}=w64-h48`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await image.arrayBuffer());
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([64, 48]);
    expect((await fetch(`${baseUrl.slice(0, -3)}abc=w64-h48`)).status).toBe(403);
    emulator.advanceClock(61_000);
    expect((await fetch(`${baseUrl}=w64-h48`)).status).toBe(403);
    const fresh = await get();
    expect(fresh.baseUrl).not.toBe(baseUrl);
    expect((await fetch(`${fresh.baseUrl}=w64-h48`)).status).toBe(200);
  });

  it('returns base URLs from batchGet', async () => {
    const { emulator, id, headers } = await createdItem();
    const res = await fetch(`${emulator.url}/v1/mediaItems:batchGet?mediaItemIds=${id}`, {
      headers,
    });
    const body = (await res.json()) as { mediaItemResults: { mediaItem: { baseUrl: string } }[] };
    expect(body.mediaItemResults[0]!.mediaItem.baseUrl).toMatch(/\/lh\//);
  });

  it('reports the Library API requests of this Pacific day on /__sandbox/quota', async () => {
    const { emulator } = await createdItem();
    const quota = (await (await fetch(`${emulator.url}/__sandbox/quota`)).json()) as {
      requests: number;
      dailyLimit: number;
      resetAt: string;
    };
    // The upload and the batchCreate count; the control route and base URLs do not.
    expect(quota).toMatchObject({ requests: 2, dailyLimit: 10_000 });
    expect(emulator.quotaToday().requests).toBe(2);
    expect(Date.parse(quota.resetAt)).toBeGreaterThan(Date.now());
    emulator.advanceClock(Date.parse(quota.resetAt) - Date.now() + 1000);
    expect(emulator.quotaToday().requests).toBe(0);
  });

  it('finds the next midnight in Los Angeles across daylight saving', () => {
    // 2026-03-08 is the spring-forward day: PST before, PDT after.
    expect(new Date(nextPacificMidnight(Date.parse('2026-03-08T12:00:00Z'))).toISOString()).toBe(
      '2026-03-09T07:00:00.000Z',
    );
    expect(new Date(nextPacificMidnight(Date.parse('2026-01-15T07:59:00Z'))).toISOString()).toBe(
      '2026-01-15T08:00:00.000Z',
    );
  });
});
