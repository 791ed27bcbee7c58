import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isQ2gError } from '@q2google/core';
import { type GoProEmulator, goproSandboxSettings, startGoProEmulator } from '@q2google/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_SETTINGS } from '../wiring/web-config.js';
import { GoProConnection } from './gopro-connection.js';

let gopro: GoProEmulator;
beforeAll(async () => {
  gopro = await startGoProEmulator({ library: { fixtures: false } });
});
afterAll(() => gopro.close());

/** A connection whose settings point at the emulator but hold no login of their own. */
async function dashboardGoPro() {
  const dir = await mkdtemp(join(tmpdir(), 'q2g-web-gopro-'));
  const tokenFile = join(dir, 'gopro-token.json');
  const config = WEB_SETTINGS.schema.parse({
    ...goproSandboxSettings(gopro, { tokenFile }),
    goproEmail: undefined,
    goproPassword: undefined,
    googleTokenFile: join(dir, 'google-token.json'),
  });
  return { connection: new GoProConnection(config), tokenFile };
}

async function failure(run: Promise<unknown>) {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isQ2gError(error)) throw new Error(`expected a Q2gError, got ${String(error)}`);
  return error;
}

describe('GoPro e-mail + password login on the dashboard', () => {
  it('saves the login once GoPro accepted it, and connects the account', async () => {
    const { connection, tokenFile } = await dashboardGoPro();
    await connection.login({ email: gopro.account.email, password: gopro.account.password });
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    expect(await connection.status()).toEqual({
      connected: true,
      method: 'password',
      label: gopro.account.userId,
    });
    expect(connection.secrets()).toContain(gopro.account.password);
  });

  it('reports a wrong password as a failure and saves nothing', async () => {
    const { connection, tokenFile } = await dashboardGoPro();
    const error = await failure(
      connection.login({ email: gopro.account.email, password: 'wrong-password' }),
    );
    expect(error.code).toMatch(/^GOPRO_AUTH_/);
    await expect(stat(tokenFile)).rejects.toThrow();
    expect(await connection.status()).toEqual({ connected: false });
  });

  it('checks the credentials entered, not the login saved before, and keeps that one', async () => {
    const { connection, tokenFile } = await dashboardGoPro();
    await connection.login({ email: gopro.account.email, password: gopro.account.password });
    const saved = await readFile(tokenFile, 'utf8');
    const error = await failure(
      connection.login({ email: gopro.account.email, password: 'wrong-password' }),
    );
    expect(error.code).toMatch(/^GOPRO_AUTH_/);
    expect(await readFile(tokenFile, 'utf8')).toBe(saved);
  });
});
