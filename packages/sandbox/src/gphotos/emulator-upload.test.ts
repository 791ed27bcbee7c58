import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type GooglePhotosEmulator, startGooglePhotosEmulator } from './emulator.js';
import type { GooglePhotosEmulatorOptionsInput } from './options.js';

let emulator: GooglePhotosEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: GooglePhotosEmulatorOptionsInput = {}) {
  emulator = await startGooglePhotosEmulator({ granularity: 1024, ...options });
  const token = emulator.issueAccessToken();
  const auth = { authorization: `Bearer ${token}` };
  return { emulator, auth };
}

function bytes(n: number, seed = 1): Buffer {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function startSession(url: string, auth: Record<string, string>, size: number) {
  const res = await fetch(`${url}/v1/uploads`, {
    method: 'POST',
    headers: {
      ...auth,
      'x-goog-upload-command': 'start',
      'x-goog-upload-protocol': 'resumable',
      'x-goog-upload-raw-size': String(size),
      'x-goog-upload-content-type': 'video/mp4',
    },
  });
  expect(res.status).toBe(200);
  return res.headers.get('x-goog-upload-url')!;
}

function chunk(
  session: string,
  auth: Record<string, string>,
  command: string,
  offset: number,
  body: Buffer,
) {
  return fetch(session, {
    method: 'POST',
    headers: { ...auth, 'x-goog-upload-command': command, 'x-goog-upload-offset': String(offset) },
    body,
  });
}

/** Sends `body` and lets the emulator cut the connection; resolves when the socket closes. */
function sendDropped(session: string, auth: Record<string, string>, offset: number, body: Buffer) {
  return new Promise<void>((resolve) => {
    const req = request(session, {
      method: 'POST',
      headers: {
        ...auth,
        'x-goog-upload-command': 'upload, finalize',
        'x-goog-upload-offset': String(offset),
        'content-length': body.length,
      },
    });
    req.on('error', () => resolve());
    req.on('response', () => resolve());
    req.end(body);
  });
}

describe('Google Photos emulator: uploads', () => {
  it('answers a raw upload with a CAIS… token and records the SHA-256 of the bytes', async () => {
    const { emulator, auth } = await start();
    const data = bytes(5000);
    const res = await fetch(`${emulator.url}/v1/uploads`, {
      method: 'POST',
      headers: {
        ...auth,
        'x-goog-upload-protocol': 'raw',
        'x-goog-upload-content-type': 'image/jpeg',
      },
      body: data,
    });
    expect(res.status).toBe(200);
    const token = await res.text();
    expect(token).toMatch(/^CAIS/);
    expect(emulator.inspect().uploadTokens).toMatchObject([
      { token, sha256: sha(data), size: 5000 },
    ]);
  });

  it('refuses an empty raw body and a photo over the size limit with bare statuses', async () => {
    const { emulator, auth } = await start({ maxPhotoBytes: 100 });
    const post = (body: Buffer) =>
      fetch(`${emulator.url}/v1/uploads`, {
        method: 'POST',
        headers: {
          ...auth,
          'x-goog-upload-protocol': 'raw',
          'x-goog-upload-content-type': 'image/jpeg',
        },
        body,
      });
    const empty = await post(Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ code: 3, message: 'Payload must not be empty' });
    const big = await post(bytes(101));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 3 });
  });

  it('runs a chunked resumable session with "upload" and "upload,finalize"', async () => {
    const { emulator, auth } = await start();
    const data = bytes(2500);
    const session = await startSession(emulator.url, auth, data.length);
    expect(session).toContain('upload_protocol=resumable');
    expect((await chunk(session, auth, 'upload', 0, data.subarray(0, 2048))).status).toBe(200);
    const last = await chunk(session, auth, 'upload,finalize', 2048, data.subarray(2048));
    expect(last.status).toBe(200);
    const token = await last.text();
    expect(emulator.inspect().uploadTokens).toMatchObject([{ token, sha256: sha(data) }]);
  });

  it('takes a whole file in one "upload, finalize" and counts start and upload against the day', async () => {
    const { emulator, auth } = await start();
    const data = bytes(1_000_003);
    const before = emulator.quotaToday().requests;
    const session = await startSession(emulator.url, auth, data.length);
    const only = await chunk(session, auth, 'upload, finalize', 0, data);
    expect(only.status).toBe(200);
    const token = await only.text();
    expect(emulator.inspect().uploadTokens).toMatchObject([{ token, sha256: sha(data) }]);
    expect(emulator.requestCounts()).toMatchObject({
      'gphotos.upload': 1,
      'gphotos.uploadChunk': 1,
    });
    expect(emulator.quotaToday().requests - before).toBe(2);
  });

  it('rejects a misaligned non-final chunk and a wrong offset', async () => {
    const { emulator, auth } = await start();
    const data = bytes(4096);
    const session = await startSession(emulator.url, auth, data.length);
    expect((await chunk(session, auth, 'upload', 0, data.subarray(0, 1000))).status).toBe(400);
    expect((await chunk(session, auth, 'upload', 512, data.subarray(512, 1536))).status).toBe(400);
  });

  it('keeps granule-aligned bytes of a dropped chunk so the upload resumes from the query', async () => {
    const { emulator, auth } = await start();
    emulator.inject({
      route: 'gphotos.uploadChunk',
      kind: 'drop-after-bytes',
      afterBytes: 2500,
      times: 1,
    });
    const data = bytes(5000);
    const session = await startSession(emulator.url, auth, data.length);
    await sendDropped(session, auth, 0, data);
    const query = await fetch(session, {
      method: 'POST',
      headers: { ...auth, 'x-goog-upload-command': 'query' },
    });
    expect(query.headers.get('x-goog-upload-status')).toBe('active');
    expect(query.headers.get('x-goog-upload-size-received')).toBe('2048');
    const rest = await chunk(session, auth, 'upload, finalize', 2048, data.subarray(2048));
    expect(rest.status).toBe(200);
    const token = await rest.text();
    expect(emulator.inspect().uploadTokens.find((t) => t.token === token)?.sha256).toBe(sha(data));
  });

  it('reports final and cancelled sessions and refuses more data on them', async () => {
    const { emulator, auth } = await start();
    const data = bytes(100);
    const session = await startSession(emulator.url, auth, data.length);
    await chunk(session, auth, 'upload, finalize', 0, data);
    const query = await fetch(session, {
      method: 'POST',
      headers: { ...auth, 'x-goog-upload-command': 'query' },
    });
    expect(query.headers.get('x-goog-upload-status')).toBe('final');
    const other = await startSession(emulator.url, auth, data.length);
    const cancel = await fetch(other, {
      method: 'POST',
      headers: { ...auth, 'x-goog-upload-command': 'cancel' },
    });
    expect(cancel.headers.get('x-goog-upload-status')).toBe('cancelled');
    expect((await chunk(other, auth, 'upload, finalize', 0, data)).status).toBe(400);
  });

  it('answers 413 at start when the declared video size is over the limit', async () => {
    const { emulator, auth } = await start({ maxVideoBytes: 1000 });
    const res = await fetch(`${emulator.url}/v1/uploads`, {
      method: 'POST',
      headers: {
        ...auth,
        'x-goog-upload-command': 'start',
        'x-goog-upload-protocol': 'resumable',
        'x-goog-upload-raw-size': '1001',
        'x-goog-upload-content-type': 'video/mp4',
      },
    });
    expect(res.status).toBe(413);
  });

  it('needs a bearer token with the appendonly scope', async () => {
    const { emulator } = await start();
    const readOnly = emulator.issueAccessToken({
      scopes: ['https://www.googleapis.com/auth/photoslibrary.readonly.appcreateddata'],
    });
    const post = (headers: Record<string, string>) =>
      fetch(`${emulator.url}/v1/uploads`, {
        method: 'POST',
        headers: { ...headers, 'x-goog-upload-protocol': 'raw' },
        body: bytes(10),
      });
    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { status: 'UNAUTHENTICATED' } });
    const scoped = await post({ authorization: `Bearer ${readOnly}` });
    expect(scoped.status).toBe(403);
    expect(await scoped.json()).toMatchObject({
      error: { message: 'Request had insufficient authentication scopes.' },
    });
    expect(emulator.requestCounts()['gphotos.upload']).toBe(2);
  });
});
