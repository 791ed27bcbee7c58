import {
  DEFAULT_RETRY_POLICY,
  isQ2gError,
  Q2gError,
  type RetryPolicy,
  withRetry,
} from '@q2google/core';
import type { z } from 'zod';
import type { GooglePhotosAuth } from '../auth/google-auth.js';
import { errorFromResponse } from '../errors/classify.js';
import type { HttpRequest, HttpResponse, HttpTransport } from './transport.js';

/** Settings shared by every call the sink makes. */
export interface ApiClientOptions {
  /** `https://photoslibrary.googleapis.com` in production, the sandbox in tests. */
  baseUrl: string;
  auth: GooglePhotosAuth;
  transport: HttpTransport;
  now: () => number;
  /** Shortest wait after a per-minute 429. */
  rateLimitFloorMs: number;
  /** How reads (`read`) are retried; the default policy when absent. */
  retry?: RetryPolicy;
}

/** A request without credentials; the client adds fresh ones for every attempt. */
export type UnauthedRequest = Omit<HttpRequest, 'headers'> & { headers?: Record<string, string> };

/** Authorised HTTP calls to the Library API with typed errors. */
export class ApiClient {
  /** Google's daily-quota answer of this client, while its reset is ahead: no request goes out. */
  #quotaClosed: { until: number; error: Q2gError } | undefined;

  constructor(readonly options: ApiClientOptions) {}

  /** Absolute URL of an API path (`/v1/...`). */
  url(path: string): string {
    return new URL(path, `${this.options.baseUrl.replace(/\/+$/, '')}/`).toString();
  }

  /**
   * Sends with fresh credentials. A 401 triggers one refresh; a replayable body (text/bytes)
   * is then re-sent once, a streamed body is not (the 401 is returned to the caller).
   */
  async send(request: UnauthedRequest): Promise<HttpResponse> {
    this.#throwWhileQuotaClosed();
    const attempt = async () =>
      this.options.transport({
        ...request,
        headers: { ...request.headers, ...(await this.options.auth.headers()) },
      });
    const response = await attempt();
    if (response.status !== 401) return response;
    await this.options.auth.refresh();
    const replayable =
      request.body === undefined ||
      typeof request.body === 'string' ||
      request.body instanceof Uint8Array;
    return replayable ? attempt() : response;
  }

  /** Throws the typed error for a non-2xx response. */
  check(response: HttpResponse, operation: string): HttpResponse {
    if (response.status >= 200 && response.status < 300) return response;
    const error = errorFromResponse(response, {
      operation,
      now: this.options.now,
      rateLimitFloorMs: this.options.rateLimitFloorMs,
    });
    const until = Date.parse(String(error.details?.resumeAt));
    if (isQ2gError(error, 'GPHOTOS_QUOTA_EXHAUSTED') && !Number.isNaN(until)) {
      this.#quotaClosed = { until, error };
    }
    throw error;
  }

  /**
   * After Google said the daily quota is used up, every later call (another upload lane's, a
   * retry's) fails the same way without a request until the quota resets.
   */
  #throwWhileQuotaClosed(): void {
    const closed = this.#quotaClosed;
    if (!closed) return;
    if (this.options.now() >= closed.until) this.#quotaClosed = undefined;
    else throw closed.error;
  }

  /** Sends a JSON request and parses a 2xx body with `schema`. */
  async json<S extends z.ZodType>(
    schema: S,
    method: 'GET' | 'POST',
    path: string,
    operation: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<z.infer<S>> {
    const response = this.check(
      await this.send({
        method,
        url: this.url(path),
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      }),
      operation,
    );
    return parseJson(schema, response, operation);
  }
}

/**
 * A read that changes nothing (listing, searching), so it is safe to repeat: `json` retried
 * with backoff on retryable failures (5xx, per-minute 429, network).
 */
export function readJson<S extends z.ZodType>(
  api: ApiClient,
  ...args: Parameters<ApiClient['json']>
): Promise<z.infer<S>> {
  const signal = args[5];
  return withRetry(
    () => api.json(...args) as Promise<z.infer<S>>,
    api.options.retry ?? DEFAULT_RETRY_POLICY,
    signal ? { signal } : {},
  );
}

/** Parses a response body with `schema`, or throws GPHOTOS_BAD_RESPONSE. */
export function parseJson<S extends z.ZodType>(
  schema: S,
  response: HttpResponse,
  operation: string,
): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(response.text || '{}');
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new Q2gError(
      'GPHOTOS_BAD_RESPONSE',
      `Google Photos ${operation} returned an unexpected body.`,
      {
        details: { httpStatus: response.status, issues: parsed.error.issues.slice(0, 3) },
      },
    );
  }
  return parsed.data;
}
