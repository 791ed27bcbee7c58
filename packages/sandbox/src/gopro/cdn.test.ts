import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GoProEmulator, startGoProEmulator } from './emulator.js';

let emu: GoProEmulator;
let token: string;

interface Entry {
  url: string;
  head: string;
  label?: string;
  item_number?: number;
}
interface Descriptor {
  filename: string;
  _embedded: { files: Entry[]; variations: Entry[]; sidecar_files: Entry[] };
}

async function descriptor(fixture: string): Promise<Descriptor> {
  const id = emu.library.fixtureId(fixture);
  const res = await fetch(`${emu.apiUrl}/media/${id}/download`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Descriptor;
}

const source = (d: Descriptor, n = 1) =>
  d._embedded.variations.find((v) => v.label === 'source' && v.item_number === n)!;

beforeAll(async () => {
  emu = await startGoProEmulator({ seed: 3 });
  token = emu.issueAccessToken();
});
afterAll(() => emu.close());

describe('download descriptors and the CDN', () => {
  it('serves the original bytes from a signed URL on a separate origin', async () => {
    const d = await descriptor('video');
    const url = source(d).url;
    expect(url.startsWith(emu.cdnUrl)).toBe(true);
    expect(emu.cdnUrl).not.toBe(emu.apiUrl);
    expect(url).toMatch(/\/source\/default\/1\.mp4\?X-Amz-Algorithm=AWS4-HMAC-SHA256&/);
    expect(url).toContain('X-Amz-Expires=3600');
    const res = await fetch(url);
    const bytes = Buffer.from(await res.arrayBuffer());
    const id = emu.library.fixtureId('video');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=GX01\d{4}\.MP4;/);
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(emu.expectedSha256(id, 'source'));
  });

  it('lists one source variation per chapter and a proxy in files[]', async () => {
    const d = await descriptor('chaptered-video');
    const sources = d._embedded.variations.filter((v) => v.label === 'source');
    expect(sources.map((v) => v.item_number)).toEqual([1, 2, 3]);
    expect(d._embedded.files).toHaveLength(1);
    expect(d._embedded.files[0]!.url).toContain('/high_res_proxy_mp4/');
  });

  it('answers Range with 206 and Content-Range, and 416 past the end', async () => {
    const d = await descriptor('photo');
    const id = emu.library.fixtureId('photo');
    const size = emu.expectedUnits(id)[0]!.size;
    const partial = await fetch(source(d).url, { headers: { range: 'bytes=100-' } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(`bytes 100-${size - 1}/${size}`);
    const body = Buffer.from(await partial.arrayBuffer());
    const expected = Buffer.concat([...emu.expectedBytes(id, 'source', 100)]);
    expect(body.equals(expected)).toBe(true);
    const beyond = await fetch(source(d).url, { headers: { range: `bytes=${size}-` } });
    expect([beyond.status, beyond.headers.get('content-range')]).toEqual([416, `bytes */${size}`]);
  });

  it('accepts each URL only with its own method', async () => {
    const entry = source(await descriptor('photo'));
    expect((await fetch(entry.head, { method: 'HEAD' })).status).toBe(200);
    const wrong = await fetch(entry.head);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect((await fetch(entry.url, { method: 'HEAD' })).status).toBe(403);
  });

  it('rejects an Authorization header with 400', async () => {
    const entry = source(await descriptor('photo'));
    const res = await fetch(entry.url, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Only one auth mechanism allowed');
  });

  it('expires URLs after their lifetime, and on demand', async () => {
    emu.configure({ cdn: { urlTtlSeconds: 5 } });
    const entry = source(await descriptor('photo'));
    expect(entry.url).toContain('X-Amz-Expires=5');
    expect((await fetch(entry.url)).status).toBe(200);
    emu.advanceClock(6_000);
    const expired = await fetch(entry.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
    emu.configure({ cdn: { urlTtlSeconds: 3600 } });
    const fresh = source(await descriptor('photo'));
    emu.expireSignedUrls();
    expect((await fetch(fresh.url)).status).toBe(403);
  });

  it('drops the connection mid-body when told to', async () => {
    const entry = source(await descriptor('video'));
    emu.addFault({ route: 'cdn.get', kind: 'reset-mid-body', afterBytes: 200_000, times: 1 });
    const res = await fetch(entry.url);
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
  });

  it('throttles each connection when a bandwidth is set, serving the same bytes', async () => {
    emu.configure({ cdn: { bandwidthBytesPerSecond: 4_000_000 } });
    const d = await descriptor('photo');
    const id = emu.library.fixtureId('photo');
    const bytes = Buffer.from(await (await fetch(source(d).url)).arrayBuffer());
    emu.configure({ cdn: { bandwidthBytesPerSecond: null } });
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(emu.expectedSha256(id, 'source'));
  });

  it('reports a stale file_size on the item when told to', async () => {
    const id = emu.library.fixtureId('video');
    const get = async () => {
      const res = await fetch(`${emu.apiUrl}/media/${id}?fields=file_size`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await res.json()) as { file_size: number }).file_size;
    };
    const size = await get();
    expect(size).toBe(emu.expectedUnits(id)[0]!.size);
    emu.addFault({ route: 'gopro.item', kind: 'stale-size', times: 1 });
    expect(await get()).toBe(size + 4096);
  });

  it('answers 404 for items that are unknown', async () => {
    const res = await fetch(`${emu.apiUrl}/media/nope/download`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(404);
  });
});
