import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isQ2gError } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import { createGoProTokenFile } from '../auth/token-file.js';
import { goproAuthFromSettings } from './gopro-from-settings.js';
import { GOPRO_SETTINGS, type GoProSettings } from './gopro-settings.js';

const CLIENT = { goproClientId: 'c'.repeat(64), goproClientSecret: 's'.repeat(64) };

async function settings(values: Partial<GoProSettings> = {}, saved?: { refreshToken?: string }) {
  const dir = await mkdtemp(join(tmpdir(), 'q2g-gopro-settings-'));
  const goproTokenFile = join(dir, 'gopro-token.json');
  if (saved) {
    await createGoProTokenFile(goproTokenFile).save({
      version: 1,
      accessToken: 'saved-access',
      userId: 'saved-user',
      ...saved,
    });
  }
  return GOPRO_SETTINGS.schema.parse({ goproTokenFile, ...values });
}

describe('GoPro credentials from the settings (the one login order)', () => {
  it('takes a token set in the settings first, over any saved login', async () => {
    const auth = await goproAuthFromSettings(
      await settings({ goproToken: 'pasted', goproUserId: 'u1', ...CLIENT }, { refreshToken: 'r' }),
    );
    expect(auth.canRenew).toBe(false);
    expect(await auth.current()).toEqual({ accessToken: 'pasted', userId: 'u1' });
  });

  it('uses the password login for a saved refresh token when the OAuth client is set', async () => {
    const auth = await goproAuthFromSettings(await settings(CLIENT, { refreshToken: 'r' }));
    expect(auth.canRenew).toBe(true);
    expect(await auth.current()).toEqual({ accessToken: 'saved-access', userId: 'saved-user' });
  });

  it("uses the settings' e-mail and password when nothing is saved", async () => {
    const values = { goproEmail: 'user@example.com', goproPassword: 'pw', ...CLIENT };
    const auth = await goproAuthFromSettings(await settings(values));
    expect(auth.canRenew).toBe(true);
    expect(auth.secrets()).toContain('pw');
  });

  it('uses a saved login as a pasted token without the OAuth client', async () => {
    const auth = await goproAuthFromSettings(await settings({}, { refreshToken: 'r' }));
    expect(auth.canRenew).toBe(false);
    expect(await auth.current()).toEqual({ accessToken: 'saved-access', userId: 'saved-user' });
  });

  it("fails with GOPRO_AUTH_FAILED and the app's hint when there is no login at all", async () => {
    const error = await goproAuthFromSettings(await settings(CLIENT), { loginHint: 'Log in.' })
      .then(() => undefined)
      .catch((caught: unknown) => caught);
    expect(isQ2gError(error, 'GOPRO_AUTH_FAILED')).toBe(true);
    expect((error as { hint?: string }).hint).toBe('Log in.');
  });

  it('declares the documented variables, with the secrets marked', () => {
    expect(GOPRO_SETTINGS.keys.filter((key) => GOPRO_SETTINGS.fields[key].secret)).toEqual([
      'goproToken',
      'goproPassword',
      'goproClientSecret',
    ]);
    expect(GOPRO_SETTINGS.fields.goproTokenFile.file).toBe('gopro-token.json');
  });
});
