import { trackRetryNumbers } from '../util/retry.js';
import type { HttpTrace } from './http-trace.js';
import { beginTracedRequest } from './traced-request.js';

/**
 * `fetch` that records every request in `trace` (as `client`): the entry is written when the
 * response body ends, is cancelled or fails, with the bytes actually received.
 */
export function traceFetch(inner: typeof fetch, trace: HttpTrace, client: string): typeof fetch {
  trackRetryNumbers();
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const traced = beginTracedRequest(trace, {
      client,
      method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
      url,
      bytesSent: bodySize(init?.body),
    });
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      traced.failed(error);
      throw error;
    }
    const finish = traced.responded(response.status, (name) => response.headers.get(name));
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
          traced.received(value.byteLength);
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
