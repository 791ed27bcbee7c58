/**
 * The request-body limit: the API's forms are small JSON bodies, so anything past a few KB is
 * refused with 413 before it is buffered (by Content-Length, or counted as a chunked body
 * streams in).
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { jsonError } from '../http-errors.js';

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Middleware refusing larger bodies with `413 PAYLOAD_TOO_LARGE`. */
export function limitBodies(): MiddlewareHandler {
  return bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      jsonError(
        c,
        413,
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`,
      ),
  });
}
