import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type GooglePhotosEmulator,
  type GoProEmulator,
  startGooglePhotosEmulator,
  startGoProEmulator,
} from '@q2google/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../exit-codes.js';
import { run, testContext } from '../../testing/test-context.js';

let gopro: GoProEmulator;
let gphotos: GooglePhotosEmulator;
beforeAll(async () => {
  [gopro, gphotos] = await Promise.all([
    startGoProEmulator({ library: { fixtures: false } }),
    startGooglePhotosEmulator(),
  ]);
});
afterAll(async () => {
  await Promise.all([gopro.close(), gphotos.close()]);
});

async function authContext(answers: string[] = [], env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'q2g-auth-'));
  const ctx = testContext({
    cwd: dir,
    env: {
      Q2G_GOPRO_API_URL: gopro.apiUrl,
      Q2G_GOPRO_CLIENT_ID: gopro.account.clientId,
      Q2G_GOPRO_CLIENT_SECRET: gopro.account.clientSecret,
      Q2G_GOPRO_TOKEN_FILE: join(dir, 'gopro.json'),
      Q2G_GOOGLE_TOKEN_FILE: join(dir, 'google.json'),
      Q2G_GOOGLE_CLIENT_ID: 'q2google-sandbox',
      Q2G_GOOGLE_OAUTH_AUTH_URL: gphotos.endpoints.oauth2AuthBaseUrl,
      Q2G_GOOGLE_OAUTH_TOKEN_URL: gphotos.endpoints.oauth2TokenUrl,
      ...env,
    },
  });
  const asked: string[] = [];
  ctx.prompts = {
    ask: async (question) => {
      asked.push(question);
      return answers.shift() ?? '';
    },
  };
  ctx.fetch = globalThis.fetch;
  return { ctx, dir, asked };
}

describe('q2google auth gopro', () => {
  it('logs in with email and password, checks it, and saves it with mode 0600', async () => {
    const { ctx, dir, asked } = await authContext([gopro.account.email, gopro.account.password]);
    expect(await run(ctx, 'auth gopro')).toBe(0);
    expect(asked).toEqual(['GoPro email: ', 'GoPro password: ']);
    expect(ctx.out()).toContain(`Logged in to GoPro (account ${gopro.account.userId})`);
    const file = join(dir, 'gopro.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved).toMatchObject({ version: 1, userId: gopro.account.userId });
    expect(saved.refreshToken).toEqual(expect.any(String));
    expect(ctx.out() + ctx.err()).not.toContain(gopro.account.password);
    expect(await run(ctx, 'auth status')).toBe(EXIT_CODES.auth);
    expect(ctx.out()).toContain('✓ GoPro: logged in (password login, renews itself');
    expect(ctx.out()).toContain('✗ Google Photos: not authorised yet.');
  });

  it('saves nothing when the password is wrong', async () => {
    const { ctx, dir } = await authContext([gopro.account.email, 'wrong-password']);
    expect(await run(ctx, 'auth gopro')).toBe(EXIT_CODES.auth);
    expect(ctx.err()).toMatch(/^error: .+/m);
    expect(ctx.err()).not.toContain('wrong-password');
    await expect(stat(join(dir, 'gopro.json'))).rejects.toThrow();
  });

  it('accepts a pasted token after checking it', async () => {
    const token = gopro.issueAccessToken();
    const { ctx, dir } = await authContext([token, gopro.account.userId]);
    expect(await run(ctx, 'auth gopro --token')).toBe(0);
    const saved = JSON.parse(await readFile(join(dir, 'gopro.json'), 'utf8'));
    expect(saved).toEqual({ version: 1, accessToken: token, userId: gopro.account.userId });
    expect(ctx.out() + ctx.err()).not.toContain(token);
  });

  it('needs the OAuth client for a password login and says so', async () => {
    const { ctx } = await authContext([], { Q2G_GOPRO_CLIENT_ID: '' });
    expect(await run(ctx, 'auth gopro --email a@b.c')).toBe(EXIT_CODES.usage);
    expect(ctx.err()).toContain('Set Q2G_GOPRO_CLIENT_ID and Q2G_GOPRO_CLIENT_SECRET');
  });
});

describe('q2google auth google', () => {
  it('runs the loopback flow, waits for the callback and saves the grant', async () => {
    const { ctx, dir } = await authContext();
    const opened: string[] = [];
    ctx.openBrowser = async (url) => {
      opened.push(url);
      void fetch(url); // the emulator's consent page approves and redirects to the loopback
      return true;
    };
    expect(await run(ctx, 'auth google')).toBe(0);
    expect(opened[0]).toContain(gphotos.endpoints.oauth2AuthBaseUrl);
    expect(ctx.out()).toContain('Open this URL in a browser');
    expect(ctx.out()).toContain('Google Photos access granted');
    const file = join(dir, 'google.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8')).refresh_token).toEqual(expect.any(String));
    expect(await run(ctx, 'auth logout google')).toBe(0);
    await expect(stat(file)).rejects.toThrow();
  });

  it('explains how to configure a missing OAuth client', async () => {
    const { ctx } = await authContext([], { Q2G_GOOGLE_CLIENT_ID: '' });
    expect(await run(ctx, 'auth google')).toBe(EXIT_CODES.usage);
    expect(ctx.err()).toContain('No Google OAuth client is configured. Create a "Desktop app"');
  });
});
