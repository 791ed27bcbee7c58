/**
 * The dashboard (the built `q2google-web --demo`, a real server on 127.0.0.1) refuses forged
 * requests: no session cookie, a wrong or reused access token, a foreign Host (DNS rebinding),
 * the cookie without the page key (what a page of another port on 127.0.0.1 would have), a
 * cross-site write, a write without or with a wrong CSRF token, a body over the limit, an OAuth
 * callback from a browser that did not start the flow. The launch token works once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const WEB_BIN = join(
  dirname(createRequire(import.meta.url).resolve('@q2google/web/package.json')),
  'dist/bin.js',
);

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let server: ChildProcess;
let home: string;
let launch: URL;

/** One raw HTTP request (any Host, Origin or Cookie header, as a forger would send). */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: launch.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

beforeAll(async () => {
  if (!existsSync(WEB_BIN)) throw new Error(`Build the web app first: ${WEB_BIN} is missing.`);
  home = await mkdtemp(join(tmpdir(), 'q2g-rel-web-'));
  server = spawn(process.execPath, [WEB_BIN, '--demo', '--port', '0'], {
    cwd: home,
    env: { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  launch = await new Promise<URL>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`q2google-web exited with ${code}`)));
    createInterface({ input: server.stdout! }).on('line', (line) => {
      const url = /(http:\/\/\S+\/auth\?token=\S+)/.exec(line)?.[1];
      if (url) resolve(new URL(url));
    });
  });
}, 60_000);
afterAll(async () => {
  server?.kill('SIGTERM');
  await new Promise((resolve) => server?.once('exit', resolve));
  await rm(home, { recursive: true, force: true });
});

describe('the dashboard under forged requests', () => {
  it('admits only the launch token, once, and only on its own host', async () => {
    const host = `127.0.0.1:${launch.port}`;
    expect((await send('/api/me', { headers: { host } })).status).toBe(401);
    expect((await send('/auth?token=forged', { headers: { host } })).status).toBe(403);
    const token = launch.searchParams.get('token')!;
    const rebound = await send(`/auth?token=${token}`, { headers: { host: 'evil.example:80' } });
    expect(rebound.status).toBe(421);
    const granted = await send(`/auth?token=${token}`, { headers: { host } });
    expect(granted.status).toBe(303);
    const cookie = String(granted.headers['set-cookie']).split(';')[0]!;
    expect(String(granted.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await send(`/auth?token=${token}`, { headers: { host } })).status).toBe(403);
    const key = /^\/#key=([\w-]+)$/.exec(String(granted.headers.location))?.[1];
    expect(key).toBeDefined();

    // A page of another port on 127.0.0.1 gets the cookie, never the page key: nothing opens.
    expect((await send('/api/me', { headers: { host, cookie } })).status).toBe(401);
    expect((await send('/api/stream', { headers: { host, cookie } })).status).toBe(401);
    const me = await send('/api/me', { headers: { host, cookie, 'x-q2g-key': key! } });
    expect(me.status).toBe(200);
    const { csrfToken } = JSON.parse(me.body) as { csrfToken: string };
    const write = (headers: Record<string, string>, body?: string) =>
      send('/api/syncs', {
        method: 'POST',
        headers: {
          host,
          cookie,
          'x-q2g-key': key!,
          'content-type': 'application/json',
          ...headers,
        },
        body: body ?? JSON.stringify({ from: '2024-01-01', to: '2024-01-02' }),
      });
    const origin = `http://${host}`;
    expect((await write({ origin: 'http://evil.example', 'x-csrf-token': csrfToken })).status).toBe(
      403,
    );
    expect(
      (await write({ 'sec-fetch-site': 'cross-site', 'x-csrf-token': csrfToken })).status,
    ).toBe(403);
    expect((await write({ 'x-csrf-token': csrfToken })).status).toBe(403);
    expect((await write({ origin })).status).toBe(403);
    expect((await write({ origin, 'x-csrf-token': 'forged' })).status).toBe(403);
    expect(
      (
        await send('/api/syncs', {
          method: 'POST',
          headers: { host, cookie, origin, 'x-csrf-token': csrfToken },
          body: JSON.stringify({ from: '2024-01-01', to: '2024-01-02' }),
        })
      ).status,
    ).toBe(401);
    const huge = JSON.stringify({ from: '2024-01-01', to: '2024-01-02', album: 'x'.repeat(5e6) });
    const tooLarge = await write({ origin, 'x-csrf-token': csrfToken }, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toContain('PAYLOAD_TOO_LARGE');
    expect((await write({ origin, 'x-csrf-token': csrfToken })).status).not.toBe(403);
    const callback = await send('/oauth/google/callback?code=c&state=s', { headers: { host } });
    expect(callback.status).toBe(400);
    expect(
      (await send('/api/me', { headers: { host, cookie: 'q2g_session=forged' } })).status,
    ).toBe(401);
  });
});
