import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { abortError, Q2gError, redactUri } from '@q2google/core';

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
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/**
 * The default transport on `node:http(s)`: streams request bodies without buffering them, keeps
 * connections alive, and turns socket failures into retryable `GPHOTOS_NETWORK` errors.
 */
export const nodeTransport: HttpTransport = (request) =>
  new Promise<HttpResponse>((resolve, reject) => {
    const url = new URL(request.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    let bodyDone = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(error);
    };
    const req = send(url, {
      method: request.method,
      headers: request.headers,
      agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
    });
    const onAbort = () => fail(abortError(request.signal!));
    if (request.signal?.aborted) return onAbort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    req.setTimeout(request.idleTimeoutMs ?? 600_000, () =>
      fail(networkError(request, new Error('timed out waiting for the server'))),
    );
    req.on('error', (error) => fail(networkError(request, error)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
      });
      res.on('error', (error) => fail(networkError(request, error)));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        request.signal?.removeEventListener('abort', onAbort);
        // An answer that came before the whole body was written leaves the socket unusable.
        if (!bodyDone) req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    writeBody(req, request, () => settled).then(
      () => {
        bodyDone = true;
      },
      (error: unknown) => fail(error),
    );
  });

async function writeBody(
  req: ReturnType<typeof httpRequest>,
  request: HttpRequest,
  stopped: () => boolean,
): Promise<void> {
  const body = request.body;
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) {
    req.end(body);
    return;
  }
  for await (const chunk of body) {
    if (stopped() || req.destroyed) return;
    const flushed = req.write(chunk);
    request.onBytesSent?.(chunk.length);
    if (!flushed) await drained(req);
  }
  if (!stopped() && !req.destroyed) req.end();
}

function drained(req: ReturnType<typeof httpRequest>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.on('drain', done);
    req.on('close', done);
  });
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
