import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQ2gError } from '../errors/q2g-error.js';
import { CONFIG_KEYS, configSecrets, envNameOf } from './config-schema.js';
import { parseDotenv } from './dotenv.js';
import { loadConfig } from './load-config.js';

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
  it('derives the documented environment variable names from the schema', () => {
    const names = CONFIG_KEYS.map(envNameOf);
    for (const fixed of [
      'Q2G_STATE_URI',
      'Q2G_GOPRO_TOKEN',
      'Q2G_GOPRO_USER_ID',
      'Q2G_GOPRO_API_URL',
      'Q2G_GOOGLE_CLIENT_ID',
      'Q2G_GOOGLE_CLIENT_SECRET',
      'Q2G_GOOGLE_TOKEN_FILE',
      'Q2G_GPHOTOS_API_URL',
      'Q2G_GOOGLE_OAUTH_TOKEN_URL',
      'Q2G_PLUGINS',
      'Q2G_CONCURRENCY',
    ]) {
      expect(names).toContain(fixed);
    }
  });

  it('uses defaults that point at the real services', async () => {
    const { config, origins } = loadConfig({ env: {}, cwd: await project(), homeDir: '/home/u' });
    expect(config.goproApiUrl).toBe('https://api.gopro.com');
    expect(config.gphotosApiUrl).toBe('https://photoslibrary.googleapis.com');
    expect(config.concurrency).toBe(4);
    expect(config.googleTokenFile).toBe('/home/u/.config/q2google/google-token.json');
    expect(origins.concurrency).toBe('default');
  });

  it('takes flags over variables over .env over defaults', async () => {
    const cwd = await project(
      'Q2G_CONCURRENCY=2\nQ2G_ALBUM="From .env"\nexport Q2G_PLUGINS=a, b\n',
    );
    const { config, origins } = loadConfig({
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
    const fromEnv = configError(() => loadConfig({ cwd, env: { Q2G_CONCURRENCY: 'lots' } }));
    expect(fromEnv.message).toBe(
      'Q2G_CONCURRENCY is invalid: expected a whole number from 1 to 32 (transfers at once); got "lots".',
    );
    const fromFlag = configError(() =>
      loadConfig({ cwd, dotenvPath: false, env: {}, flags: { goproApiUrl: 'ftp://x' } }),
    );
    expect(fromFlag.message).toContain('--gopro-api-url is invalid');
    const fromDotenv = configError(() => loadConfig({ cwd, env: {} }));
    expect(fromDotenv.message).toContain(
      `Q2G_RAW_PHOTOS in ${join(cwd, '.env')} is invalid: expected one of jpeg, raw, both`,
    );
  });

  it('never echoes a secret value in an error', async () => {
    const error = configError(() =>
      loadConfig({
        cwd: '/nonexistent',
        dotenvPath: false,
        env: {},
        flags: { googleClientSecret: '' },
      }),
    );
    expect(error.message).toContain('(hidden)');
    expect(configSecrets({ googleClientSecret: 'abc', goproToken: 't', album: 'x' })).toEqual([
      't',
      'abc',
    ]);
  });

  it('reports a malformed .env line', async () => {
    const cwd = await project('Q2G_ALBUM=ok\nthis is not a setting\n');
    const error = configError(() => loadConfig({ cwd, env: {} }));
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
