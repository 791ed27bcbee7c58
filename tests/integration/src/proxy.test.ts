/**
 * G7: every request honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY. A full sync runs through a
 * local recording proxy against the emulators, whose five endpoints answer on hosts of their
 * own (GoPro API with its OAuth token endpoint, CDN, Google's OAuth token endpoint, Library
 * API, upload sessions): each must be reached through the proxy, and a host NO_PROXY names
 * must not be.
 */
import { createHttpDispatcher } from '@q2google/core';
import { GoProToPhotosSync } from '@q2google/core/engine';
import {
  ALL_TIME,
  buildClients,
  expectEachCreatedOnce,
  type RecordingProxy,
  startRecordingProxy,
  startWorld,
  type World,
} from '@q2google/test-support';
import { afterEach, describe, expect, it } from 'vitest';

let world: World | undefined;
let proxy: RecordingProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await world?.close();
  world = proxy = undefined;
});

const hostOf = (url: string) => new URL(url).host;

function endpointsOf(world: World) {
  return {
    goproApi: hostOf(world.gopro.apiUrl),
    cdn: hostOf(world.gopro.cdnUrl),
    googleOauth: hostOf(world.google.endpoints.oauth2TokenUrl),
    libraryApi: hostOf(world.google.url),
    uploads: hostOf(world.google.uploadUrl),
  };
}

async function syncThrough(world: World, env: Record<string, string>) {
  const dispatcher = createHttpDispatcher(env);
  try {
    const clients = await buildClients(world.wiring, { dispatcher });
    const engine = new GoProToPhotosSync({ ...clients, backend: world.backend(), concurrency: 2 });
    return await engine.run({ sessionId: 'proxied', range: ALL_TIME });
  } finally {
    await dispatcher.close();
  }
}

describe('a sync behind an HTTP proxy', () => {
  it('reaches every host through the proxy: GoPro API and OAuth, CDN, Google OAuth, Library API, uploads', async () => {
    world = await startWorld({
      gopro: { seed: 23, library: { fixtures: false, extra: 5, mix: { photo: 1 } } },
      goproAuth: 'password',
      // Resumable uploads, so the upload-session host is used too.
      sink: { rawUploadMaxBytes: 1_000 },
    });
    proxy = await startRecordingProxy();
    const summary = await syncThrough(world, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
    expect(summary.complete).toBe(true);
    expectEachCreatedOnce(world);
    const endpoints = endpointsOf(world);
    expect(new Set(Object.values(endpoints)).size).toBe(5);
    const seen = new Set(proxy.hosts);
    for (const [name, host] of Object.entries(endpoints)) {
      expect(seen.has(host), `${name} (${host}) reached through the proxy`).toBe(true);
    }
  });

  it('goes straight to a host NO_PROXY names, and through the proxy to the rest', async () => {
    world = await startWorld({
      gopro: { seed: 29, library: { fixtures: false, extra: 3, mix: { photo: 1 } } },
    });
    proxy = await startRecordingProxy();
    const { cdn, libraryApi } = endpointsOf(world);
    const summary = await syncThrough(world, {
      http_proxy: proxy.url,
      no_proxy: `example.invalid,${cdn}`,
    });
    expect(summary.complete).toBe(true);
    expectEachCreatedOnce(world);
    expect(proxy.hosts).not.toContain(cdn);
    expect(proxy.hosts).toContain(libraryApi);
  });
});
