import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type GooglePhotosEmulator, startGooglePhotosEmulator } from './emulator.js';
import type { GooglePhotosEmulatorOptionsInput } from './options.js';

let emulator: GooglePhotosEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

type Results = {
  newMediaItemResults: {
    status: { code?: number; message: string };
    mediaItem?: { id: string; mediaMetadata: Record<string, unknown> };
  }[];
};

async function start(options: GooglePhotosEmulatorOptionsInput = {}) {
  emulator = await startGooglePhotosEmulator(options);
  const headers = {
    authorization: `Bearer ${emulator.issueAccessToken()}`,
    'content-type': 'application/json',
  };
  const call = async (method: string, path: string, body?: unknown) =>
    fetch(`${emulator!.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const upload = async (text: string) =>
    (
      await fetch(`${emulator!.url}/v1/uploads`, {
        method: 'POST',
        headers: { ...headers, 'x-goog-upload-protocol': 'raw' },
        body: text,
      })
    ).text();
  const create = async (texts: string[], albumId?: string) => {
    const tokens = [];
    for (const text of texts) tokens.push(await upload(text));
    const res = await call('POST', '/v1/mediaItems:batchCreate', {
      ...(albumId ? { albumId } : {}),
      newMediaItems: tokens.map((uploadToken) => ({
        simpleMediaItem: { uploadToken, fileName: 'GOPR0001.JPG' },
      })),
    });
    return (await res.json()) as Results;
  };
  return { call, create };
}

describe('Google Photos emulator: album capacity and file metadata', () => {
  it('refuses each item past the album capacity with a per-item status, creating none of them', async () => {
    const { call, create } = await start({ albumCapacity: 3 });
    const album = (await (await call('POST', '/v1/albums', { album: { title: 'A' } })).json()) as {
      id: string;
    };
    await create(['a', 'b'], album.id);
    const body = await create(['c', 'd', 'b'], album.id);
    expect(body.newMediaItemResults.map((r) => r.status.code ?? 0)).toEqual([0, 9, 0]);
    expect(body.newMediaItemResults[1]?.status.message).toBe('Failed: The album is full.');
    const listed = (await (await call('GET', `/v1/albums/${album.id}`)).json()) as {
      mediaItemsCount: string;
    };
    expect(listed.mediaItemsCount).toBe('3');
    expect(emulator!.inspect().items).toHaveLength(3);
  });

  it("gives creationTime and size from the file's own metadata, the upload time without it", async () => {
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const { create } = await start({
      now: () => Date.parse('2026-01-01T00:00:00.250Z'),
      fileMetadata: ({ sha256 }) =>
        sha256 === sha('shot')
          ? { creationTime: '2024-05-01T10:00:00.700Z', width: 5568, height: 4872 }
          : undefined,
    });
    const body = await create(['shot', 'plain']);
    expect(body.newMediaItemResults.map((r) => r.mediaItem?.mediaMetadata)).toMatchObject([
      { creationTime: '2024-05-01T10:00:00Z', width: '5568', height: '4872' },
      { creationTime: '2026-01-01T00:00:00Z', width: '4000', height: '3000' },
    ]);
  });
});
