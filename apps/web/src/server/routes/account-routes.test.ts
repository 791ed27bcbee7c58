import { describe, expect, it } from 'vitest';
import { FAKE_SECRET } from '../testing/fake-connections.js';
import { createHarness, ORIGIN } from '../testing/harness.js';

describe('account routes', () => {
  it('shows which accounts are connected', async () => {
    const { get } = await (await createHarness()).login();
    expect(await (await get('/api/accounts')).json()).toEqual({
      google: { connected: true, oauthConfigured: true, method: 'oauth' },
      gopro: { connected: true, method: 'token', label: 'user-1' },
    });
  });

  it("starts Google's OAuth flow with this server's own callback", async () => {
    const harness = await createHarness();
    const { send } = await harness.login();
    const response = await send('POST', '/api/accounts/google/start');
    const { authUrl } = (await response.json()) as { authUrl: string };
    expect(new URL(authUrl).searchParams.get('redirect_uri')).toBe(
      `${ORIGIN}/oauth/google/callback`,
    );
  });

  it('finishes the OAuth flow on the callback without the cookie, bound to its state', async () => {
    const harness = await createHarness();
    harness.connections.google = false;
    // Started in a logged-in session: the start sets the (Lax) cookie that binds the state.
    const started = await (await harness.login()).send('POST', '/api/accounts/google/start');
    const binding = (started.headers.get('set-cookie') ?? '').split(';')[0]!;
    const ok = await harness.call('/oauth/google/callback?code=c1&state=s1', {
      headers: { cookie: binding },
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('url=/accounts');
    expect(harness.connections.google).toBe(true);
    const forged = await harness.call('/oauth/google/callback?code=c1&state=forged', {
      headers: { cookie: binding },
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('did not match');
  });

  it('checks a GoPro login and never echoes a secret in the refusal', async () => {
    const harness = await createHarness();
    harness.connections.gopro = false;
    const { send } = await harness.login();
    const refused = await send('POST', '/api/accounts/gopro/login', {
      email: 'me@example.com',
      password: 'wrong',
    });
    expect(refused.status).toBe(422);
    const text = await refused.text();
    expect(text).toContain('GOPRO_AUTH_FAILED');
    expect(text).not.toContain(FAKE_SECRET);
    const badBody = await send('POST', '/api/accounts/gopro/login', { email: 'not-an-email' });
    expect(badBody.status).toBe(400);
    const ok = await send('POST', '/api/accounts/gopro/login', {
      email: 'me@example.com',
      password: 'right',
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { gopro: { connected: boolean } }).gopro.connected).toBe(true);
  });

  it('checks a pasted GoPro token and does not send it back', async () => {
    const harness = await createHarness();
    harness.connections.gopro = false;
    const { send } = await harness.login();
    expect(
      (await send('POST', '/api/accounts/gopro/token', { accessToken: 'wrong-token' })).status,
    ).toBe(422);
    const ok = await send('POST', '/api/accounts/gopro/token', { accessToken: FAKE_SECRET });
    expect(ok.status).toBe(200);
    expect(await ok.text()).not.toContain(FAKE_SECRET);
  });

  it('verifies saved credentials and signs out', async () => {
    const harness = await createHarness();
    const { send } = await harness.login();
    expect(await (await send('POST', '/api/accounts/google/verify')).json()).toEqual({
      ok: true,
      label: 'google',
    });
    const out = await send('DELETE', '/api/accounts/google');
    expect(((await out.json()) as { google: { connected: boolean } }).google.connected).toBe(false);
    expect((await send('POST', '/api/accounts/google/verify')).status).toBe(422);
    expect((await send('DELETE', '/api/accounts/dropbox')).status).toBe(404);
  });
});
