import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isQ2gError } from '@q2google/core';
import { type GooglePhotosEmulator, startGooglePhotosEmulator } from '@q2google/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT } from '../testing/harness.js';
import { runLoopbackAuthorization } from './loopback.js';
import { REQUIRED_SCOPES, SCOPE_APPENDONLY } from './scopes.js';
import { readTokenFile } from './token-file.js';

let emulator: GooglePhotosEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A "browser" that follows the consent redirect back to the loopback listener. */
const browser = async (url: string) => {
  await fetch(url);
};

describe('runLoopbackAuthorization', () => {
  it('runs the PKCE loopback flow and saves the refresh token to a 0600 file', async () => {
    emulator = await startGooglePhotosEmulator(CLIENT);
    const file = join(await mkdtemp(join(tmpdir(), 'q2g-auth-')), 'token.json');
    const printed: string[] = [];
    const result = await runLoopbackAuthorization({
      ...CLIENT,
      endpoints: emulator.endpoints,
      openBrowser: browser,
      print: (line) => printed.push(line),
      tokenFile: file,
    });
    const url = new URL(result.authUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(url.searchParams.get('scope')?.split(' ')).toEqual([...REQUIRED_SCOPES]);
    expect(printed.join('\n')).toContain(result.authUrl);
    expect(result.grantedScopes).toEqual([...REQUIRED_SCOPES]);
    expect((await readTokenFile(file))?.refresh_token).toBe(result.tokens.refresh_token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses a grant where the user unticked a scope', async () => {
    emulator = await startGooglePhotosEmulator({ grantedScopes: [SCOPE_APPENDONLY] });
    const error = await runLoopbackAuthorization({
      ...CLIENT,
      endpoints: emulator.endpoints,
      openBrowser: browser,
      print: () => {},
    }).catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_SCOPE_MISSING')).toBe(true);
  });

  it('reports a denied consent', async () => {
    emulator = await startGooglePhotosEmulator({ consent: 'deny' });
    const error = await runLoopbackAuthorization({
      ...CLIENT,
      endpoints: emulator.endpoints,
      openBrowser: browser,
      print: () => {},
    }).catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_AUTH_REQUIRED')).toBe(true);
  });

  it('ignores a callback whose state does not match', async () => {
    emulator = await startGooglePhotosEmulator();
    const forged = async (url: string) => {
      const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!);
      redirect.searchParams.set('code', 'stolen');
      redirect.searchParams.set('state', 'forged');
      await fetch(redirect);
    };
    const error = await runLoopbackAuthorization({
      ...CLIENT,
      endpoints: emulator.endpoints,
      openBrowser: forged,
      print: () => {},
    }).catch((e: unknown) => e);
    expect(isQ2gError(error, 'GPHOTOS_AUTH_REQUIRED')).toBe(true);
    expect((error as Error).message).toContain('state');
  });
});
