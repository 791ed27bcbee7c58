import { isQ2gError } from '@q2google/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT, type Harness, startHarness } from '../testing/harness.js';
import { createOAuthAuth } from './google-auth.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const tokenCalls = () => h!.emulator.requestCounts()['gphotos.token'] ?? 0;

async function authWith(tokens: Record<string, unknown>) {
  h ??= await startHarness();
  const saved: Record<string, unknown>[] = [];
  const auth = await createOAuthAuth({
    ...CLIENT,
    tokens: { refresh_token: h.refreshToken, ...tokens },
    endpoints: h.emulator.endpoints,
    onTokens: (t) => {
      saved.push(t);
    },
  });
  return { auth, saved };
}

describe('the access-token refresh', () => {
  it('uses a saved access token that is still valid, without calling the token endpoint', async () => {
    const { auth } = await authWith({
      access_token: 'ya29.saved',
      expiry_date: Date.now() + 30 * 60_000,
    });
    expect(await auth.headers()).toEqual({ authorization: 'Bearer ya29.saved' });
    expect(tokenCalls()).toBe(0);
  });

  it('refreshes a token about to expire once for many concurrent requests, and saves it', async () => {
    const { auth, saved } = await authWith({
      access_token: 'ya29.old',
      expiry_date: Date.now() + 60_000,
    });
    const all = await Promise.all([auth.headers(), auth.headers(), auth.headers()]);
    expect(tokenCalls()).toBe(1);
    expect(new Set(all.map((x) => x.authorization)).size).toBe(1);
    expect(all[0]!.authorization).toMatch(/^Bearer ya29\./);
    expect(all[0]!.authorization).not.toBe('Bearer ya29.old');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ refresh_token: h!.refreshToken });
    expect(saved[0]!.expiry_date).toBeGreaterThan(Date.now());
    expect(auth.grantedScopes()?.length).toBeGreaterThan(0);
  });

  it('forces a new token on refresh() even while the saved one is valid', async () => {
    const { auth } = await authWith({
      access_token: 'ya29.saved',
      expiry_date: Date.now() + 30 * 60_000,
    });
    await auth.refresh();
    expect(tokenCalls()).toBe(1);
    expect((await auth.headers()).authorization).not.toBe('Bearer ya29.saved');
  });

  it('reports a failing token endpoint as a retryable GPHOTOS_NETWORK error, then recovers', async () => {
    h = await startHarness();
    h.emulator.inject({ route: 'gphotos.token', kind: 'http-503', times: 1 });
    const { auth } = await authWith({});
    const error = await auth.headers().catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_NETWORK')).toBe(true);
    expect((error as { retryable: boolean }).retryable).toBe(true);
    expect((await auth.headers()).authorization).toMatch(/^Bearer ya29\./);
  });

  it('reports an unreachable token endpoint as GPHOTOS_NETWORK without the secrets', async () => {
    const auth = await createOAuthAuth({
      ...CLIENT,
      tokens: { refresh_token: '1//secret-refresh' },
      endpoints: { oauth2TokenUrl: 'http://127.0.0.1:9/token' },
    });
    const error = await auth.headers().catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_NETWORK')).toBe(true);
    expect(JSON.stringify(error) + String(error)).not.toContain('secret-refresh');
    expect(JSON.stringify(error) + String(error)).not.toContain(CLIENT.clientSecret);
  });
});
