import type { Readable } from 'node:stream';
import {
  abortError,
  type ByteRequest,
  type ByteResponse,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isQ2gError,
  type MediaUnit,
  Q2gError,
  type RetryNotice,
  type RetryPolicy,
  readBoundedStream,
  redactUri,
  type SourceStream,
  sleep,
  withRetry,
} from '@q2google/core';
import type { DescriptorCache } from './descriptor-cache.js';
import { httpStatusError, networkError } from './http-errors.js';
import { findPart } from './select-parts.js';

/** What opening a unit needs. */
export interface OpenerDeps {
  descriptors: DescriptorCache;
  /** Fetches the CDN's bytes (undici's `request`: a Node stream body). */
  download: ByteRequest;
  retry: RetryPolicy;
  onRetry?: (notice: RetryNotice) => void;
}

interface OpenedBody {
  total: number;
  body: AsyncIterable<Uint8Array>;
  /** The response stream under `body` (none for an empty body). */
  response?: Readable;
}

const parseTotal = (range: string | null) => {
  const total = /\/(\d+)\s*$/.exec(range ?? '')?.[1];
  return total === undefined ? undefined : Number(total);
};

async function* skipBytes(
  body: AsyncIterable<Uint8Array>,
  count: number,
): AsyncGenerator<Uint8Array> {
  let left = count;
  for await (const chunk of body) {
    if (left >= chunk.length) {
      left -= chunk.length;
      continue;
    }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}

/** The most of an error body read to look for S3's error code. */
const ERROR_BODY_MAX_BYTES = 64 * 1024;

/**
 * Whether a CDN 400 is S3's `ExpiredToken`: the URL's signing session (temporary STS
 * credentials) ended before the URL's own expiry (spec §7 G3). Reads the small XML body
 * (at most {@link ERROR_BODY_MAX_BYTES}); the body is consumed or destroyed either way.
 */
async function isExpiredToken(res: ByteResponse): Promise<boolean> {
  try {
    const body = await readBoundedStream(res.body, ERROR_BODY_MAX_BYTES);
    return (
      body !== undefined &&
      /<Code>\s*ExpiredToken\s*<\/Code>/.test(Buffer.from(body).toString('utf8'))
    );
  } catch {
    return false;
  }
}

/** Drops the rest of a body that will not be read (its abort error is expected, not news). */
const discard = (res: Pick<ByteResponse, 'body'>) => {
  res.body.on('error', () => {}).destroy();
};

/**
 * One GET of the unit's signed URL from `offset`; a refused URL (403, or 400 `ExpiredToken`)
 * is refreshed once at once.
 */
async function openOnce(
  deps: OpenerDeps,
  unit: MediaUnit,
  offset: number,
  signal?: AbortSignal,
): Promise<OpenedBody> {
  const what = `GoPro download of ${unit.fileName}`;
  for (let refreshed = 0; ; refreshed++) {
    const descriptor = await deps.descriptors.get(unit.mediaId, signal);
    const entry = findPart(descriptor, unit.part);
    if (!entry) {
      throw new Q2gError('GOPRO_NOT_FOUND', `${what}: GoPro no longer offers part "${unit.part}".`);
    }
    let res: ByteResponse;
    try {
      // never any GoPro auth here: the URL is pre-signed and S3 rejects a second mechanism
      const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
      res = await deps.download(entry.url, { headers, ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      throw networkError(what, error);
    }
    if (res.status === 400 && !(await isExpiredToken(res))) {
      throw httpStatusError(res.status, what, res.headers);
    }
    if (res.status === 403 || res.status === 400) {
      discard(res);
      deps.descriptors.invalidate(unit.mediaId);
      if (refreshed === 0) continue;
      throw new Q2gError(
        'GOPRO_URL_EXPIRED',
        `${what}: the signed URL was refused (${res.status}).`,
        { retryable: true, details: { url: redactUri(entry.url) } },
      );
    }
    if (res.status === 416) {
      discard(res);
      const total = parseTotal(res.headers.get('content-range'));
      if (total === offset) return { total, body: (async function* () {})() };
      throw new Q2gError(
        'GOPRO_SIZE_MISMATCH',
        `${what}: offset ${offset} is past the end (${total ?? '?'} bytes).`,
        {
          details: { offset, total },
        },
      );
    }
    if (res.status !== 200 && res.status !== 206) {
      discard(res);
      throw httpStatusError(res.status, what, res.headers);
    }
    const length = Number(res.headers.get('content-length') ?? Number.NaN);
    const body = res.body;
    if (res.status === 206) {
      const total = parseTotal(res.headers.get('content-range'));
      const start = Number(/bytes\s+(\d+)-/.exec(res.headers.get('content-range') ?? '')?.[1]);
      if (total === undefined || start !== offset) {
        discard(res);
        throw new Q2gError(
          'GOPRO_BAD_RESPONSE',
          `${what}: bad Content-Range for offset ${offset}.`,
          {
            details: { field: 'content-range' },
          },
        );
      }
      return { total, body, response: res.body };
    }
    if (!Number.isFinite(length)) {
      discard(res);
      throw new Q2gError('GOPRO_BAD_RESPONSE', `${what}: no Content-Length on a full download.`, {
        details: { field: 'content-length' },
      });
    }
    // a plain 200 ignores the Range: drop the bytes before `offset`
    return {
      total: length,
      body: offset > 0 ? skipBytes(body, offset) : body,
      response: res.body,
    };
  }
}

/**
 * Opens a unit from `offset`: the served size (Content-Range total or Content-Length) is the
 * truth; expired URLs (403, or 400 `ExpiredToken` when the signing session ended first) get a
 * fresh descriptor; 429/5xx/network errors are retried with backoff honouring
 * Retry-After; a connection dropped mid-body resumes from the last byte received (Range)
 * within the retry budget. The body is streamed, never buffered.
 */
export async function openGoProUnit(
  deps: OpenerDeps,
  unit: MediaUnit,
  offset: number,
  signal?: AbortSignal,
): Promise<SourceStream> {
  const policy = deps.retry ?? DEFAULT_RETRY_POLICY;
  const retryOptions = {
    ...(signal ? { signal } : {}),
    ...(deps.onRetry ? { onRetry: deps.onRetry } : {}),
  };
  const open = (at: number) =>
    withRetry(() => openOnce(deps, unit, at, signal), policy, retryOptions);
  const first = await open(offset);
  const total = first.total;
  async function* resuming(): AsyncGenerator<Uint8Array> {
    let position = offset;
    let current = first;
    let failures = 0;
    for (;;) {
      const before = position;
      try {
        for await (const chunk of current.body) {
          position += chunk.length;
          yield chunk;
        }
        if (position >= total) return;
        throw networkError(`GoPro download of ${unit.fileName}`, new Error('the body ended early'));
      } catch (error) {
        if (signal?.aborted) throw abortError(signal);
        const failure = isQ2gError(error)
          ? error
          : networkError(`GoPro download of ${unit.fileName}`, error);
        if (!failure.retryable) throw failure;
        failures = position > before ? 1 : failures + 1;
        if (failures > policy.retries) throw failure;
        const delayMs = backoffDelay(failures - 1, policy, policy.random ?? Math.random);
        deps.onRetry?.({ attempt: failures, delayMs, error: failure });
        await (policy.sleep ?? sleep)(delayMs, signal);
        current = await open(position);
        if (current.total !== total) {
          throw new Q2gError(
            'GOPRO_SIZE_MISMATCH',
            `GoPro download of ${unit.fileName}: the size changed from ${total} to ${current.total} while resuming.`,
          );
        }
      }
    }
  }
  return { totalSize: total, offset, body: releasingUnread(resuming, first) };
}

/**
 * `pages()` as an async iterable whose early `return()` also drops the first response's body:
 * a generator closed before its first `next()` never runs, so a body opened only to learn the
 * size (a unit skipped, or resumed elsewhere) would otherwise hold its connection.
 */
function releasingUnread(
  pages: () => AsyncGenerator<Uint8Array>,
  first: OpenedBody,
): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      const inner = pages();
      return {
        next: () => inner.next(),
        throw: (error?: unknown) => inner.throw(error),
        return: (value?: unknown) => {
          if (first.response) discard({ body: first.response });
          return inner.return(value as undefined);
        },
      };
    },
  };
}
