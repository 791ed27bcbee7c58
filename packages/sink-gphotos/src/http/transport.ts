import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import {
  abortError,
  type HttpDispatcher,
  Q2gError,
  redactUri,
  sharedHttpDispatcher,
} from '@q2google/core';
import { request as undiciRequest } from 'undici';

/** One HTTP request as the sink sends it. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** Small bodies as text/bytes; uploads as a stream consumed with back-pressure. */
  body?: string | Uint8Array | AsyncIterable<Uint8Array>;
  signal?: AbortSignal;
  /** Socket inactivity limit; generous by default (batchCreate can take minutes). */
  idleTimeoutMs?: number;
  /** Called as body bytes are handed to the socket. */
  onBytesSent?(bytes: number): void;
}

/** A response with its (small) body read as text. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Sends requests; injectable for tests. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** Told about every request a transport sends (method and URL; no headers, no body). */
export type RequestListener = (request: { method: HttpRequest['method']; url: string }) => void;

/** `transport` that tells `listener` about each request before sending it. */
export function countingTransport(
  transport: HttpTransport,
  listener: RequestListener,
): HttpTransport {
  return (request) => {
    try {
      listener({ method: request.method, url: request.url });
    } catch {
      // A broken counter must not fail the request.
    }
    return transport(request);
  };
}

const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * The transport over an undici dispatcher (the shared, proxy-aware one by default): streams
 * request bodies without buffering them, keeps connections alive, and turns socket failures
 * into retryable `GPHOTOS_NETWORK` errors.
 */
export function createHttpTransport(dispatcher?: HttpDispatcher): HttpTransport {
  return async (request) => {
    if (request.signal?.aborted) throw abortError(request.signal);
    const idle = request.idleTimeoutMs ?? 600_000;
    const source: { error?: unknown; failed: boolean } = { failed: false };
    try {
      const res = await undiciRequest(request.url, {
        dispatcher: dispatcher ?? sharedHttpDispatcher(),
        method: request.method,
        headers: request.headers,
        // undici's docs (Dispatcher.dispatch) accept an AsyncIterable body; its types lag behind
        body: bodyOf(request, source) as string | Uint8Array | Readable | undefined,
        headersTimeout: idle,
        bodyTimeout: idle,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
      }
      return {
        status: res.statusCode,
        headers: res.headers as IncomingHttpHeaders,
        text: Buffer.concat(chunks).toString('utf8'),
      };
    } catch (error) {
      if (request.signal?.aborted) throw abortError(request.signal);
      // A failing media source is the caller's error, not the network's.
      if (source.failed) throw source.error;
      throw networkError(request, error);
    }
  };
}

/** The default transport, over the shared dispatcher. */
export const nodeTransport: HttpTransport = createHttpTransport();

function bodyOf(
  request: HttpRequest,
  source: { error?: unknown; failed: boolean },
): string | Uint8Array | AsyncIterable<Uint8Array> | undefined {
  const body = request.body;
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) return body;
  // undici writes an async iterable straight to the socket, waiting for 'drain' (back-pressure)
  return counted(body, request.onBytesSent, source);
}

/** `body`, telling `onBytesSent` about each chunk once the socket has taken it. */
async function* counted(
  body: AsyncIterable<Uint8Array>,
  onBytesSent: ((bytes: number) => void) | undefined,
  source: { error?: unknown; failed: boolean },
): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of body) {
      yield chunk;
      onBytesSent?.(chunk.length);
    }
  } catch (error) {
    source.failed = true;
    source.error = error;
    throw error;
  }
}

function networkError(request: HttpRequest, error: unknown): Q2gError {
  const reason = error instanceof Error ? error.message : String(error);
  const target = redactUri(request.url).replace(/upload_id=[^&]+/, 'upload_id=***');
  return new Q2gError(
    'GPHOTOS_NETWORK',
    `Network error talking to Google Photos (${target}): ${reason}`,
    {
      retryable: true,
      cause: error,
      details: { outcomeUnknown: true },
    },
  );
}
