import { isQ2gError } from '@q2google/core';
import { configSecrets, envNameOf, loadConfig } from '@q2google/core/config';
import { describe, expect, it } from 'vitest';
import { CONFIG_FLAG_OPTIONS } from '../args/config-flags.js';
import { CLI_SETTINGS } from './cli-settings.js';

const load = (flags: Record<string, unknown> = {}) =>
  loadConfig({
    settings: CLI_SETTINGS,
    flags,
    env: {},
    cwd: '/nonexistent-q2g',
    dotenvPath: false,
    homeDir: '/home/u',
  });

describe("the CLI's settings (core's, the GoPro source's, the Google Photos sink's)", () => {
  it('derives the documented environment variable names from the composed schema', () => {
    expect(CLI_SETTINGS.keys.map(envNameOf)).toEqual([
      'Q2G_STATE_URI',
      'Q2G_PLUGINS',
      'Q2G_CONCURRENCY',
      'Q2G_MAX_ATTEMPTS',
      'Q2G_ALBUM',
      'Q2G_MEDIA_TYPES',
      'Q2G_RAW_PHOTOS',
      'Q2G_GOPRO_TOKEN',
      'Q2G_GOPRO_USER_ID',
      'Q2G_GOPRO_EMAIL',
      'Q2G_GOPRO_PASSWORD',
      'Q2G_GOPRO_API_URL',
      'Q2G_GOPRO_TOKEN_FILE',
      'Q2G_GOPRO_CLIENT_ID',
      'Q2G_GOPRO_CLIENT_SECRET',
      'Q2G_FILE_NAME_TAG',
      'Q2G_GOOGLE_CLIENT_ID',
      'Q2G_GOOGLE_CLIENT_SECRET',
      'Q2G_GOOGLE_TOKEN_FILE',
      'Q2G_GPHOTOS_API_URL',
      'Q2G_GOOGLE_OAUTH_TOKEN_URL',
      'Q2G_GOOGLE_OAUTH_AUTH_URL',
      'Q2G_ALBUM_CAPACITY',
      'Q2G_RECONCILE_MAX_PAGES',
      'Q2G_DAILY_REQUEST_BUDGET',
      'Q2G_TRACE_HTTP',
    ]);
  });

  it('keeps every non-secret setting a flag and no secret one', () => {
    expect(Object.keys(CONFIG_FLAG_OPTIONS)).toContain('gopro-api-url');
    expect(Object.keys(CONFIG_FLAG_OPTIONS)).toContain('google-token-file');
    expect(Object.keys(CONFIG_FLAG_OPTIONS)).toContain('trace-http');
    for (const secret of ['gopro-token', 'gopro-password', 'gopro-client-secret']) {
      expect(Object.keys(CONFIG_FLAG_OPTIONS)).not.toContain(secret);
    }
    expect(Object.keys(CONFIG_FLAG_OPTIONS)).not.toContain('google-client-secret');
  });

  it("takes the album capacity (at most Google's 20,000) and the file-name tag switch", () => {
    expect([load().config.albumCapacity, load().config.fileNameTag]).toEqual([
      undefined,
      undefined,
    ]);
    const env = { Q2G_ALBUM_CAPACITY: '500', Q2G_FILE_NAME_TAG: 'true' };
    const { config } = loadConfig({
      settings: CLI_SETTINGS,
      flags: {},
      env,
      cwd: '/nonexistent-q2g',
      dotenvPath: false,
      homeDir: '/home/u',
    });
    expect([config.albumCapacity, config.fileNameTag]).toEqual([500, true]);
    expect(() => load({ albumCapacity: '20001' })).toThrow(/album-capacity/);
  });

  it('uses defaults that point at the real services', () => {
    const { config, origins } = load();
    expect(config.goproApiUrl).toBe('https://api.gopro.com');
    expect(config.gphotosApiUrl).toBe('https://photoslibrary.googleapis.com');
    expect(config.concurrency).toBe(4);
    expect(config.googleTokenFile).toBe('/home/u/.config/q2google/google-token.json');
    expect(config.goproTokenFile).toBe('/home/u/.config/q2google/gopro-token.json');
    expect(origins.concurrency).toBe('default');
  });

  it('names a bad plugin setting as the user wrote it, and hides secrets', () => {
    const error = (flags: Record<string, unknown>) => {
      try {
        load(flags);
      } catch (caught) {
        if (isQ2gError(caught, 'CONFIG_INVALID')) return caught.message;
      }
      throw new Error('expected CONFIG_INVALID');
    };
    expect(error({ goproApiUrl: 'ftp://x' })).toContain('--gopro-api-url is invalid');
    expect(error({ googleClientSecret: '' })).toContain('(hidden)');
    expect(
      configSecrets(CLI_SETTINGS, { googleClientSecret: 'abc', goproToken: 't', album: 'x' }),
    ).toEqual(['t', 'abc']);
  });
});
