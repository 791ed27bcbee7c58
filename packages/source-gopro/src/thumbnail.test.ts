import { afterEach, describe, expect, it } from 'vitest';
import { startWithSource } from './test-support.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('thumbnails', () => {
  it('fetches the picture GoPro links from the item, without sending the token to the CDN', async () => {
    const { emu, source } = await startWithSource();
    close = () => emu.close();
    const thumbnail = await source.fetchThumbnail(emu.library.fixtureId('video'));
    expect(thumbnail?.contentType).toBe('image/png');
    expect(Buffer.from(thumbnail!.bytes).toString('ascii', 1, 4)).toBe('PNG');
    const cdn = emu.cdnLog().filter((entry) => entry.path.includes('/thumbnail/'));
    expect(cdn).toHaveLength(1);
    expect(cdn[0]!.authorization).toBe(false);
  });

  it('is null for an item GoPro has not processed yet', async () => {
    const { emu, source } = await startWithSource();
    close = () => emu.close();
    await expect(source.fetchThumbnail(emu.library.fixtureId('transcoding'))).resolves.toBeNull();
  });

  it('refuses a body that is not an image', async () => {
    const { emu, source } = await startWithSource(
      {},
      {
        fetch: async (input, init) => {
          const url = String(input);
          if (url.includes('/thumbnail/')) {
            return new Response('<html>', { headers: { 'content-type': 'text/html' } });
          }
          return fetch(input, init);
        },
      },
    );
    close = () => emu.close();
    await expect(source.fetchThumbnail(emu.library.fixtureId('video'))).rejects.toMatchObject({
      code: 'GOPRO_BAD_RESPONSE',
    });
  });
});
