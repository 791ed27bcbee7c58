import { currentRetry } from '../util/retry.js';
import { type HttpTrace, tracedHeaders, tracedUrl, traceErrorOf } from './http-trace.js';

/** What a traced request is, as known when it is sent. */
export interface TracedRequestStart {
  client: string;
  method: string;
  url: string;
  bytesSent: number;
}

/** One request's trace entry, begun when it is sent and recorded exactly once. */
export interface TracedRequest {
  /** The request failed before any response: records it with the error. */
  failed(error: unknown): void;
  /** Counts bytes of the response body as they arrive. */
  received(bytes: number): void;
  /** The response came: returns the call that records it when its body ends or fails. */
  responded(status: number, header: (name: string) => string | null): (error?: unknown) => void;
}

/**
 * Begins the trace entry of one request (the fetch and the byte-request tracers share it): the
 * time, retry number and URL are taken now; the entry is written once, on failure or when the
 * response body is done, with the bytes actually received.
 */
export function beginTracedRequest(trace: HttpTrace, start: TracedRequestStart): TracedRequest {
  const started = Date.now();
  const base = {
    client: start.client,
    method: start.method,
    ...tracedUrl(start.url),
    start: new Date(started).toISOString(),
    bytesSent: start.bytesSent,
    retry: currentRetry(),
  };
  let received = 0;
  let recorded = false;
  const record = (outcome: {
    status?: number;
    error?: string;
    headers: Record<string, string>;
  }) => {
    if (recorded) return;
    recorded = true;
    trace.record({ ...base, ...outcome, ms: Date.now() - started, bytesReceived: received });
  };
  return {
    failed: (error) => record({ error: traceErrorOf(error), headers: {} }),
    received: (bytes) => {
      received += bytes;
    },
    responded: (status, header) => (error) =>
      record({
        status,
        ...(error === undefined ? {} : { error: traceErrorOf(error) }),
        headers: tracedHeaders(header),
      }),
  };
}
