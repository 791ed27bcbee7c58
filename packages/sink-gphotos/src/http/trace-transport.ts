import {
  currentRetry,
  type HttpTrace,
  tracedHeaders,
  tracedUrl,
  traceErrorOf,
  trackRetryNumbers,
} from '@q2google/core';
import type { HttpRequest, HttpTransport } from './transport.js';

/** `transport` recording every request in `trace` (as `client`), bodies never included. */
export function traceTransport(
  transport: HttpTransport,
  trace: HttpTrace,
  client = 'gphotos',
): HttpTransport {
  trackRetryNumbers();
  return async (request) => {
    const started = Date.now();
    let streamed = 0;
    const sent: HttpRequest = {
      ...request,
      onBytesSent(bytes) {
        streamed += bytes;
        request.onBytesSent?.(bytes);
      },
    };
    const base = () => ({
      client,
      method: request.method,
      ...tracedUrl(request.url),
      start: new Date(started).toISOString(),
      ms: Date.now() - started,
      bytesSent: fixedSize(request.body) ?? streamed,
      retry: currentRetry(),
    });
    try {
      const response = await transport(sent);
      trace.record({
        ...base(),
        status: response.status,
        headers: tracedHeaders((name) => {
          const value = response.headers[name];
          return Array.isArray(value) ? value.join(', ') : value;
        }),
        bytesReceived: Buffer.byteLength(response.text),
      });
      return response;
    } catch (error) {
      trace.record({ ...base(), error: traceErrorOf(error), headers: {}, bytesReceived: 0 });
      throw error;
    }
  };
}

function fixedSize(body: HttpRequest['body']): number | undefined {
  if (body === undefined) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  return undefined;
}
