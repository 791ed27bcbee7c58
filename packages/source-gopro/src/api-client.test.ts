import { type GoProEmulator, startGoProEmulator } from '@q2google/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createPastedTokenAuth } from './auth/pasted-token-auth.js';
import { createGoProSource } from './gopro-source.js';
import { instantRetry, listAll } from './test-support.js';

let emu: GoProEmulator;
afterEach(() => emu?.close());

/** A fetch that rewrites JSON bodies of matching API paths. */
function rewriting(
  path: string,
  change: (body: Record<string, unknown>) => void,
  seen?: Headers[],
) {
  return async (input: string | URL | Request, init?: RequestInit) => {
    seen?.push(new Headers(init?.headers));
    const res = await fetch(input, init);
    if (!String(input).includes(path)) return res;
    const body = (await res.json()) as Record<string, unknown>;
    change(body);
    return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
  };
}

async function sourceWith(fetchImpl: typeof fetch) {
  emu = await startGoProEmulator({ seed: 51 });
  return createGoProSource({
    auth: createPastedTokenAuth({
      accessToken: emu.issueAccessToken(),
      userId: emu.account.userId,
    }),
    baseUrl: emu.apiUrl,
    fetch: fetchImpl,
    retry: instantRetry(),
  });
}

describe('GoPro API responses', () => {
  it('sends the vendor Accept header, Bearer and both cookies', async () => {
    const seen: Headers[] = [];
    const source = await sourceWith(rewriting('/never', () => {}, seen));
    await source.verify();
    const headers = seen[0]!;
    expect(headers.get('accept')).toBe('application/vnd.gopro.jk.media+json; version=2.0.0');
    expect(headers.get('authorization')).toMatch(/^Bearer \S+\.\S+\.\S+\.\S+\.\S+$/);
    expect(headers.get('cookie')).toMatch(/^gp_access_token=\S+; gp_user_id=[0-9a-f-]{36}$/);
    expect(headers.get('origin')).toBeNull();
  });

  it('names the missing field of a search response (GOPRO_BAD_RESPONSE)', async () => {
    const source = await sourceWith(
      rewriting('/media/search', (body) => {
        const media = (body._embedded as { media: Record<string, unknown>[] }).media;
        delete media[2]!.id;
      }),
    );
    await expect(listAll(source)).rejects.toMatchObject({
      code: 'GOPRO_BAD_RESPONSE',
      details: { field: '_embedded.media.2.id' },
    });
  });

  it('keeps unknown fields and tolerates nulls', async () => {
    const source = await sourceWith(
      rewriting('/media/search', (body) => {
        const media = (body._embedded as { media: Record<string, unknown>[] }).media;
        for (const m of media) Object.assign(m, { brand_new_field: { x: 1 }, width: null });
      }),
    );
    expect((await listAll(source)).units.length).toBeGreaterThan(10);
  });

  it('names the missing field of a download descriptor', async () => {
    const source = await sourceWith(
      rewriting('/download', (body) => {
        const variations = (body._embedded as { variations: Record<string, unknown>[] }).variations;
        delete variations[0]!.url;
      }),
    );
    await expect(listAll(source)).rejects.toMatchObject({
      code: 'GOPRO_BAD_RESPONSE',
      details: { field: '_embedded.variations.0.url' },
    });
  });

  it('retries a failing search with backoff and then gives up with GOPRO_HTTP', async () => {
    const source = await sourceWith(fetch);
    emu.addFault({ route: 'gopro.search', kind: 'http-502', times: 2 });
    expect((await listAll(source)).units.length).toBeGreaterThan(10);
    emu.addFault({ route: 'gopro.search', kind: 'http-500' });
    await expect(listAll(source)).rejects.toMatchObject({
      code: 'GOPRO_HTTP',
      details: { status: 500 },
    });
  });

  it('answers 404 for an unknown item as GOPRO_NOT_FOUND', async () => {
    const source = await sourceWith(fetch);
    const unit = (await listAll(source)).units.find((u) => u.part === 'chapter-1')!;
    await expect(source.openUnit({ ...unit, mediaId: 'gone' }, 0)).rejects.toMatchObject({
      code: 'GOPRO_NOT_FOUND',
    });
  });
});
