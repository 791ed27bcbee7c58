import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isQ2gError } from '../errors/q2g-error.js';
import { CORE_SETTINGS } from './config-schema.js';
import { parseDotenv } from './dotenv.js';
import { type ConfigSources, loadConfig } from './load-config.js';
import {
  composeSettings,
  configSecrets,
  defineSettings,
  envNameOf,
  httpUrlSetting,
} from './settings.js';

/** A plugin's settings as a plugin declares them: a URL with a default, a secret, a file. */
const PLUGIN_SETTINGS = defineSettings(
  {
    vendorToken: z.string().min(1).optional(),
    vendorApiUrl: httpUrlSetting().default('https://api.vendor.example'),
    vendorClientSecret: z.string().min(1).optional(),
    vendorTokenFile: z.string().min(1),
  },
  {
    vendorToken: { allowed: 'a token', secret: true },
    vendorApiUrl: { allowed: 'an http(s) URL' },
    vendorClientSecret: { allowed: 'a client secret', secret: true },
    vendorTokenFile: { allowed: 'a file path', file: 'vendor-token.json' },
  },
);
const SETTINGS = composeSettings(CORE_SETTINGS, PLUGIN_SETTINGS);
const load = (sources: ConfigSources) => loadConfig({ settings: SETTINGS, ...sources });

const project = async (dotenv?: string) => {
  const dir = await mkdtemp(join(tmpdir(), 'q2g-config-'));
  if (dotenv !== undefined) await writeFile(join(dir, '.env'), dotenv);
  return dir;
};

function configError(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isQ2gError(error, 'CONFIG_INVALID')) return error;
    throw error;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('configuration', () => {
  it("derives the environment variable names from the composed schema, in the parts' order", () => {
    expect(SETTINGS.keys.map(envNameOf)).toEqual([
      'Q2G_STATE_URI',
      'Q2G_PLUGINS',
      'Q2G_CONCURRENCY',
      'Q2G_MAX_ATTEMPTS',
      'Q2G_ALBUM',
      'Q2G_MEDIA_TYPES',
      'Q2G_RAW_PHOTOS',
      'Q2G_VENDOR_TOKEN',
      'Q2G_VENDOR_API_URL',
      'Q2G_VENDOR_CLIENT_SECRET',
      'Q2G_VENDOR_TOKEN_FILE',
    ]);
  });

  it('uses the defaults of every part, file settings under ~/.config/q2google', async () => {
    const { config, origins } = load({ env: {}, cwd: await project(), homeDir: '/home/u' });
    expect(config.vendorApiUrl).toBe('https://api.vendor.example');
    expect(config.concurrency).toBe(4);
    expect(config.vendorTokenFile).toBe('/home/u/.config/q2google/vendor-token.json');
    expect(origins.concurrency).toBe('default');
  });

  it('resolves a given file setting against the project folder', async () => {
    const cwd = await project();
    const { config } = load({ env: { Q2G_VENDOR_TOKEN_FILE: 'tokens/v.json' }, cwd });
    expect(config.vendorTokenFile).toBe(join(cwd, 'tokens/v.json'));
  });

  it('takes flags over variables over .env over defaults', async () => {
    const cwd = await project(
      'Q2G_CONCURRENCY=2\nQ2G_ALBUM="From .env"\nexport Q2G_PLUGINS=a, b\n',
    );
    const { config, origins } = load({
      cwd,
      env: { Q2G_CONCURRENCY: '3', Q2G_STATE_URI: 'postgres://h/db' },
      flags: { concurrency: 6 },
    });
    expect([config.concurrency, origins.concurrency]).toEqual([6, 'flag']);
    expect([config.stateUri, origins.stateUri]).toEqual(['postgres://h/db', 'env']);
    expect([config.album, origins.album]).toEqual(['From .env', 'dotenv']);
    expect(config.plugins).toEqual(['a', 'b']);
  });

  it('names the bad setting as the user wrote it and what it allows', async () => {
    const cwd = await project('Q2G_RAW_PHOTOS=tiff\n');
    const fromEnv = configError(() => load({ cwd, env: { Q2G_CONCURRENCY: 'lots' } }));
    expect(fromEnv.message).toBe(
      'Q2G_CONCURRENCY is invalid: expected a whole number from 1 to 32 (transfers at once); got "lots".',
    );
    const fromFlag = configError(() =>
      load({ cwd, dotenvPath: false, env: {}, flags: { vendorApiUrl: 'ftp://x' } }),
    );
    expect(fromFlag.message).toContain('--vendor-api-url is invalid');
    const fromDotenv = configError(() => load({ cwd, env: {} }));
    expect(fromDotenv.message).toContain(
      `Q2G_RAW_PHOTOS in ${join(cwd, '.env')} is invalid: expected one of jpeg, raw, both`,
    );
  });

  it('never echoes a secret value in an error', async () => {
    const error = configError(() =>
      load({
        cwd: '/nonexistent',
        dotenvPath: false,
        env: {},
        flags: { vendorClientSecret: '' },
      }),
    );
    expect(error.message).toContain('(hidden)');
    expect(
      configSecrets(SETTINGS, { vendorClientSecret: 'abc', vendorToken: 't', album: 'x' }),
    ).toEqual(['t', 'abc']);
  });

  it('reports a malformed .env line', async () => {
    const cwd = await project('Q2G_ALBUM=ok\nthis is not a setting\n');
    const error = configError(() => load({ cwd, env: {} }));
    expect(error.message).toBe(`${join(cwd, '.env')} line 2 is not KEY=value.`);
  });
});

describe('.env parsing', () => {
  it('reads quotes, escapes, comments and export', () => {
    const { values, badLines } = parseDotenv(
      `# comment\nA=1 # trailing\nexport B='x # y'\nC="line\\nnext"\n\nnot a line\n`,
    );
    expect(values).toEqual({ A: '1', B: 'x # y', C: 'line\nnext' });
    expect(badLines).toEqual([6]);
  });
});
