import { isQ2gError } from '@q2google/core';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeTransport } from '../http/transport.js';
import { bytesOf, type Harness, sha256, startHarness, uploadOf } from '../testing/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The SHA-256 the emulator recorded for `token`. */
function storedHash(harness: Harness, token: string) {
  return harness.emulator.inspect().uploadTokens.find((t) => t.token === token)?.sha256;
}

describe('resumable uploads (files over rawUploadMaxBytes)', () => {
  it('start a session and send the whole file in one "upload, finalize" request', async () => {
    h = await startHarness(); // raw ≤ 8 KiB, granularity 1 KiB
    const data = bytesOf(10_000);
    const request = uploadOf('GOPR0002.MP4', data);
    const result = await h.sink.upload(request);
    expect(storedHash(h, result.uploadToken)).toBe(sha256(data));
    expect(h.emulator.requestCounts()).toMatchObject({
      'gphotos.upload': 1,
      'gphotos.uploadChunk': 1,
    });
    expect(request.progress.map((p) => p.offset)).toEqual([0]);
    expect(request.progress[0]).toMatchObject({ granularity: 1024 });
    expect(request.opens).toEqual([0]);
  });

  it('spend exactly 2 requests of the daily quota on a large file', async () => {
    h = await startHarness();
    const before = h.emulator.quotaToday().requests;
    const data = bytesOf(3_000_000);
    const result = await h.sink.upload(uploadOf('LARGE.MP4', data));
    expect(storedHash(h, result.uploadToken)).toBe(sha256(data));
    const counts = h.emulator.requestCounts();
    expect((counts['gphotos.upload'] ?? 0) + (counts['gphotos.uploadChunk'] ?? 0)).toBe(2);
    expect(h.emulator.quotaToday().requests - before).toBe(2);
  });

  it('resume a body cut mid-way with one query and one request', async () => {
    h = await startHarness();
    h.emulator.inject({
      route: 'gphotos.uploadChunk',
      kind: 'drop-after-bytes',
      afterBytes: 1_500_000,
      times: 1,
    });
    const data = bytesOf(3_000_000);
    const request = uploadOf('CUT.MP4', data);
    const result = await h.sink.upload(request);
    expect(storedHash(h, result.uploadToken)).toBe(sha256(data));
    // start + cut upload + query + the rest.
    expect(h.emulator.requestCounts()).toMatchObject({
      'gphotos.upload': 1,
      'gphotos.uploadChunk': 3,
    });
    expect(h.emulator.quotaToday().requests).toBe(4);
    const resumedAt = 1_500_000 - (1_500_000 % 1024);
    expect(request.opens).toEqual([0, resumedAt]);
  });

  it('after a dropped connection, query and resume from the server’s offset', async () => {
    h = await startHarness();
    h.emulator.inject({
      route: 'gphotos.uploadChunk',
      kind: 'drop-after-bytes',
      afterBytes: 5500,
      times: 1,
    });
    const data = bytesOf(20_000);
    const request = uploadOf('DROP.MP4', data);
    const result = await h.sink.upload(request);
    expect(storedHash(h, result.uploadToken)).toBe(sha256(data));
    expect(request.opens).toEqual([0, 5120]);
    expect(request.progress.map((p) => p.offset)).toEqual([0, 5120]);
  });

  it.each(['http-500', 'http-502'])(
    'after an injected %s on a chunk, query and resume',
    async (kind) => {
      h = await startHarness();
      h.emulator.inject({ route: 'gphotos.uploadChunk', kind, times: 1 });
      const data = bytesOf(12_000);
      const result = await h.sink.upload(uploadOf('5XX.MP4', data));
      expect(storedHash(h, result.uploadToken)).toBe(sha256(data));
      expect(h.emulator.inspect().sessions).toHaveLength(1);
      // The failed upload, a query and the upload again.
      expect(h.emulator.requestCounts()['gphotos.uploadChunk']).toBe(3);
    },
  );

  it.each([400, 409])(
    'treat a %i for a chunk as "query, then resume" (unknown status)',
    async (status) => {
      let tampered = false;
      h = await startHarness({
        emulator: { chunkErrorStatus: status },
        sink: {
          // Corrupt the offset of the first data request, as a confused client would.
          transport: (request) => {
            const offset = request.headers['x-goog-upload-offset'];
            if (offset !== undefined && !tampered) {
              tampered = true;
              return nodeTransport({
                ...request,
                headers: { ...request.headers, 'x-goog-upload-offset': '512' },
              });
            }
            return nodeTransport(request);
          },
        },
      });
      const data = bytesOf(9000);
      const request = uploadOf('OFF.MP4', data);
      const result = await h.sink.upload(request);
      expect(tampered).toBe(true);
      expect(storedHash(h, result.uploadToken)).toBe(sha256(data));
      expect(h.emulator.inspect().sessions).toHaveLength(1);
      expect(request.opens).toEqual([0, 0]);
    },
  );

  it('continue a session recorded by an earlier run', async () => {
    h = await startHarness();
    const data = bytesOf(16_000);
    const first = uploadOf('RESUME.MP4', data, { failAfterBytes: 8192 });
    await expect(h.sink.upload(first)).rejects.toThrow('source broke');
    const recorded = first.progress.at(-1)!;
    expect(recorded.offset).toBe(8192);
    const rerun = h.newSink();
    const second = uploadOf('RESUME.MP4', data, { resume: recorded });
    const result = await rerun.upload(second);
    expect(storedHash(h, result.uploadToken)).toBe(sha256(data));
    expect(second.opens).toEqual([8192]);
    expect(h.emulator.inspect().sessions).toHaveLength(1);
  });

  it('resume a small file too when a session was recorded for it', async () => {
    h = await startHarness({ sink: { rawUploadMaxBytes: 1_000_000 } });
    const data = bytesOf(6000);
    const first = uploadOf('SMALL.MP4', data, { failAfterBytes: 4096 });
    await expect(h.newSink({ rawUploadMaxBytes: 0 }).upload(first)).rejects.toThrow('source broke');
    const second = uploadOf('SMALL.MP4', data, { resume: first.progress.at(-1)! });
    await h.sink.upload(second);
    expect(second.opens).toEqual([4096]);
  });

  it.each(['final', 'cancelled', 'expired'] as const)(
    'start a new session when the recorded one is %s',
    async (state) => {
      h = await startHarness();
      const data = bytesOf(9000);
      const first = uploadOf('GONE.MP4', data);
      if (state !== 'final')
        first.open = async () => {
          throw new Error('stop');
        };
      await h.sink.upload(first).catch(() => undefined);
      const recorded = first.progress[0]!;
      if (state === 'cancelled') {
        await fetch(recorded.url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${h.emulator.issueAccessToken({ clientId: 'q2google-test.apps.googleusercontent.com' })}`,
            'x-goog-upload-command': 'cancel',
          },
        });
      }
      if (state === 'expired') h.emulator.advanceClock(8 * 24 * 3_600_000);
      const second = uploadOf('GONE.MP4', data, { resume: recorded });
      const result = await h.sink.upload(second);
      expect(storedHash(h, result.uploadToken)).toBe(sha256(data));
      expect(second.opens).toEqual([0]);
      expect(second.progress[0]?.url).not.toBe(recorded.url);
    },
  );

  it('after a lost finalize response, upload again in a new session (query says final)', async () => {
    h = await startHarness();
    h.emulator.inject({ route: 'gphotos.uploadChunk', kind: 'lost-response', times: 1 });
    const data = bytesOf(9000);
    const result = await h.sink.upload(uploadOf('LOST.MP4', data));
    expect(storedHash(h, result.uploadToken)).toBe(sha256(data));
    expect(h.emulator.inspect().sessions.map((s) => s.status)).toEqual(['final', 'final']);
  });

  it('refresh and retry once after a 401 on a chunk', async () => {
    h = await startHarness();
    h.emulator.inject({ route: 'gphotos.uploadChunk', kind: 'http-401', times: 1 });
    const data = bytesOf(9000);
    const result = await h.sink.upload(uploadOf('AUTH.MP4', data));
    expect(storedHash(h, result.uploadToken)).toBe(sha256(data));
    expect(h.emulator.requestCounts()['gphotos.token']).toBe(2);
  });

  it('stop on a daily quota error instead of retrying', async () => {
    h = await startHarness();
    h.emulator.inject({ route: 'gphotos.uploadChunk', kind: 'quota-daily' });
    const error = await h.sink
      .upload(uploadOf('QUOTA.MP4', bytesOf(9000)))
      .catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_QUOTA_EXHAUSTED')).toBe(true);
    expect(h.emulator.requestCounts()['gphotos.uploadChunk']).toBe(1);
  });

  it('give up after the retry budget when the server never confirms more bytes', async () => {
    h = await startHarness();
    h.emulator.inject({ route: 'gphotos.uploadChunk', kind: 'http-503' });
    const error = await h.sink.upload(uploadOf('DOWN.MP4', bytesOf(9000))).catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_HTTP')).toBe(true);
    expect((error as { retryable: boolean }).retryable).toBe(true);
  });

  it('keep going through repeated drops while each one confirms more bytes', async () => {
    h = await startHarness({
      sink: {
        retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1000 },
      },
    });
    h.emulator.inject({
      route: 'gphotos.uploadChunk',
      kind: 'drop-after-bytes',
      afterBytes: 3000,
      times: 6,
    });
    const data = bytesOf(30_000);
    const result = await h.sink.upload(uploadOf('FLAKY.MP4', data));
    expect(storedHash(h, result.uploadToken)).toBe(sha256(data));
  });
});
