import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Q2gError } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../exit-codes.js';
import { main } from '../../main.js';
import { testContext } from '../../testing/test-context.js';
import { createDoctorCommand, doctorCommand } from './doctor-command.js';

describe('q2google doctor', () => {
  it('prints one line per check with what to do, and exits with the first failure’s code', async () => {
    const ctx = testContext();
    const doctor = createDoctorCommand([
      { name: 'first', run: async () => ({ ok: true, detail: 'fine' }) },
      {
        name: 'second',
        run: async () => {
          throw new Q2gError('BACKEND_UNAVAILABLE', 'The database is down.', { hint: 'Start it.' });
        },
      },
      {
        name: 'third',
        run: async () => {
          throw new TypeError('fetch failed');
        },
      },
    ]);
    expect(await main(['doctor'], ctx, [doctor])).toBe(EXIT_CODES.backend);
    const lines = ctx.out().trim().split('\n');
    expect(lines[0]).toMatch(/^✓ configuration: valid/);
    expect(lines.slice(1)).toEqual([
      '✓ first: fine',
      '✗ second: The database is down. Start it.',
      '✗ third: fetch failed. Check the URL, your network and proxy settings.',
    ]);
    expect(ctx.err()).toBe('2 of 4 checks failed (second, third).\n');
  });

  it('reports a broken configuration and skips the rest', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'q2g-doctor-'));
    await writeFile(join(cwd, '.env'), 'Q2G_GOPRO_API_URL=ftp://nowhere\n');
    const ctx = testContext({ cwd });
    expect(await main(['doctor'], ctx, [doctorCommand])).toBe(EXIT_CODES.usage);
    expect(ctx.out()).toContain(
      `✗ configuration: Q2G_GOPRO_API_URL in ${join(cwd, '.env')} is invalid`,
    );
    expect(ctx.out()).toContain('- state backend: not checked');
  });

  it('checks the logins and the state backend with the real checks', async () => {
    const home = await mkdtemp(join(tmpdir(), 'q2g-doctor-'));
    const ctx = testContext({
      cwd: home,
      env: {
        Q2G_GOPRO_TOKEN_FILE: join(home, 'none.json'),
        Q2G_GOOGLE_TOKEN_FILE: join(home, 'g.json'),
      },
    });
    ctx.fetch = async () => new Response('ok', { status: 404 });
    expect(await main(['doctor'], ctx, [doctorCommand])).toBe(EXIT_CODES.auth);
    const out = ctx.out();
    expect(out).toContain('✗ GoPro login: not logged in. Run `q2google auth gopro`');
    expect(out).toContain('✗ Google Photos authorisation: no OAuth client.');
    expect(out).toMatch(/✓ state backend: \.q2google\/state \(.+\) holds 0 sessions/);
    expect(out).toContain('✓ GoPro API: https://api.gopro.com answers (HTTP 404)');
    expect(out).toContain('✓ proxy: none (HTTPS_PROXY and HTTP_PROXY are unset');
  });

  it('reports the proxy in use with the credentials in its URL masked', async () => {
    const home = await mkdtemp(join(tmpdir(), 'q2g-doctor-'));
    const ctx = testContext({
      cwd: home,
      env: {
        Q2G_GOPRO_TOKEN_FILE: join(home, 'none.json'),
        Q2G_GOOGLE_TOKEN_FILE: join(home, 'g.json'),
        https_proxy: 'http://alice:pr0xy-pa55@proxy.example:3128',
        HTTP_PROXY: 'http://plain.example:8080',
        NO_PROXY: 'localhost,.corp.example',
      },
    });
    ctx.fetch = async () => new Response('ok', { status: 404 });
    await main(['doctor'], ctx, [doctorCommand]);
    const out = ctx.out();
    expect(out).toContain(
      '✓ proxy: HTTPS via http://alice:***@proxy.example:3128, HTTP via http://plain.example:8080, bypassed for localhost,.corp.example',
    );
    expect(`${out}${ctx.err()}`).not.toContain('pr0xy-pa55');
  });
});
