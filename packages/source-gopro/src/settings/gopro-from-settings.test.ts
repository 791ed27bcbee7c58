import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isQ2gError } from '@q2google/core';
import { startGoProEmulator } from '@q2google/sandbox';
import { describe, expect, it } from 'vitest';
import { createGoProTokenFile } from '../auth/token-file.js';
import { instantRetry, listAll } from '../test-support.js';
import { createGoProSourceFromSettings, goproAuthFromSettings } from './gopro-from-settings.js';
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

describe('the file-name tag setting', () => {
  it('Q2G_FILE_NAME_TAG=true tags camera names; unset keeps them', async () => {
    const emu = await startGoProEmulator({ seed: 2 });
    try {
      const names = async (values: Record<string, unknown>) => {
        const source = await createGoProSourceFromSettings(
          await settings({
            goproToken: emu.issueAccessToken(),
            goproUserId: emu.account.userId,
            goproApiUrl: emu.apiUrl,
            ...values,
          }),
          { retry: instantRetry() },
        );
        const { units } = await listAll(source);
        return units.find((u) => u.mediaId === emu.library.fixtureId('same-name-a'))!.fileName;
      };
      expect(await names({})).toBe('GOPR0001.JPG');
      expect(await names({ fileNameTag: 'true' })).toMatch(/^GOPR0001_[0-9a-f]{8}\.JPG$/);
    } finally {
      await emu.close();
    }
  });
});
