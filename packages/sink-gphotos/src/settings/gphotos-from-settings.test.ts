import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isQ2gError, uploadRequestsOf } from '@q2google/core';
import { gphotosSandboxSettings, sandboxGoogleGrant } from '@q2google/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTokenFile } from '../auth/token-file.js';
import { FAST_RETRY, type Harness, startHarness } from '../testing/harness.js';
import { createGooglePhotosSinkFromSettings } from './gphotos-from-settings.js';
import { GPHOTOS_SETTINGS } from './gphotos-settings.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const tokenFile = async () =>
  join(await mkdtemp(join(tmpdir(), 'q2g-gphotos-settings-')), 'google-token.json');

describe('the Google Photos sink from the settings', () => {
  it('uses the saved grant of the configured OAuth client against the configured API', async () => {
    h = await startHarness();
    const settings = GPHOTOS_SETTINGS.schema.parse(
      gphotosSandboxSettings(h.emulator, { tokenFile: await tokenFile() }),
    );
    await writeTokenFile(settings.googleTokenFile, sandboxGoogleGrant(h.emulator));
    const sink = createGooglePhotosSinkFromSettings(settings, { retry: FAST_RETRY });
    const album = await sink.ensureAlbum('From settings');
    expect(h.emulator.inspect().albums.map((a) => a.id)).toContain(album.id);
  });

  it("without a client id still opens, and every call says how to set one up (the app's hint)", async () => {
    const settings = GPHOTOS_SETTINGS.schema.parse({ googleTokenFile: await tokenFile() });
    const sink = createGooglePhotosSinkFromSettings(settings, {
      clientHint: 'Set Q2G_GOOGLE_CLIENT_ID.',
      retry: FAST_RETRY,
    });
    expect(sink.limits.maxBatchSize).toBe(50);
    const error = await sink.ensureAlbum('x').catch((caught: unknown) => caught);
    expect(isQ2gError(error, 'GPHOTOS_AUTH_REQUIRED')).toBe(true);
    expect((error as { hint?: string }).hint).toBe('Set Q2G_GOOGLE_CLIENT_ID.');
  });

  it('defaults to Google and marks the client secret secret', () => {
    const settings = GPHOTOS_SETTINGS.schema.parse({ googleTokenFile: '/t.json' });
    expect(settings.gphotosApiUrl).toBe('https://photoslibrary.googleapis.com');
    expect(settings.googleOauthTokenUrl).toBe('https://oauth2.googleapis.com/token');
    expect(GPHOTOS_SETTINGS.fields.googleClientSecret.secret).toBe(true);
    expect(GPHOTOS_SETTINGS.fields.googleTokenFile.file).toBe('google-token.json');
  });

  it("holds albums to Google's 20,000 items unless the settings ask for fewer", () => {
    const limitOf = (more: Record<string, unknown>) =>
      createGooglePhotosSinkFromSettings(
        GPHOTOS_SETTINGS.schema.parse({ googleTokenFile: '/t.json', ...more }),
      ).limits.albumCapacity;
    expect(limitOf({})).toBe(20_000);
    expect(limitOf({ albumCapacity: '500' })).toBe(500);
    expect(() => limitOf({ albumCapacity: '20001' })).toThrow();
  });

  it('declares a daily request budget of 10,000 a Pacific day unless the settings lower it', () => {
    const quotaOf = (more: Record<string, unknown>) =>
      createGooglePhotosSinkFromSettings(
        GPHOTOS_SETTINGS.schema.parse({ googleTokenFile: '/t.json', ...more }),
        { rawUploadMaxBytes: 1_000 },
      ).limits.requestQuota;
    expect(quotaOf({})).toMatchObject({
      counter: 'gphotos',
      timeZone: 'America/Los_Angeles',
      dailyBudget: 10_000,
    });
    expect(quotaOf({ dailyRequestBudget: '2500' })?.dailyBudget).toBe(2_500);
    expect(() => quotaOf({ dailyRequestBudget: '0' })).toThrow();
    // A single raw request up to the raw-upload bound; start + rest above it.
    const costs = quotaOf({})!.costs;
    expect(uploadRequestsOf(costs, 1_000, false)).toBe(1);
    expect(uploadRequestsOf(costs, 1_001, false)).toBe(2);
    // A resumed upload queries its offset first, whatever its size.
    expect(uploadRequestsOf(costs, 1_000, true)).toBe(2);
    // The reconciliation bound the settings give is the one the quota plan counts with.
    expect(quotaOf({ reconcileMaxPages: '7' })?.costs.reconcileMaxPages).toBe(7);
    expect(costs.reconcileMaxPages).toBe(200);
  });
});
