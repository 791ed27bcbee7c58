import { isQ2gError, type NewMediaItem } from '@q2google/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { GooglePhotosSink } from '../sink.js';
import { bytesOf, type Harness, sha256, startHarness, uploadOf } from '../testing/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Uploads `count` distinct photos and returns them as NewMediaItems. */
async function uploaded(sink: GooglePhotosSink, count: number, seed = 1): Promise<NewMediaItem[]> {
  const items: NewMediaItem[] = [];
  for (let i = 0; i < count; i++) {
    const fileName = `IMG_${seed}_${i}.JPG`;
    const result = await sink.upload(uploadOf(fileName, bytesOf(300, seed * 1000 + i)));
    items.push({
      key: `k${seed}-${i}`,
      uploadToken: result.uploadToken,
      fileName,
      tokenExpiresAt: result.expiresAt,
    });
  }
  return items;
}

describe('createItems', () => {
  it('creates every item once, in request order, with the given file names', async () => {
    h = await startHarness();
    const items = await uploaded(h.sink, 3);
    const results = await h.sink.createItems(items);
    expect(results.map((r) => [r.key, r.outcome])).toEqual(items.map((i) => [i.key, 'created']));
    const library = h.emulator.inspect();
    expect(library.items.map((i) => i.filename)).toEqual(items.map((i) => i.fileName));
    expect(library.contents.every((c) => c.itemsCreated === 1)).toBe(true);
    expect(h.emulator.requestCounts()['gphotos.batchCreate']).toBe(1);
  });

  it('refuses more than 50 items without calling Google', async () => {
    h = await startHarness();
    const item = { key: 'x', uploadToken: 'CAIS', fileName: 'x.jpg' };
    const error = await h.sink
      .createItems(Array.from({ length: 51 }, () => item))
      .catch((e: unknown) => e);
    expect(isQ2gError(error)).toBe(true);
    expect(h.emulator.requestCounts()['gphotos.batchCreate']).toBeUndefined();
  });

  it('places items in the album it is given', async () => {
    h = await startHarness();
    const album = await h.sink.ensureAlbum('GoPro 2024');
    const items = await uploaded(h.sink, 2);
    const results = await h.sink.createItems(items, { albumId: album.id });
    const ids = results.map((r) => (r.outcome === 'created' ? r.mediaItemId : ''));
    expect(h.emulator.inspect().albums.find((a) => a.id === album.id)?.itemIds).toEqual(ids);
  });

  it('reports an album this app did not create as GPHOTOS_ALBUM_NOT_WRITABLE', async () => {
    h = await startHarness();
    const foreign = h.emulator.createForeignAlbum('Holidays');
    const items = await uploaded(h.sink, 1);
    const error = await h.sink.createItems(items, { albumId: foreign }).catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_ALBUM_NOT_WRITABLE')).toBe(true);
  });

  it.each([
    [3, 'INVALID_ARGUMENT', false],
    [13, 'INTERNAL', true],
  ])('tells per-item code %i apart (%s, retryable %s)', async (code, name, retryable) => {
    h = await startHarness();
    h.emulator.inject({
      route: 'gphotos.batchCreate.item',
      kind: `item-code-${code}`,
      skip: 1,
      times: 1,
    });
    const items = await uploaded(h.sink, 3);
    const results = await h.sink.createItems(items);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'failed', 'created']);
    expect(results[1]).toMatchObject({ key: items[1]!.key, code: name, retryable });
    expect(results[1]).not.toHaveProperty('reupload');
  });

  it.each([200, 207] as const)(
    'reads per-item results the same way under HTTP %i',
    async (status) => {
      h = await startHarness({ emulator: { partialSuccessStatus: status } });
      h.emulator.inject({ route: 'gphotos.batchCreate.item', kind: 'item-code-13', times: 1 });
      const results = await h.sink.createItems(await uploaded(h.sink, 2));
      expect(results.map((r) => r.outcome)).toEqual(['failed', 'created']);
    },
  );

  it('looks up the existing item for a code-6 result without one', async () => {
    h = await startHarness();
    const [item] = await uploaded(h.sink, 1);
    const [first] = await h.sink.createItems([item!]);
    h.emulator.inject({ route: 'gphotos.batchCreate.item', kind: 'item-code-6', times: 1 });
    const [again] = await h.sink.createItems([item!]);
    expect(first?.outcome).toBe('created');
    expect(again).toEqual({
      key: item!.key,
      outcome: 'created',
      mediaItemId: (first as { mediaItemId: string }).mediaItemId,
      productUrl: expect.any(String),
    });
  });

  it('finds a code-6 item among camera names that repeat by the capture time Google read', async () => {
    const shots = [bytesOf(300, 501), bytesOf(300, 502), bytesOf(300, 503)];
    const times = ['2024-05-01T10:00:00Z', '2024-06-01T10:00:00Z', '2024-06-01T10:00:00Z'];
    const bySha = new Map(shots.map((bytes, i) => [sha256(bytes), times[i]!]));
    h = await startHarness({
      emulator: {
        fileMetadata: ({ sha256: sha }) =>
          bySha.has(sha) ? { creationTime: bySha.get(sha)! } : undefined,
      },
    });
    const items: NewMediaItem[] = [];
    for (const [i, bytes] of shots.entries()) {
      const result = await h.sink.upload(uploadOf('GOPR0001.JPG', bytes));
      items.push({
        key: `shot-${i}`,
        uploadToken: result.uploadToken,
        fileName: 'GOPR0001.JPG',
        capturedAt: times[i]!.replace('Z', '.000Z'),
        mimeType: 'image/jpeg',
      });
    }
    const first = await h.sink.createItems(items);
    h.emulator.inject({ route: 'gphotos.batchCreate.item', kind: 'item-code-6', times: 3 });
    const again = await h.sink.createItems(items);
    expect(again[0]).toMatchObject({
      outcome: 'created',
      mediaItemId: (first[0] as { mediaItemId: string }).mediaItemId,
    });
    // Two items share name and capture time: neither is guessed.
    expect(again.slice(1).map((r) => [r.outcome, (r as { code?: string }).code])).toEqual([
      ['failed', 'ALREADY_EXISTS'],
      ['failed', 'ALREADY_EXISTS'],
    ]);
    expect(h.emulator.inspect().items).toHaveLength(3);
  });

  it.each([
    ['same-item', 'created'],
    ['exists', 'created'],
    ['invalid', 'failed'],
  ] as const)(
    're-sending a consumed token (emulator mode %s) never makes a second item',
    async (mode, outcome) => {
      h = await startHarness({ emulator: { consumedTokenMode: mode } });
      const items = await uploaded(h.sink, 1);
      await h.sink.createItems(items);
      const [again] = await h.sink.createItems(items);
      expect(again?.outcome).toBe(outcome);
      if (outcome === 'failed') expect(again).toMatchObject({ reupload: true });
      expect(h.emulator.inspect().items).toHaveLength(1);
    },
  );

  it.each(['whole-call', 'per-item'] as const)(
    'marks only the bad token for re-upload (invalid-token mode %s)',
    async (mode) => {
      h = await startHarness({ emulator: { invalidTokenMode: mode } });
      const items = await uploaded(h.sink, 3);
      items[1] = { ...items[1]!, uploadToken: 'CAISnot-a-real-token' };
      const results = await h.sink.createItems(items);
      expect(results.map((r) => r.outcome)).toEqual(['created', 'failed', 'created']);
      expect(results[1]).toMatchObject({ reupload: true });
      expect(h.emulator.inspect().items).toHaveLength(2);
    },
  );

  it('refuses an upload token past its expiry before sending it', async () => {
    h = await startHarness();
    const [item] = await uploaded(h.sink, 1);
    const stale = { ...item!, tokenExpiresAt: new Date(Date.now() + 60_000).toISOString() };
    const [result] = await h.sink.createItems([stale]);
    expect(result).toMatchObject({
      outcome: 'failed',
      code: 'UPLOAD_TOKEN_EXPIRED',
      reupload: true,
    });
    expect(h.emulator.requestCounts()['gphotos.batchCreate']).toBeUndefined();
  });

  it('refuses exactly the tokens with less time left than its declared limit', async () => {
    h = await startHarness();
    const margin = h.sink.limits.uploadTokenMinRemainingMs;
    expect(margin).toBe(30 * 60_000);
    const [short, long] = await uploaded(h.sink, 2);
    const left = (ms: number) => new Date(Date.now() + ms).toISOString();
    const results = await h.sink.createItems([
      { ...short!, tokenExpiresAt: left(margin - 60_000) },
      { ...long!, tokenExpiresAt: left(margin + 60_000) },
    ]);
    expect(results[0]).toMatchObject({ outcome: 'failed', reupload: true });
    expect(results[1]?.outcome).toBe('created');
  });

  it('asks for a re-upload when the server says a token expired (injected expired token)', async () => {
    h = await startHarness();
    h.emulator.inject({ route: 'gphotos.upload', kind: 'expire-token', times: 1 });
    const results = await h.sink.createItems(await uploaded(h.sink, 2));
    expect(results[0]).toMatchObject({ outcome: 'failed', reupload: true });
    expect(results[1]?.outcome).toBe('created');
  });

  it('refuses tokens after the emulator clock passes 24 h', async () => {
    h = await startHarness();
    const items = (await uploaded(h.sink, 1)).map(({ tokenExpiresAt: _, ...rest }) => rest);
    h.emulator.advanceClock(24 * 3_600_000 + 1);
    const [result] = await h.sink.createItems(items);
    expect(result).toMatchObject({ outcome: 'failed', reupload: true });
  });

  it('refuses a file name over 255 characters', async () => {
    h = await startHarness();
    const [item] = await uploaded(h.sink, 1);
    const [result] = await h.sink.createItems([{ ...item!, fileName: `${'a'.repeat(252)}.JPG` }]);
    expect(result).toMatchObject({
      outcome: 'failed',
      code: 'INVALID_FILE_NAME',
      retryable: false,
    });
  });

  it('never runs two batchCreate calls at once, even when asked concurrently', async () => {
    h = await startHarness();
    h.emulator.inject({ route: 'gphotos.batchCreate', kind: 'slow', delayMs: 30 });
    const [a, b] = [await uploaded(h.sink, 2, 1), await uploaded(h.sink, 2, 2)];
    const results = await Promise.all([h.sink.createItems(a), h.sink.createItems(b)]);
    expect(results.flat().every((r) => r.outcome === 'created')).toBe(true);
    expect(h.emulator.requestCounts()['gphotos.batchCreate']).toBe(2);
  });

  it.each(['quota-minute', 'concurrent-write'])(
    'waits and retries after a %s 429',
    async (kind) => {
      h = await startHarness();
      h.emulator.inject({ route: 'gphotos.batchCreate', kind, times: 1, retryAfterSeconds: 0.01 });
      const results = await h.sink.createItems(await uploaded(h.sink, 1));
      expect(results[0]?.outcome).toBe('created');
      expect(h.emulator.requestCounts()['gphotos.batchCreate']).toBe(2);
    },
  );

  it('stops on the daily quota with the time to resume (next midnight Pacific)', async () => {
    h = await startHarness();
    const items = await uploaded(h.sink, 1);
    h.emulator.inject({ route: 'gphotos.batchCreate', kind: 'quota-daily' });
    const error = await h.sink.createItems(items).catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_QUOTA_EXHAUSTED')).toBe(true);
    const resumeAt = Date.parse(
      String((error as { details: { resumeAt: string } }).details.resumeAt),
    );
    expect(resumeAt).toBeGreaterThan(Date.now());
    expect(resumeAt - Date.now()).toBeLessThanOrEqual(25 * 3_600_000);
    expect((error as { hint: string }).hint).toContain('midnight Pacific');
  });

  it('sends nothing more after a daily-quota answer until the quota resets', async () => {
    let now = Date.now();
    h = await startHarness({ sink: { now: () => now } });
    const items = await uploaded(h.sink, 1);
    h.emulator.inject({ route: 'gphotos.batchCreate', kind: 'quota-daily', times: 1 });
    const refused = await h.sink.createItems(items).catch((e: unknown) => e);
    const resumeAt = Date.parse(
      String((refused as { details: { resumeAt: string } }).details.resumeAt),
    );
    const sent = { ...h.emulator.requestCounts() };
    const again = await h.sink
      .upload(uploadOf('IMG_late.JPG', bytesOf(300, 77)))
      .catch((e: unknown) => e);
    expect(isQ2gError(again, 'GPHOTOS_QUOTA_EXHAUSTED')).toBe(true);
    expect(h.emulator.requestCounts()).toEqual(sent);
    now = resumeAt;
    const results = await h.sink.createItems(items);
    expect(results[0]?.outcome).toBe('created');
  });

  it.each(['lost-response', 'aborted', 'http-500'])(
    'does not re-send after %s (outcome unknown): it throws for the engine to reconcile',
    async (kind) => {
      h = await startHarness({ emulator: { dedupByContent: false } });
      const items = await uploaded(h.sink, 2);
      h.emulator.inject({ route: 'gphotos.batchCreate', kind, times: 1 });
      const error = await h.sink.createItems(items).catch((e: unknown) => e);
      expect(isQ2gError(error)).toBe(true);
      expect(
        (error as { retryable: boolean; details: { outcomeUnknown: boolean } }).details
          .outcomeUnknown,
      ).toBe(true);
      expect(h.emulator.requestCounts()['gphotos.batchCreate']).toBe(1);
      const created = [];
      for await (const item of h.sink.listCreatedItems()) created.push(item.fileName);
      expect(created).toEqual(kind === 'lost-response' ? items.map((i) => i.fileName) : []);
    },
  );
});
