import { describe, expect, it } from 'vitest';
import { createHarness, LAUNCH_TOKEN, ORIGIN } from '../testing/harness.js';

describe('access to the dashboard', () => {
  it('exchanges the one-time token for an HttpOnly SameSite=Strict cookie and a clean URL', async () => {
    const { login } = await createHarness();
    const { exchanged, cookie, key } = await login();
    expect(exchanged.status).toBe(303);
    // The path is `/`; the fragment hands the page its key (the page removes it at once).
    expect(exchanged.headers.get('location')).toBe(`/#key=${key}`);
    const setCookie = exchanged.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^q2g_session=[\w-]{40,};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain(LAUNCH_TOKEN);
  });

  it('refuses the one-time token a second time', async () => {
    const { call, login } = await createHarness();
    await login();
    const again = await call(`/auth?token=${LAUNCH_TOKEN}`);
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('already used');
  });

  it('refuses a wrong or missing one-time token', async () => {
    const { call } = await createHarness();
    for (const path of ['/auth?token=guess', '/auth']) {
      const response = await call(path);
      expect(response.status).toBe(403);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    // The right token still works after wrong guesses.
    expect((await call(`/auth?token=${LAUNCH_TOKEN}`)).status).toBe(303);
  });

  it('refuses API calls and pages without the session cookie', async () => {
    const { call } = await createHarness();
    const api = await call('/api/sessions');
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Open the URL the server printed at launch.' },
    });
    const page = await call('/', { headers: { cookie: 'q2g_session=made-up' } });
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Access token needed');
    const stream = await call('/api/stream');
    expect(stream.status).toBe(401);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const { app, login } = await createHarness();
    const { cookie, key } = await login();
    const response = await app.request('http://evil.example:4173/api/sessions', {
      headers: { cookie, 'x-q2g-key': key },
    });
    expect(response.status).toBe(421);
  });

  it('refuses a cross-origin POST even with the cookie and the CSRF token', async () => {
    const { login } = await createHarness();
    const { send } = await login();
    const foreign = await send(
      'POST',
      '/api/sessions/x/cancel',
      {},
      { origin: 'http://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('CROSS_ORIGIN');
    const crossSite = await send(
      'POST',
      '/api/sessions/x/cancel',
      {},
      {
        'sec-fetch-site': 'cross-site',
      },
    );
    expect(crossSite.status).toBe(403);
  });

  it('refuses a write that says nothing about its origin', async () => {
    const { call, login } = await createHarness();
    const { cookie, key, csrfToken } = await login();
    const response = await call('/api/accounts/gopro', {
      method: 'DELETE',
      headers: { cookie, 'x-q2g-key': key, 'x-csrf-token': csrfToken },
    });
    expect(response.status).toBe(403);
  });

  it('refuses a write without the CSRF header, or with a wrong one', async () => {
    const { call, login, connections } = await createHarness();
    const { cookie, key } = await login();
    const base = { cookie, 'x-q2g-key': key, origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
    const missing = await call('/api/accounts/gopro', { method: 'DELETE', headers: base });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('CSRF');
    const wrong = await call('/api/accounts/gopro', {
      method: 'DELETE',
      headers: { ...base, 'x-csrf-token': 'nope' },
    });
    expect(wrong.status).toBe(403);
    expect(connections.gopro).toBe(true);
  });

  it('sends strict security headers', async () => {
    const { login } = await createHarness();
    const { get } = await login();
    const response = await get('/api/me');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
