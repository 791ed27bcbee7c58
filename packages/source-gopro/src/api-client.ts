import {
  abortError,
  DEFAULT_RETRY_POLICY,
  fetchVia,
  Q2gError,
  type RetryNotice,
  type RetryPolicy,
  redactSecrets,
  sharedHttpDispatcher,
  withRetry,
} from '@q2google/core';
import type { z } from 'zod';
import type { GoProAuth, GoProCredentials } from './auth/credentials.js';
import { PASTED_TOKEN_HINT } from './auth/credentials.js';
import { badResponse, httpStatusError, networkError, parseJson } from './http-errors.js';

/** The vendor media type every client sends (spec §2.1). */
export const GOPRO_ACCEPT = 'application/vnd.gopro.jk.media+json; version=2.0.0';

/** Options of {@link GoProApi}. */
export interface GoProApiOptions {
  auth: GoProAuth;
  /** `https://api.gopro.com` by default. */
  baseUrl?: string;
  /** The `fetch` to call the API with; the global one by default. */
  fetch?: typeof fetch;
  retry?: RetryPolicy;
  /** Sent as Origin (and Referer `<origin>/`) when set; GoPro's web app uses https://plus.gopro.com. */
  origin?: string;
  userAgent?: string;
  /** Told before each retry (for progress displays and logs). */
  onRetry?: (notice: RetryNotice) => void;
}

/**
 * The JSON half of the GoPro API: sends Bearer + both cookies + the vendor Accept header,
 * renews credentials once on a 401, retries 429/5xx/network failures with backoff honouring
 * Retry-After, and validates every body with zod. Errors never contain a token.
 */
export class GoProApi {
  readonly baseUrl: string;
  readonly #options: GoProApiOptions;
  readonly #fetch: typeof fetch;

  constructor(options: GoProApiOptions) {
    this.#options = options;
    this.baseUrl = (options.baseUrl ?? 'https://api.gopro.com').replace(/\/+$/, '');
    this.#fetch = options.fetch ?? fetchVia(sharedHttpDispatcher());
  }

  /** GETs `path?query`, validated by `schema`; `what` names the call in errors. */
  async get<S extends z.ZodType>(
    what: string,
    path: string,
    query: Record<string, string> | undefined,
    schema: S,
    signal?: AbortSignal,
  ): Promise<z.infer<S>> {
    const url = `${this.baseUrl}${path}${query ? `?${new URLSearchParams(query)}` : ''}`;
    const policy = this.#options.retry ?? DEFAULT_RETRY_POLICY;
    try {
      return await withRetry(() => this.#attempt(what, url, schema, signal), policy, {
        ...(signal ? { signal } : {}),
        ...(this.#options.onRetry ? { onRetry: this.#options.onRetry } : {}),
      });
    } catch (error) {
      throw this.#scrub(error);
    }
  }

  async #attempt<S extends z.ZodType>(what: string, url: string, schema: S, signal?: AbortSignal) {
    const { auth } = this.#options;
    let credentials = await auth.current(signal);
    let res = await this.#send(what, url, credentials, signal);
    if (res.status === 401) {
      await res.body?.cancel();
      credentials = await auth.renew(credentials.accessToken, signal);
      res = await this.#send(what, url, credentials, signal);
      if (res.status === 401) {
        await res.body?.cancel();
        throw new Q2gError('GOPRO_AUTH_EXPIRED', `${what}: GoPro refused the access token (401).`, {
          hint: auth.canRenew
            ? 'Log in again with your GoPro email and password.'
            : PASTED_TOKEN_HINT,
        });
      }
    }
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw networkError(what, error);
    }
    if (res.status !== 200) throw httpStatusError(res.status, what, res.headers);
    const parsed = schema.safeParse(parseJson(text, what));
    if (!parsed.success) throw badResponse(what, parsed.error);
    return parsed.data;
  }

  async #send(what: string, url: string, credentials: GoProCredentials, signal?: AbortSignal) {
    const cookies = [`gp_access_token=${credentials.accessToken}`];
    if (credentials.userId) cookies.push(`gp_user_id=${credentials.userId}`);
    const headers: Record<string, string> = {
      accept: GOPRO_ACCEPT,
      authorization: `Bearer ${credentials.accessToken}`,
      cookie: cookies.join('; '),
      'user-agent': this.#options.userAgent ?? 'q2google',
    };
    if (this.#options.origin) {
      headers.origin = this.#options.origin;
      headers.referer = `${this.#options.origin}/`;
    }
    try {
      return await this.#fetch(url, { headers, ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      throw networkError(what, error);
    }
  }

  /** The error with every secret the auth holds replaced by `***`. */
  #scrub(error: unknown): unknown {
    if (!(error instanceof Error)) return error;
    const clean = redactSecrets(error.message, this.#options.auth.secrets());
    if (clean !== error.message) error.message = clean;
    return error;
  }
}
