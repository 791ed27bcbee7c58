import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GoProEmulator, startGoProEmulator } from './emulator.js';

let emu: GoProEmulator;
let token: string;

beforeAll(async () => {
  emu = await startGoProEmulator({ seed: 3 });
  token = emu.issueAccessToken();
});
afterAll(() => emu.close());

async function record(fixture: string) {
  const res = await fetch(`${emu.apiUrl}/media/${emu.library.fixtureId(fixture)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await res.json()) as { thumbnail_available: boolean; thumbnail_url?: string };
}

describe('item thumbnails', () => {
  it('links a ready item to a signed PNG on the CDN, fetched without a token', async () => {
    const item = await record('video');
    expect(item.thumbnail_available).toBe(true);
    expect(item.thumbnail_url?.startsWith(emu.cdnUrl)).toBe(true);
    const res = await fetch(item.thumbnail_url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.toString('ascii', 1, 4)).toBe('PNG');
    const forged = item.thumbnail_url!.replace(
      /X-Amz-Signature=[0-9a-f]{4}/,
      'X-Amz-Signature=0000',
    );
    expect((await fetch(forged)).status).toBe(403);
  });

  it('has none for an item GoPro is still processing', async () => {
    const item = await record('transcoding');
    expect(item.thumbnail_available).toBe(false);
    expect(item.thumbnail_url).toBeUndefined();
  });
});
