import { Transform } from 'node:stream';
import { trackRetryNumbers } from '../util/retry.js';
import type { ByteRequest } from './byte-request.js';
import type { HttpTrace } from './http-trace.js';
import { beginTracedRequest } from './traced-request.js';

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
    const traced = beginTracedRequest(trace, { client, method: 'GET', url, bytesSent: 0 });
    let response: Awaited<ReturnType<ByteRequest>>;
    try {
      response = await inner(url, init);
    } catch (error) {
      traced.failed(error);
      throw error;
    }
    const finish = traced.responded(response.status, (name) => response.headers.get(name));
    const source = response.body;
    const counted = new Transform({
      readableHighWaterMark: source.readableHighWaterMark,
      transform(chunk: Buffer, _encoding, done) {
        traced.received(chunk.length);
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
