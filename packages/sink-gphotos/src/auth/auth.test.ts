import { lstat, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isQ2gError } from '@q2google/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGooglePhotosSink } from '../sink.js';
import {
  bytesOf,
  CLIENT,
  FAST_RETRY,
  type Harness,
  startHarness,
  uploadOf,
} from '../testing/harness.js';
import { createOAuthAuth } from './google-auth.js';
import { SCOPE_APPENDONLY } from './scopes.js';
import { readTokenFile, writeTokenFile } from './token-file.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const tempFile = async () =>
  join(await mkdtemp(join(tmpdir(), 'q2g-gphotos-')), 'google-token.json');

describe('token file', () => {
  it('is written with mode 0600 and read back', async () => {
    const file = await tempFile();
    await writeTokenFile(file, { refresh_token: '1//abc', scope: 'x' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readTokenFile(file)).toEqual({ refresh_token: '1//abc', scope: 'x' });
  });

  it('is refused when others can read it, or only warned about when asked', async () => {
    const file = await tempFile();
    await writeFile(file, JSON.stringify({ refresh_token: '1//abc' }), { mode: 0o644 });
    const error = await readTokenFile(file).catch((e: unknown) => e);
    expect(isQ2gError(error, 'CONFIG_INVALID')).toBe(true);
    const warnings: string[] = [];
    const tokens = await readTokenFile(file, { insecure: 'warn', warn: (m) => warnings.push(m) });
    expect(tokens?.refresh_token).toBe('1//abc');
    expect(warnings[0]).toContain('chmod 600');
  });

  it('is never written through a symlink planted at a temp name', async () => {
    const file = await tempFile();
    const victim = join(dirname(file), 'victim.txt');
    await writeFile(victim, 'precious\n');
    const now = 1_700_000_000_000;
    vi.spyOn(Date, 'now').mockReturnValue(now);
    try {
      await symlink(victim, `${file}.${process.pid}.${now}.tmp`);
      await symlink(victim, file);
      await writeTokenFile(file, { refresh_token: '1//abc' });
    } finally {
      vi.restoreAllMocks();
    }
    expect(await readFile(victim, 'utf8')).toBe('precious\n');
    expect((await lstat(file)).isFile()).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const left = (await readdir(dirname(file))).filter((name) => name.endsWith('.tmp'));
    expect(left).toEqual([`google-token.json.${process.pid}.${now}.tmp`]);
  });
});

describe('OAuth credentials', () => {
  it('refresh automatically and merge new access tokens into the file, keeping the refresh token', async () => {
    h = await startHarness();
    const file = await tempFile();
    await writeTokenFile(file, { refresh_token: h.refreshToken });
    const sink = createGooglePhotosSink({
      auth: { ...CLIENT, tokenFile: file, endpoints: h.emulator.endpoints },
      baseUrl: h.emulator.url,
      retry: FAST_RETRY,
    });
    await sink.upload(uploadOf('A.JPG', bytesOf(10)));
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(saved.refresh_token).toBe(h.refreshToken);
    expect(saved.access_token).toMatch(/^ya29\./);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('turn a revoked refresh token into GPHOTOS_AUTH_REQUIRED without showing the token', async () => {
    h = await startHarness();
    h.emulator.revokeRefreshTokens();
    const error = await h.sink.upload(uploadOf('A.JPG', bytesOf(10))).catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_AUTH_REQUIRED')).toBe(true);
    const text = `${(error as Error).message} ${(error as { hint: string }).hint} ${JSON.stringify(error)}`;
    expect(text).toContain('q2google auth google');
    expect(text).not.toContain(h.refreshToken);
    expect(text).not.toContain(CLIENT.clientSecret);
    expect((error as Error).cause).toBeUndefined();
  });

  it('turn an injected invalid_grant at the token endpoint into GPHOTOS_AUTH_REQUIRED', async () => {
    h = await startHarness();
    h.emulator.inject({ route: 'gphotos.token', kind: 'invalid-grant', times: 1 });
    const error = await h.sink.ensureAlbum('A').catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_AUTH_REQUIRED')).toBe(true);
  });

  it('report a grant without the needed scopes as GPHOTOS_SCOPE_MISSING before any API call', async () => {
    h = await startHarness({ scopes: [SCOPE_APPENDONLY] });
    const auth = await createOAuthAuth({
      ...CLIENT,
      tokens: { refresh_token: h.refreshToken },
      endpoints: h.emulator.endpoints,
    });
    await auth.headers();
    const sink = createGooglePhotosSink({ auth, baseUrl: h.emulator.url, retry: FAST_RETRY });
    const error = await sink.ensureAlbum('A').catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_SCOPE_MISSING')).toBe(true);
    expect(h.emulator.requestCounts()['gphotos.albums']).toBeUndefined();
  });

  it('report a 403 insufficient-scopes answer as GPHOTOS_SCOPE_MISSING, never retried', async () => {
    h = await startHarness({ scopes: [SCOPE_APPENDONLY] });
    const error = await h.sink.ensureAlbum('A').catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_SCOPE_MISSING')).toBe(true);
    expect(h.emulator.requestCounts()['gphotos.albums']).toBe(1);
  });

  it('verify() returns the granted scopes', async () => {
    h = await startHarness();
    const result = await h.sink.verify!();
    expect(result.scopes).toContain(SCOPE_APPENDONLY);
  });

  it('needs a saved authorisation', async () => {
    const error = await createOAuthAuth({ ...CLIENT, tokenFile: await tempFile() }).catch(
      (e: unknown) => e,
    );
    expect(isQ2gError(error, 'GPHOTOS_AUTH_REQUIRED')).toBe(true);
  });
});
