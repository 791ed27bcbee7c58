import { isQ2gError } from '@q2google/core';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesOf, type Harness, sha256, startHarness, uploadOf } from '../testing/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('raw uploads (files up to rawUploadMaxBytes)', () => {
  it('send the whole file in one request and return the token with its 24 h expiry', async () => {
    h = await startHarness();
    const data = bytesOf(5000);
    const result = await h.sink.upload(uploadOf('GOPR0001.JPG', data));
    expect(result.uploadToken).toMatch(/^CAIS/);
    expect(Date.parse(result.expiresAt) - Date.parse(result.uploadedAt)).toBe(24 * 3_600_000);
    expect(h.emulator.requestCounts()['gphotos.upload']).toBe(1);
    expect(h.emulator.inspect().uploadTokens).toMatchObject([{ sha256: sha256(data), size: 5000 }]);
  });

  it.each(['http-500', 'http-503'])(
    'retry after an injected %s, re-reading the file from 0',
    async (kind) => {
      h = await startHarness();
      h.emulator.inject({ route: 'gphotos.upload', kind, times: 1 });
      const request = uploadOf('A.JPG', bytesOf(3000));
      await h.sink.upload(request);
      expect(request.opens).toEqual([0, 0]);
    },
  );

  it('retry after the connection drops mid-body', async () => {
    h = await startHarness();
    h.emulator.inject({
      route: 'gphotos.upload',
      kind: 'drop-after-bytes',
      afterBytes: 1500,
      times: 1,
    });
    const data = bytesOf(6000);
    const result = await h.sink.upload(uploadOf('B.JPG', data));
    const token = h.emulator.inspect().uploadTokens.find((t) => t.token === result.uploadToken);
    expect(token?.sha256).toBe(sha256(data));
  });

  it('retry after a lost response; the extra token carries the same bytes', async () => {
    h = await startHarness();
    h.emulator.inject({ route: 'gphotos.upload', kind: 'lost-response', times: 1 });
    const data = bytesOf(2000);
    await h.sink.upload(uploadOf('C.JPG', data));
    const tokens = h.emulator.inspect().uploadTokens;
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens.map((t) => t.sha256))).toEqual(new Set([sha256(data)]));
  });

  it('refresh the access token once after a 401 and resend', async () => {
    h = await startHarness();
    await h.sink.upload(uploadOf('D.JPG', bytesOf(100)));
    h.emulator.expireAccessTokens();
    await h.sink.upload(uploadOf('E.JPG', bytesOf(100, 2)));
    expect(h.emulator.requestCounts()['gphotos.token']).toBe(2);
  });

  it('refuse a photo over 200 MB before sending anything', async () => {
    h = await startHarness();
    const request = { ...uploadOf('BIG.JPG', bytesOf(10)), size: 200_000_001 };
    const error = await h.sink.upload(request).catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_FILE_TOO_LARGE')).toBe(true);
    expect(h.emulator.requestCounts()['gphotos.upload']).toBeUndefined();
  });

  it('turn a 413 from the server into GPHOTOS_FILE_TOO_LARGE without retrying', async () => {
    h = await startHarness({ emulator: { maxPhotoBytes: 1000 } });
    const error = await h.sink.upload(uploadOf('F.JPG', bytesOf(2000))).catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_FILE_TOO_LARGE')).toBe(true);
    expect(h.emulator.requestCounts()['gphotos.upload']).toBe(1);
  });

  it('accept any content type on the token body', async () => {
    h = await startHarness({ emulator: { tokenContentType: 'application/octet-stream' } });
    const result = await h.sink.upload(uploadOf('G.JPG', bytesOf(10)));
    expect(result.uploadToken).toMatch(/^CAIS/);
  });
});
