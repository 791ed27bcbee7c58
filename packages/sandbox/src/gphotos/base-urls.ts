/**
 * Media items' `baseUrl`s: signed links to the item's picture that live about an hour (the
 * emulator's `baseUrlTtlMs`), served without a token like Google's, with a size suffix such as
 * `=w256-h256`. An expired or forged link answers 403, so a client must fetch the item again.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { thumbnailPng } from '../shared/thumbnail-png.js';
import type { EmulatorContext } from './context.js';
import { countRequest } from './guard.js';
import { sendApiError } from './responses.js';

/** The path prefix of base URLs. */
export const BASE_URL_PATH = '/lh/';

/** Signs and checks base URLs. */
export class BaseUrls {
  readonly #secret = randomBytes(32);

  /** A base URL of `itemId` valid until `expiresAt` (ms). */
  issue(origin: string, itemId: string, expiresAt: number): string {
    const body = Buffer.from(`${itemId}.${expiresAt}`).toString('base64url');
    return `${origin}${BASE_URL_PATH}${body}.${this.#sign(body)}`;
  }

  /** The item id of a valid token, or why it is refused. */
  check(token: string, now: number): { itemId: string } | 'expired' | 'invalid' {
    const [body, signature] = token.split('.');
    if (!body || !signature) return 'invalid';
    const expected = Buffer.from(this.#sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
    const [itemId, expiresAt] = Buffer.from(body, 'base64url').toString('utf8').split('.');
    if (!itemId || Number(expiresAt) < now) return 'expired';
    return { itemId };
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#secret).update(body).digest('base64url').slice(0, 22);
  }
}

/** `GET /lh/<token>=w<W>-h<H>`: the item's picture (a generated PNG), or 403 when expired. */
export function handleBaseUrl(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  req.resume();
  countRequest(ctx, 'gphotos.baseUrl');
  const [token = '', suffix = ''] = url.pathname.slice(BASE_URL_PATH.length).split('=');
  const checked = ctx.baseUrls.check(token, ctx.now());
  const item = typeof checked === 'object' ? ctx.library.items.get(checked.itemId) : undefined;
  if (!item) {
    sendApiError(res, 403, 'The base URL is expired or invalid.');
    return;
  }
  const width = Number(/w(\d+)/.exec(suffix)?.[1] ?? 512);
  const height = Number(/h(\d+)/.exec(suffix)?.[1] ?? 384);
  const png = thumbnailPng(item.sha256, width, height);
  res.writeHead(200, {
    'content-type': 'image/png',
    'content-length': png.length,
    'cache-control': 'private, max-age=3600',
  });
  res.end(png);
}
