import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runGooglePhotosCommand } from './cli-command.js';
import type { GooglePhotosEmulator } from './emulator.js';

let emulator: GooglePhotosEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('q2google-sandbox gphotos', () => {
  it('starts the emulator and prints its URLs and ready tokens', async () => {
    const lines: string[] = [];
    emulator = await runGooglePhotosCommand(['--granularity', '1024', '--no-dedup'], (l) =>
      lines.push(l),
    );
    const info = JSON.parse(lines[0]!) as { apiUrl: string; accessToken: string; stateUrl: string };
    expect(info.apiUrl).toBe(emulator.url);
    const albums = await fetch(`${info.apiUrl}/v1/albums`, {
      headers: { authorization: `Bearer ${info.accessToken}` },
    });
    expect(albums.status).toBe(200);
    const state = (await (await fetch(info.stateUrl)).json()) as {
      requests: Record<string, number>;
    };
    expect(state.requests['gphotos.albums']).toBe(1);
  });

  it('serves HTTPS with --tls and names the CA file to trust', async () => {
    const lines: string[] = [];
    emulator = await runGooglePhotosCommand(['--tls'], (l) => lines.push(l));
    const info = JSON.parse(lines[0]!) as { apiUrl: string; caFile: string };
    expect(info.apiUrl).toMatch(/^https:\/\/127\.0\.0\.1:/);
    expect(readFileSync(info.caFile, 'utf8')).toContain('BEGIN CERTIFICATE');
    expect(info.caFile).toBe(emulator.tls?.caFile);
  });

  it('rejects an unknown consumed-token mode', async () => {
    await expect(runGooglePhotosCommand(['--consumed-token', 'maybe'], () => {})).rejects.toThrow(
      'consumed-token',
    );
  });
});
