import type { Readable } from 'node:stream';
import { request } from 'undici';
import type { HttpDispatcher } from './proxy.js';

/** The answer to a {@link ByteRequest}: status, headers, and the body as a Node stream. */
export interface ByteResponse {
  status: number;
  /** Response headers by name (case-insensitive, as `Headers.get`). */
  headers: Pick<Headers, 'get'>;
  /** The body, read with back-pressure; destroy it to drop the rest. */
  body: Readable;
}

/** A GET of (possibly large) bytes: media downloads that are streamed, never buffered. */
export type ByteRequest = (
  url: string,
  init?: { headers?: Record<string, string>; signal?: AbortSignal },
) => Promise<ByteResponse>;

/**
 * Bytes buffered per response before the socket is paused; a reader that falls behind gets
 * chunks of up to this size at once (fewer, larger writes downstream).
 */
export const BYTE_REQUEST_HIGH_WATER_MARK = 256 * 1024;

/**
 * A {@link ByteRequest} over undici's `request` (a Node stream body, no web-stream layer)
 * through `dispatcher` — the proxy-aware shared one in every app.
 */
export function byteRequestVia(dispatcher: HttpDispatcher): ByteRequest {
  return async (url, init = {}) => {
    const res = await request(url, {
      dispatcher,
      method: 'GET',
      highWaterMark: BYTE_REQUEST_HIGH_WATER_MARK,
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    return { status: res.statusCode, headers: headerReader(res.headers), body: res.body };
  };
}

/** `Headers.get` over a Node-style header record (lower-case names, arrays joined). */
export function headerReader(
  headers: Record<string, string | string[] | undefined>,
): Pick<Headers, 'get'> {
  return {
    get(name: string) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
