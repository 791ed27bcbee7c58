/**
 * Cookies are not isolated by port: any page on 127.0.0.1 receives the session cookie. So the
 * cookie alone opens nothing; every API request and the event stream also need the page key,
 * which only the dashboard's own page holds (sessionStorage, sent in a header). Idle sessions
 * expire, and Google's OAuth `state` only completes in the browser session that started it.
 */
import { describe, expect, it } from 'vitest';
import { createHarness, LAUNCH_TOKEN, ORIGIN } from '../testing/harness.js';
import { AccessGate, PAGE_KEY_HEADER } from './access-gate.js';

const code = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe('the page key', () => {
  it('is handed to the page in the redirect fragment, never in a cookie', async () => {
    const { login } = await createHarness();
    const { exchanged, key, cookie } = await login();
    expect(exchanged.headers.get('location')).toMatch(/^\/#key=[\w-]{40,}$/);
    expect(cookie).not.toContain(key);
    expect(exchanged.headers.get('set-cookie')).not.toContain(key);
  });

  it('is needed with the cookie on every API request and the stream', async () => {
    const { call, login } = await createHarness();
    const { cookie, key } = await login();
    for (const path of ['/api/me', '/api/sessions', '/api/accounts', '/api/stream']) {
      const cookieOnly = await call(path, { headers: { cookie } });
      expect(cookieOnly.status, path).toBe(401);
      expect(await code(cookieOnly)).toBe('UNAUTHENTICATED');
      const wrongKey = await call(path, { headers: { cookie, [PAGE_KEY_HEADER]: `${key}x` } });
      expect(wrongKey.status, path).toBe(401);
      const keyOnly = await call(path, { headers: { [PAGE_KEY_HEADER]: key } });
      expect(keyOnly.status, path).toBe(401);
    }
    const me = await call('/api/me', { headers: { cookie, [PAGE_KEY_HEADER]: key } });
    expect(me.status).toBe(200);
  });

  it('keeps another port from writing with the cookie and what /api/me would tell it', async () => {
    const { call, login, connections } = await createHarness();
    const { cookie, csrfToken } = await login();
    const write = await call('/api/accounts/gopro', {
      method: 'DELETE',
      headers: {
        cookie,
        origin: ORIGIN,
        'sec-fetch-site': 'same-origin',
        'x-csrf-token': csrfToken,
      },
    });
    expect(write.status).toBe(401);
    expect(connections.gopro).toBe(true);
  });

  it('opens the event stream through fetch with the key in a header', async () => {
    const { get } = await (await createHarness()).login();
    const stream = await get('/api/stream');
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: snapshot');
    await reader.cancel();
  });
});

describe('idle sessions', () => {
  it('expire after the idle limit, and activity keeps them alive', async () => {
    let now = 1_000_000;
    const gate = new AccessGate({ accessToken: LAUNCH_TOKEN, idleMs: 60_000, now: () => now });
    const { call, login } = await createHarness({ gate });
    const { cookie, get } = await login();
    now += 50_000;
    expect((await get('/api/me')).status).toBe(200);
    now += 50_000;
    expect((await get('/api/me')).status).toBe(200);
    now += 50_000;
    // The cookie alone (another port's page) does not keep the session alive.
    expect((await call('/api/me', { headers: { cookie } })).status).toBe(401);
    now += 10_001;
    const expired = await get('/api/me');
    expect(expired.status).toBe(401);
    now -= 60_001;
    expect((await get('/api/me')).status).toBe(401);
  });
});

describe("Google's OAuth state", () => {
  /** Starts the flow in a logged-in session: the state and the binding cookie it set. */
  async function started() {
    const harness = await createHarness();
    harness.connections.google = false;
    const session = await harness.login();
    const response = await session.send('POST', '/api/accounts/google/start');
    const { authUrl } = (await response.json()) as { authUrl: string };
    const state = new URL(authUrl).searchParams.get('state')!;
    const setCookie = response.headers.get('set-cookie') ?? '';
    return { harness, session, state, setCookie, binding: setCookie.split(';')[0]! };
  }

  it('sets a short-lived HttpOnly SameSite=Lax cookie scoped to the callback', async () => {
    const { setCookie } = await started();
    expect(setCookie).toMatch(/^q2g_oauth=[\w-]{20,};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/oauth/google/callback');
    expect(setCookie).toMatch(/Max-Age=\d+/);
  });

  it('completes only in the browser that started it', async () => {
    const { harness, state, binding } = await started();
    const stranger = await harness.call(`/oauth/google/callback?code=c1&state=${state}`);
    expect(stranger.status).toBe(400);
    const forgedCookie = await harness.call(`/oauth/google/callback?code=c1&state=${state}`, {
      headers: { cookie: 'q2g_oauth=forged-binding-value-0000000' },
    });
    expect(forgedCookie.status).toBe(400);
    expect(harness.connections.google).toBe(false);
    const ok = await harness.call(`/oauth/google/callback?code=c1&state=${state}`, {
      headers: { cookie: binding },
    });
    expect(ok.status).toBe(200);
    expect(harness.connections.google).toBe(true);
    harness.connections.google = false;
    const replay = await harness.call(`/oauth/google/callback?code=c1&state=${state}`, {
      headers: { cookie: binding },
    });
    expect(replay.status).toBe(400);
    expect(harness.connections.google).toBe(false);
  });
});
