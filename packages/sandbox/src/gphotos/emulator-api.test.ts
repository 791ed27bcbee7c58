import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type GooglePhotosEmulator, startGooglePhotosEmulator } from './emulator.js';
import type { GooglePhotosEmulatorOptionsInput } from './options.js';
import { QUOTA_MESSAGES } from './responses.js';

let emulator: GooglePhotosEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: GooglePhotosEmulatorOptionsInput = {}) {
  emulator = await startGooglePhotosEmulator(options);
  const headers = {
    authorization: `Bearer ${emulator.issueAccessToken()}`,
    'content-type': 'application/json',
  };
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${emulator!.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const upload = async (text: string) => {
    const res = await fetch(`${emulator!.url}/v1/uploads`, {
      method: 'POST',
      headers: {
        ...headers,
        'x-goog-upload-protocol': 'raw',
        'x-goog-upload-content-type': 'image/jpeg',
      },
      body: text,
    });
    return res.text();
  };
  const create = (tokens: string[], extra: Record<string, unknown> = {}) =>
    call('POST', '/v1/mediaItems:batchCreate', {
      ...extra,
      newMediaItems: tokens.map((uploadToken, i) => ({
        simpleMediaItem: { uploadToken, fileName: `F${i}.JPG` },
      })),
    });
  return { emulator, call, upload, create };
}

describe('Google Photos emulator: batchCreate, albums, quotas, OAuth', () => {
  it('answers batchCreate in request order with Success statuses without code and string sizes', async () => {
    const { create, upload } = await start();
    const tokens = [await upload('one'), await upload('two')];
    const res = await create(tokens);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { newMediaItemResults: Record<string, unknown>[] };
    expect(body.newMediaItemResults.map((r) => r.uploadToken)).toEqual(tokens);
    expect(body.newMediaItemResults[0]).toMatchObject({
      status: { message: 'Success' },
      mediaItem: {
        filename: 'F0.JPG',
        mimeType: 'image/jpeg',
        mediaMetadata: { width: '4000', height: '3000' },
      },
    });
    expect(body.newMediaItemResults[0]?.status).not.toHaveProperty('code');
  });

  it('refuses 51 items with the observed message', async () => {
    const { create } = await start();
    const res = await create(Array.from({ length: 51 }, () => 'CAISx'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { message: 'Request must have less than 50 items.' },
    });
  });

  it('dedups identical bytes to one item that keeps the first file name', async () => {
    const { create, upload, emulator } = await start();
    await create([await upload('same')]);
    const again = (await (await create([await upload('same')])).json()) as {
      newMediaItemResults: { mediaItem: { filename: string } }[];
    };
    expect(again.newMediaItemResults[0]?.mediaItem.filename).toBe('F0.JPG');
    const sha = createHash('sha256').update('same').digest('hex');
    expect(emulator.inspect().contents).toEqual([
      { sha256: sha, size: 4, itemsCreated: 1, createResults: 2 },
    ]);
  });

  it('answers a second concurrent batchCreate of one user with the concurrent-write 429', async () => {
    const { create, upload, emulator } = await start();
    emulator.inject({ route: 'gphotos.batchCreate', kind: 'slow', delayMs: 1_500, times: 1 });
    const token = await upload('x');
    const first = create([token]);
    // The second call goes out once the first is being served, however slow the machine is.
    while ((emulator.inspect().requests['gphotos.batchCreate'] ?? 0) < 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const second = await create([token]);
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ error: { message: QUOTA_MESSAGES.concurrent } });
    expect((await first).status).toBe(200);
  });

  it('counts requests against the daily quota and answers with the daily message', async () => {
    const { call } = await start({ dailyQuota: 2 });
    expect((await call('GET', '/v1/albums')).status).toBe(200);
    expect((await call('GET', '/v1/mediaItems')).status).toBe(200);
    const third = await call('GET', '/v1/albums');
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({
      error: { message: QUOTA_MESSAGES.daily('123456789012') },
    });
  });

  it('keeps each Pacific day: requests, daily-quota answers, and requests after the first', async () => {
    const { emulator, call } = await start({
      dailyQuota: 2,
      now: () => Date.parse('2026-03-02T07:59:00.000Z'),
      faults: [{ route: 'gphotos.list', kind: 'quota-daily', skip: 0, times: 1 }],
    });
    await call('GET', '/v1/albums');
    await call('GET', '/v1/albums');
    expect((await call('GET', '/v1/albums')).status).toBe(429);
    expect((await call('GET', '/v1/albums')).status).toBe(429);
    emulator.advanceClock(Date.parse(emulator.quotaToday().resetAt) - emulator.now());
    expect((await call('GET', '/v1/mediaItems')).status).toBe(429);
    expect((await call('GET', '/v1/albums')).status).toBe(200);
    expect(emulator.quotaDays()).toEqual([
      { day: '2026-03-01', requests: 4, refused: 2, afterRefusal: 1 },
      { day: '2026-03-02', requests: 2, refused: 1, afterRefusal: 1 },
    ]);
  });

  it('enforces page sizes and albumId XOR filters', async () => {
    const { call } = await start();
    expect((await call('GET', '/v1/albums?pageSize=51')).status).toBe(400);
    expect((await call('GET', '/v1/mediaItems?pageSize=101')).status).toBe(400);
    const album = (await (await call('POST', '/v1/albums', { album: { title: 'T' } })).json()) as {
      id: string;
    };
    const both = await call('POST', '/v1/mediaItems:search', { albumId: album.id, filters: {} });
    expect(both.status).toBe(400);
  });

  it('adds and removes album items all-or-nothing', async () => {
    const { call, create, upload, emulator } = await start();
    const res = (await (await create([await upload('a')])).json()) as {
      newMediaItemResults: { mediaItem: { id: string } }[];
    };
    const id = res.newMediaItemResults[0]!.mediaItem.id;
    const album = (await (await call('POST', '/v1/albums', { album: { title: 'T' } })).json()) as {
      id: string;
    };
    const bad = await call('POST', `/v1/albums/${album.id}:batchAddMediaItems`, {
      mediaItemIds: [id, 'nope'],
    });
    expect(bad.status).toBe(400);
    expect(
      (await call('POST', `/v1/albums/${album.id}:batchAddMediaItems`, { mediaItemIds: [id] }))
        .status,
    ).toBe(200);
    expect(emulator.inspect().albums[0]?.itemIds).toEqual([id]);
    // Removing needs the edit scope, which the default grant lacks.
    expect(
      (await call('POST', `/v1/albums/${album.id}:batchRemoveMediaItems`, { mediaItemIds: [id] }))
        .status,
    ).toBe(403);
  });

  it('checks the PKCE verifier at the token endpoint', async () => {
    const { emulator } = await start();
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const consent = new URL(emulator.endpoints.oauth2AuthBaseUrl);
    const redirect = 'http://127.0.0.1:9/callback';
    for (const [k, v] of Object.entries({
      client_id: 'c',
      redirect_uri: redirect,
      response_type: 'code',
      scope: 's',
      state: 'st',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }))
      consent.searchParams.set(k, v);
    const exchange = async (codeVerifier: string) => {
      const answer = await fetch(consent, { redirect: 'manual' });
      const code = new URL(answer.headers.get('location')!).searchParams.get('code')!;
      return fetch(emulator.endpoints.oauth2TokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          code_verifier: codeVerifier,
          redirect_uri: redirect,
          client_id: 'c',
        }),
      });
    };
    const wrong = await exchange('w'.repeat(50));
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    const right = await exchange(verifier);
    expect(await right.json()).toMatchObject({
      token_type: 'Bearer',
      scope: 's',
      refresh_token: expect.any(String),
    });
  });

  it('limits writes per user per minute when configured, and resets the next minute', async () => {
    const { call, emulator } = await start({
      writesPerMinute: 1,
      now: () => Date.parse('2025-07-14T12:00:00Z'),
    });
    expect((await call('POST', '/v1/albums', { album: { title: 'a' } })).status).toBe(200);
    const second = await call('POST', '/v1/albums', { album: { title: 'b' } });
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({
      error: { message: QUOTA_MESSAGES.perMinute('123456789012') },
    });
    emulator.advanceClock(60_000);
    expect((await call('POST', '/v1/albums', { album: { title: 'c' } })).status).toBe(200);
  });
});
