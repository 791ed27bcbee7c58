/**
 * A sync over HTTPS: the emulators serve TLS with a throwaway CA (`createSandboxTls`), and a
 * q2google process trusts it through NODE_EXTRA_CA_CERTS, the setting a user behind a corporate
 * TLS-intercepting proxy uses — directly and through an HTTPS_PROXY tunnel. Without the setting
 * no request gets through. Each sync runs in its own process (the variable is read at start-up).
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createSandboxTls, type SandboxTls } from '@q2google/sandbox';
import {
  ALL_TIME,
  expectEachCreatedOnce,
  type RecordingProxy,
  startRecordingProxy,
  startWorld,
  type World,
} from '@q2google/test-support';
import { afterEach, describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./https-child.ts', import.meta.url));
let world: World | undefined;
let proxy: RecordingProxy | undefined;
let tls: SandboxTls | undefined;
afterEach(async () => {
  await proxy?.close();
  await world?.close();
  tls?.dispose();
  world = proxy = tls = undefined;
});

async function startTlsWorld(seed: number): Promise<World> {
  tls = createSandboxTls();
  world = await startWorld({
    gopro: { seed, tls, library: { fixtures: false, extra: 4, mix: { photo: 1 } } },
    google: { tls },
    sink: { rawUploadMaxBytes: 1_000 }, // resumable: the upload-session host too
  });
  return world;
}

async function syncInChild(world: World, env: Record<string, string>) {
  const { NODE_EXTRA_CA_CERTS: _, HTTPS_PROXY: __, https_proxy: ___, ...inherited } = process.env;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=q2google-source', '--import', 'tsx', CHILD],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: {
        ...inherited,
        Q2G_IT_WIRING: JSON.stringify(world.wiring),
        Q2G_IT_STATE_DIR: await mkdtemp(join(world.projectDir, 'state-')),
        Q2G_IT_RANGE: JSON.stringify(ALL_TIME),
        ...env,
      },
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    complete: boolean;
    stopped: string | null;
  };
}

describe('a sync over HTTPS with the CA from NODE_EXTRA_CA_CERTS', () => {
  it('serves every endpoint over TLS, and a process that does not trust the CA gets nothing through', async () => {
    const w = await startTlsWorld(41);
    for (const url of [w.gopro.apiUrl, w.gopro.cdnUrl, w.google.url, w.google.uploadUrl]) {
      expect(url.startsWith('https://')).toBe(true);
    }
    // Discovery's first request fails on the certificate, after its retries.
    await expect(syncInChild(w, {})).rejects.toMatchObject({
      stderr: expect.stringMatching(/GOPRO_NETWORK[\s\S]*unable to verify the first certificate/),
    });
    expect(w.google.inspect().items).toHaveLength(0);
  });

  it('completes, each item created once, when the process trusts the CA', async () => {
    const w = await startTlsWorld(42);
    const summary = await syncInChild(w, { NODE_EXTRA_CA_CERTS: tls!.caFile });
    expect(summary).toEqual({ complete: true, stopped: null });
    expectEachCreatedOnce(w);
  });

  it('completes through an HTTPS_PROXY tunnel to every host, trusting the CA inside the tunnel', async () => {
    const w = await startTlsWorld(43);
    proxy = await startRecordingProxy();
    const summary = await syncInChild(w, {
      NODE_EXTRA_CA_CERTS: tls!.caFile,
      HTTPS_PROXY: proxy.url,
    });
    expect(summary).toEqual({ complete: true, stopped: null });
    expectEachCreatedOnce(w);
    const hosts = new Set(proxy.hosts);
    for (const url of [w.gopro.apiUrl, w.gopro.cdnUrl, w.google.url, w.google.uploadUrl]) {
      expect(hosts.has(new URL(url).host), url).toBe(true);
    }
  });
});
