import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GoProEmulator, startGoProEmulator } from '@q2google/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createGoProSource } from '../gopro-source.js';
import { instantRetry, listAll } from '../test-support.js';
import { createPasswordAuth, type PasswordAuthOptions } from './password-auth.js';
import { createGoProTokenFile } from './token-file.js';

let emu: GoProEmulator;
afterEach(() => emu?.close());

async function start(
  emulator: Parameters<typeof startGoProEmulator>[0] = {},
  auth: Partial<PasswordAuthOptions> = {},
) {
  emu = await startGoProEmulator({ seed: 31, ...emulator });
  const options: PasswordAuthOptions = {
    clientId: emu.account.clientId,
    clientSecret: emu.account.clientSecret,
    email: emu.account.email,
    password: emu.account.password,
    baseUrl: emu.apiUrl,
    now: () => emu.now(),
    retry: instantRetry(),
    ...auth,
  };
  const source = createGoProSource({
    auth: createPasswordAuth(options),
    baseUrl: emu.apiUrl,
    retry: instantRetry(),
  });
  return { source, options };
}

describe('email + password authentication', () => {
  it('logs in once and sends Bearer plus both cookies (strict server modes pass)', async () => {
    const { source } = await start({ auth: { requireCookie: true, requireUserIdCookie: true } });
    expect(await source.verify()).toEqual({ accountId: emu.account.userId });
    await listAll(source);
    expect(emu.requestCount('gopro.token')).toBe(1);
  });

  it('renews the access token shortly before it expires, without a 401', async () => {
    const { source } = await start({ auth: { accessTokenTtlSeconds: 600 } });
    await source.verify();
    emu.advanceClock(550_000); // inside the last tenth of the lifetime
    await source.verify();
    expect(emu.requestCount('gopro.token')).toBe(2);
    emu.advanceClock(100_000); // the old token would now be expired
    await source.verify();
    expect(emu.requestCount('gopro.token')).toBe(2);
  });

  it('renews after a 401 when the token is revoked mid-run', async () => {
    const { source } = await start();
    await source.verify();
    emu.revokeTokens();
    const { units } = await listAll(source);
    expect(units.length).toBeGreaterThan(10);
    expect(emu.requestCount('gopro.token')).toBe(2);
  });

  it('keeps the old refresh token when a refresh answers without one, and saves tokens 0600', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'q2g-gopro-'));
    const path = join(dir, 'gopro-token.json');
    const store = createGoProTokenFile(path);
    const { source } = await start({ auth: { refreshOmitsRefreshToken: true } }, { store });
    await source.verify();
    const first = await store.load();
    emu.revokeTokens();
    await source.verify();
    const second = await store.load();
    expect(second?.refreshToken).toBe(first?.refreshToken);
    expect(second?.accessToken).not.toBe(first?.accessToken);
    expect(second?.userId).toBe(emu.account.userId);
    const { stat } = await import('node:fs/promises');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toContain('"version": 1');
  });

  it('falls back to the password when the refresh token is blacklisted', async () => {
    const { source } = await start();
    await source.verify();
    emu.blacklistRefreshTokens();
    emu.revokeTokens();
    await source.verify();
    expect(emu.requestCount('gopro.token')).toBe(3); // login, refused refresh, login
  });

  it('reads the saved login once for calls made at once (no login, no renewal)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'q2g-gopro-'));
    const store = createGoProTokenFile(join(dir, 't.json'));
    const first = await start({}, { store });
    await first.source.verify();
    const saved = createPasswordAuth({
      ...first.options,
      email: undefined,
      password: undefined,
      store,
    });
    const all = await Promise.all(Array.from({ length: 8 }, () => saved.current()));
    expect(new Set(all.map((c) => c.accessToken)).size).toBe(1);
    expect(emu.requestCount('gopro.token')).toBe(1);
  });

  it('stops with GOPRO_AUTH_EXPIRED when only a blacklisted refresh token is left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'q2g-gopro-'));
    const store = createGoProTokenFile(join(dir, 't.json'));
    const first = await start({}, { store });
    await first.source.verify();
    const resumed = createGoProSource({
      auth: createPasswordAuth({ ...first.options, email: undefined, password: undefined, store }),
      baseUrl: emu.apiUrl,
      retry: instantRetry(),
    });
    emu.blacklistRefreshTokens();
    emu.revokeTokens();
    const error = await resumed.verify().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GOPRO_AUTH_EXPIRED' });
  });

  it('reports invalid_client, a wrong password and a two-factor account as GOPRO_AUTH_FAILED', async () => {
    const { source: wrongClient } = await start({}, { clientSecret: 'f'.repeat(64) });
    await expect(wrongClient.verify()).rejects.toMatchObject({ code: 'GOPRO_AUTH_FAILED' });
    await emu.close();
    const { source: wrongPassword } = await start({}, { password: 'not-it' });
    const error = (await wrongPassword.verify().catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'GOPRO_AUTH_FAILED' });
    expect(error.message).not.toContain('not-it');
    await emu.close();
    const { source: twoFactor } = await start({ auth: { twoFactor: true } });
    await expect(twoFactor.verify()).rejects.toMatchObject({
      code: 'GOPRO_AUTH_FAILED',
      message: expect.stringContaining('two-factor'),
    });
    await emu.close();
    const { source: withCode } = await start(
      { auth: { twoFactor: true } },
      { twoFactorCode: '123456' },
    );
    expect(await withCode.verify()).toEqual({ accountId: emu.account.userId });
  });

  it('recovers from an injected 401 and retries a token endpoint 503', async () => {
    const { source } = await start({
      faults: [
        { route: 'gopro.token', kind: 'http-503', times: 1 },
        { route: 'gopro.search', kind: 'http-401', times: 1 },
      ],
    });
    const { units } = await listAll(source);
    expect(units.length).toBeGreaterThan(10);
    expect(emu.requestCount('gopro.token')).toBe(3);
  });
});
