import { type GoProEmulator, startGoProEmulator } from '@q2google/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createGoProSource } from '../gopro-source.js';
import { instantRetry, listAll } from '../test-support.js';
import { createPastedTokenAuth } from './pasted-token-auth.js';

let emu: GoProEmulator;
afterEach(() => emu?.close());

describe('a pasted gp_access_token', () => {
  it('works until GoPro refuses it, then stops with GOPRO_AUTH_EXPIRED and a how-to hint', async () => {
    emu = await startGoProEmulator({ seed: 41, auth: { accessTokenTtlSeconds: 3600 } });
    const token = emu.issueAccessToken();
    const source = createGoProSource({
      auth: createPastedTokenAuth({ accessToken: `Bearer ${token}`, userId: emu.account.userId }),
      baseUrl: emu.apiUrl,
      retry: instantRetry(),
    });
    expect(await source.verify()).toEqual({ accountId: emu.account.userId });
    emu.advanceClock(3_601_000);
    const error = (await listAll(source).catch((e: unknown) => e)) as Error & { hint: string };
    expect(error).toMatchObject({ code: 'GOPRO_AUTH_EXPIRED' });
    expect(error.hint).toContain('gp_access_token');
    expect(`${error.message} ${error.hint} ${error.stack}`).not.toContain(token);
    expect(emu.requestCount('gopro.token')).toBe(0);
  });

  it('is accepted as the only cookie when the server insists on cookies', async () => {
    emu = await startGoProEmulator({
      seed: 41,
      auth: { requireCookie: true, rejectWrongOrigin: true },
    });
    const source = createGoProSource({
      auth: createPastedTokenAuth({ accessToken: emu.issueAccessToken() }),
      baseUrl: emu.apiUrl,
      origin: 'https://plus.gopro.com',
      retry: instantRetry(),
    });
    expect(await source.verify()).toEqual({ accountId: emu.account.userId });
  });

  it('refuses an empty token', () => {
    expect(() => createPastedTokenAuth({ accessToken: '  ' })).toThrow(/empty/);
  });
});
