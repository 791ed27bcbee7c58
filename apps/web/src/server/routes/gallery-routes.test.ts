import { describe, expect, it } from 'vitest';
import { refuseFile, unit } from '../testing/fake-connections.js';
import { FAKE_PNG } from '../testing/gallery-fakes.js';
import { createHarness } from '../testing/harness.js';

const range = { from: '2025-06-01T00:00:00Z', to: '2025-06-30T00:00:00Z' };

async function synced(units = [unit(1), unit(2), unit(3)]) {
  const harness = await createHarness({ units });
  await harness.runs.start({ sessionId: 's1', range });
  await harness.runs.idle();
  return { harness, browser: await harness.login() };
}

describe('gallery routes', () => {
  it('proxies a created unit’s picture from Google with cache headers and the page key', async () => {
    const { harness, browser } = await synced();
    const path = `/api/sessions/s1/thumbnails/${encodeURIComponent('m1#source')}`;
    const res = await browser.get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, max-age=600');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(FAKE_PNG);
    expect(harness.connections.sink.baseUrls).toHaveLength(1);
    const withoutKey = await harness.call(path, { headers: { cookie: browser.cookie } });
    expect(withoutKey.status).toBe(401);
  });

  it('looks up the links of a page of thumbnails in one batch', async () => {
    const { harness, browser } = await synced();
    const keys = ['m1#source', 'm2#source', 'm3#source'];
    const answers = await Promise.all(
      keys.map((k) => browser.get(`/api/sessions/s1/thumbnails/${encodeURIComponent(k)}`)),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(harness.connections.sink.lookups).toEqual([keys.map((k) => `gp-${k[1]}`)]);
  });

  it('gets the item again when its link was refused (expired)', async () => {
    const harness = await createHarness({ units: [unit(1), unit(2)] });
    await harness.runs.start({ sessionId: 's1', range });
    await harness.runs.idle();
    const browser = await harness.login();
    const sink = harness.connections.sink;
    const original = sink.getMediaItems.bind(sink);
    sink.getMediaItems = async (ids) => {
      const links = await original(ids);
      if (sink.baseUrls.length === 1) sink.expired.add(links[0]!.baseUrl);
      return links;
    };
    const res = await browser.get(`/api/sessions/s1/thumbnails/${encodeURIComponent('m1#source')}`);
    expect(res.status).toBe(200);
    expect(sink.baseUrls).toHaveLength(2);
  });

  it('shows a pending unit’s GoPro thumbnail, and 404 for none or an unknown unit', async () => {
    const harness = await createHarness({ units: [unit(1), unit(404)] });
    harness.connections.sink.failUpload = refuseFile(unit(404).fileName);
    await harness.runs.start({ sessionId: 's1', range });
    await harness.runs.idle();
    const browser = await harness.login();
    const thumb = (key: string) =>
      browser.get(`/api/sessions/s1/thumbnails/${encodeURIComponent(key)}`);
    expect((await thumb('m404#source')).status).toBe(404);
    expect(harness.connections.sink.baseUrls).toHaveLength(0);
    const other = await createHarness({ units: [unit(7)] });
    other.connections.sink.failUpload = refuseFile(unit(7).fileName);
    await other.runs.start({ sessionId: 's2', range });
    await other.runs.idle();
    const pending = await (await other.login()).get(
      `/api/sessions/s2/thumbnails/${encodeURIComponent('m7#source')}`,
    );
    expect(pending.status).toBe(200);
    expect(other.connections.sink.baseUrls).toHaveLength(0);
    expect((await thumb('nope')).status).toBe(404);
    expect((await browser.get('/api/sessions/nope/thumbnails/x')).status).toBe(404);
  });
});
