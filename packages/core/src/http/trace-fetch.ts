import { currentRetry, trackRetryNumbers } from '../util/retry.js';
import { type HttpTrace, tracedHeaders, tracedUrl, traceErrorOf } from './http-trace.js';

/**
 * `fetch` that records every request in `trace` (as `client`): the entry is written when the
 * response body ends, is cancelled or fails, with the bytes actually received.
 */
export function traceFetch(inner: typeof fetch, trace: HttpTrace, client: string): typeof fetch {
  trackRetryNumbers();
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const started = Date.now();
    const base = {
      client,
      method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
      ...tracedUrl(url),
      start: new Date(started).toISOString(),
      bytesSent: bodySize(init?.body),
      retry: currentRetry(),
    };
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      trace.record({
        ...base,
        error: traceErrorOf(error),
        headers: {},
        ms: Date.now() - started,
        bytesReceived: 0,
      });
      throw error;
    }
    let received = 0;
    let recorded = false;
    const finish = (error?: unknown) => {
      if (recorded) return;
      recorded = true;
      trace.record({
        ...base,
        status: response.status,
        ...(error === undefined ? {} : { error: traceErrorOf(error) }),
        headers: tracedHeaders((name) => response.headers.get(name)),
        ms: Date.now() - started,
        bytesReceived: received,
      });
    };
    if (!response.body) {
      finish();
      return response;
    }
    const reader = response.body.getReader();
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            finish();
            controller.close();
            return;
          }
          received += value.byteLength;
          controller.enqueue(value);
        } catch (error) {
          finish(error);
          controller.error(error);
        }
      },
      async cancel(reason) {
        finish();
        await reader.cancel(reason);
      },
    });
    return new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  }) as typeof fetch;
}

function bodySize(body: RequestInit['body'] | undefined): number {
  if (body === undefined || body === null) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof URLSearchParams) return Buffer.byteLength(body.toString());
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  return 0;
}
