import { Transform } from 'node:stream';
import { currentRetry, trackRetryNumbers } from '../util/retry.js';
import type { ByteRequest } from './byte-request.js';
import { type HttpTrace, tracedHeaders, tracedUrl, traceErrorOf } from './http-trace.js';

/**
 * A {@link ByteRequest} that records every request in `trace` (as `client`): the entry is
 * written when the body ends, is destroyed or fails, with the bytes actually received.
 */
export function traceByteRequest(
  inner: ByteRequest,
  trace: HttpTrace,
  client: string,
): ByteRequest {
  trackRetryNumbers();
  return async (url, init) => {
    const started = Date.now();
    const base = {
      client,
      method: 'GET',
      ...tracedUrl(url),
      start: new Date(started).toISOString(),
      bytesSent: 0,
      retry: currentRetry(),
    };
    let response: Awaited<ReturnType<ByteRequest>>;
    try {
      response = await inner(url, init);
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
    const source = response.body;
    const counted = new Transform({
      readableHighWaterMark: source.readableHighWaterMark,
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        done(null, chunk);
      },
    });
    source.on('error', (error) => {
      finish(error);
      counted.destroy(error);
    });
    counted.once('end', () => finish());
    counted.once('close', () => {
      finish();
      source.destroy();
    });
    source.pipe(counted);
    return { ...response, body: counted };
  };
}
