/**
 * The HTTP trace for bug reports: one entry per request with what a maintainer needs to see
 * and replay the request sequence, and nothing secret — no header but a few harmless response
 * headers, no body, and every query value masked except the few known to be harmless.
 */

/** One request as the trace records it. */
export interface HttpTraceEntry {
  /** The client that sent it (`gopro`, `gphotos`, `google-oauth`). */
  client: string;
  method: string;
  host: string;
  /** Path and query; query values are `***` unless harmless (see {@link tracedUrl}). */
  path: string;
  /** HTTP status; absent when no response came (see `error`). */
  status?: number;
  /** Why no response came (the error's name/code), when it failed before one. */
  error?: string;
  /** Selected response headers ({@link TRACED_HEADERS}). */
  headers: Record<string, string>;
  /** When the request started (ISO time). */
  start: string;
  /** Milliseconds until the response body ended (or the request failed). */
  ms: number;
  bytesSent: number;
  bytesReceived: number;
  /** 0 for a first attempt, n for the n-th retry of the same operation. */
  retry: number;
}

/** Where trace entries go (a file for `--trace-http`); the clients call it. */
export interface HttpTrace {
  /** Writes one request's entry (secrets already masked by the caller's helpers). */
  record(entry: HttpTraceEntry): void;
}

/** Response headers the trace keeps (`location` as its host only). */
export const TRACED_HEADERS = [
  'content-type',
  'content-length',
  'content-range',
  'range',
  'retry-after',
  'x-goog-upload-status',
  'x-goog-upload-size-received',
  'location',
] as const;

/** Query keys whose values are kept: paging and filters, never a credential or signature. */
const HARMLESS_QUERY_KEYS = new Set([
  'page',
  'per_page',
  'pageSize',
  'order_by',
  'fields',
  'type',
  'processing_states',
  'captured_range',
  'xcomposition',
  'excludeNonAppCreatedData',
  'upload_protocol',
]);

/** The host and the masked path+query of `url`. */
export function tracedUrl(url: string): { host: string; path: string } {
  const parsed = new URL(url);
  const query = [...parsed.searchParams]
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key)}=${HARMLESS_QUERY_KEYS.has(key) ? encodeURIComponent(value) : '***'}`,
    )
    .join('&');
  return { host: parsed.host, path: `${parsed.pathname}${query ? `?${query}` : ''}` };
}

/** The traced subset of response headers, read with `get`. */
export function tracedHeaders(
  get: (name: string) => string | null | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of TRACED_HEADERS) {
    const value = get(name);
    if (value === null || value === undefined) continue;
    out[name] = name === 'location' ? hostOf(value) : value;
  }
  return out;
}

function hostOf(location: string): string {
  try {
    return new URL(location).host;
  } catch {
    return '(relative)';
  }
}

/** The short reason of a failed request, never its message (which may hold a URL). */
export function traceErrorOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'error';
  const { code, name } = error as { code?: unknown; name?: unknown };
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof code === 'string') return code;
  return typeof name === 'string' ? name : 'error';
}
