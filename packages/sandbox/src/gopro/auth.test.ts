import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GoProEmulator, startGoProEmulator } from './emulator.js';

let emu: GoProEmulator;

async function grant(fields: Record<string, string>) {
  const body = new URLSearchParams({
    client_id: emu.account.clientId,
    client_secret: emu.account.clientSecret,
    ...fields,
  });
  const res = await fetch(`${emu.apiUrl}/v1/oauth2/token`, { method: 'POST', body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const login = () =>
  grant({ grant_type: 'password', username: emu.account.email, password: emu.account.password });

const user = (headers: Record<string, string>) =>
  fetch(`${emu.apiUrl}/media/user`, { headers }).then((r) => r.status);

beforeAll(async () => {
  emu = await startGoProEmulator({ seed: 5 });
});
afterAll(() => emu.close());

describe('emulated authentication', () => {
  it('logs in with a password and mints opaque five-segment tokens', async () => {
    const { status, body } = await login();
    expect(status).toBe(200);
    expect(String(body.access_token).split('.')).toHaveLength(5);
    expect(body.resource_owner_id).toBe(emu.account.userId);
    expect(body.expires_in).toBe(86_400);
    expect(typeof body.refresh_token).toBe('string');
  });

  it('accepts Bearer, the gp_access_token cookie, and nothing else on /media/user', async () => {
    const token = emu.issueAccessToken();
    expect(await user({ authorization: `Bearer ${token}` })).toBe(200);
    expect(await user({ cookie: `gp_access_token=${token}` })).toBe(200);
    expect(await user({})).toBe(401);
    const query = await fetch(`${emu.apiUrl}/media/user?access_token=${token}`);
    expect(query.status).toBe(401);
  });

  it('expires tokens with the clock and revokes them at run time', async () => {
    const short = emu.issueAccessToken(60);
    const long = emu.issueAccessToken();
    emu.advanceClock(61_000);
    expect(await user({ authorization: `Bearer ${short}` })).toBe(401);
    expect(await user({ authorization: `Bearer ${long}` })).toBe(200);
    emu.revokeTokens(long);
    expect(await user({ authorization: `Bearer ${long}` })).toBe(401);
  });

  it('has strict modes: cookie required, user id must match, wrong Origin gives 500', async () => {
    const token = emu.issueAccessToken();
    emu.configure({ auth: { requireCookie: true, requireUserIdCookie: true } });
    expect(await user({ authorization: `Bearer ${token}` })).toBe(401);
    expect(await user({ cookie: `gp_access_token=${token}; gp_user_id=someone-else` })).toBe(401);
    const both = `gp_access_token=${token}; gp_user_id=${emu.account.userId}`;
    expect(await user({ cookie: both })).toBe(200);
    emu.configure({
      auth: { requireCookie: false, requireUserIdCookie: false, rejectWrongOrigin: true },
    });
    expect(await user({ authorization: `Bearer ${token}`, origin: 'https://evil.example' })).toBe(
      500,
    );
    expect(await user({ authorization: `Bearer ${token}`, origin: 'https://plus.gopro.com' })).toBe(
      200,
    );
    emu.configure({ auth: { rejectWrongOrigin: false } });
  });

  it('refreshes, optionally without a new refresh token, and blacklists revoked ones', async () => {
    const first = await login();
    const refreshed = await grant({
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);
    emu.configure({ auth: { refreshOmitsRefreshToken: true } });
    const again = await grant({
      grant_type: 'refresh_token',
      refresh_token: String(refreshed.body.refresh_token),
    });
    expect(again.body.refresh_token).toBeUndefined();
    emu.configure({ auth: { refreshOmitsRefreshToken: false } });
    emu.blacklistRefreshTokens();
    const denied = await grant({
      grant_type: 'refresh_token',
      refresh_token: String(refreshed.body.refresh_token),
    });
    expect([denied.status, denied.body.error]).toEqual([400, 'token_blacklisted']);
  });

  it('reports invalid_client, bad passwords and required two-factor codes', async () => {
    const wrongClient = await grant({ grant_type: 'password', client_id: 'x' });
    expect([wrongClient.status, wrongClient.body.error]).toEqual([401, 'invalid_client']);
    const bad = await grant({ grant_type: 'password', username: 'a', password: 'b' });
    expect(bad.body.error).toBe('invalid_grant');
    emu.configure({ auth: { twoFactor: true } });
    const twoFactor = await login();
    expect(String(twoFactor.body.error)).toContain('two_factor');
    const withCode = await grant({
      grant_type: 'password',
      username: emu.account.email,
      password: emu.account.password,
      two_factor_code: '123456',
    });
    expect(withCode.status).toBe(200);
    emu.configure({ auth: { twoFactor: false } });
  });
});
