import { mkdtemp } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isQ2gError } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import { answerHosts, parseAllowHosts } from './bind-hosts.js';
import { startWebServer } from './start-server.js';

/** A GET to 127.0.0.1:port with any Host header; the status. */
function statusFor(port: number, host: string, path = '/auth?token=wrong'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const quiet = async () => {
  const work = await mkdtemp(join(tmpdir(), 'q2g-web-hosts-'));
  return { env: {}, dotenvPath: false as const, cwd: work, homeDir: work };
};

describe('bind hosts', () => {
  it('reads --allow-host lists, repeated or comma-separated', () => {
    expect(parseAllowHosts(['dash.lan,192.168.1.5', ' Other.Example ', ''])).toEqual([
      'dash.lan',
      '192.168.1.5',
      'other.example',
    ]);
    expect(parseAllowHosts(undefined)).toEqual([]);
  });

  it('answers loopback names on a loopback bind, plus any allowed name', () => {
    expect(answerHosts('127.0.0.1', 8787, [])).toEqual([
      '127.0.0.1:8787',
      'localhost:8787',
      '[::1]:8787',
    ]);
    expect(answerHosts('127.0.0.1', 8787, ['dash.lan'])).toContain('dash.lan:8787');
  });

  it('answers exactly the allowed names (with the port) on another bind', () => {
    expect(answerHosts('0.0.0.0', 8787, ['dash.lan', '192.168.1.5', 'fe80::1'])).toEqual([
      'dash.lan:8787',
      '192.168.1.5:8787',
      '[fe80::1]:8787',
    ]);
  });

  it('refuses a non-loopback bind without --allow-host, before listening', async () => {
    const error = await startWebServer({
      host: '0.0.0.0',
      port: 0,
      config: await quiet(),
      print: () => {},
    }).catch((e: unknown) => e);
    expect(isQ2gError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain('--allow-host');
  });

  it('serves a LAN bind to the allowed Host names only', async () => {
    const lines: string[] = [];
    const server = await startWebServer({
      host: '0.0.0.0',
      allowHosts: ['dash.lan'],
      port: 0,
      config: await quiet(),
      print: (line) => lines.push(line),
    });
    try {
      const port = Number(new URL(server.origin).port);
      expect(server.origin).toBe(`http://dash.lan:${port}`);
      expect(lines.join('\n')).toContain(`http://dash.lan:${port}/auth?token=`);
      expect(await statusFor(port, `dash.lan:${port}`)).toBe(403);
      expect(await statusFor(port, `0.0.0.0:${port}`)).toBe(421);
      expect(await statusFor(port, `127.0.0.1:${port}`)).toBe(421);
      expect(await statusFor(port, `evil.example:${port}`)).toBe(421);
    } finally {
      await server.close();
    }
  });
});
