import { describe, expect, it } from 'vitest';
import { Q2gError } from '../errors/q2g-error.js';
import { withRetry } from '../util/retry.js';
import type { HttpTraceEntry } from './http-trace.js';
import { traceFetch } from './trace-fetch.js';

const noWait = { retries: 3, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 };

describe('a traced fetch', () => {
  it('records status, bytes received, selected headers and the retry number of each attempt', async () => {
    const entries: HttpTraceEntry[] = [];
    const statuses = [503, 200];
    const inner = (async () =>
      new Response('hello world', {
        status: statuses.shift()!,
        headers: { 'content-type': 'text/plain', 'set-cookie': 'secret=1' },
      })) as unknown as typeof fetch;
    const traced = traceFetch(inner, { record: (entry) => entries.push(entry) }, 'gopro');
    const body = await withRetry(async () => {
      const res = await traced('https://api.example/media/search?page=1&token=abc', {
        method: 'POST',
        body: 'a=1',
      });
      const text = await res.text();
      if (res.status !== 200) throw new Q2gError('GOPRO_HTTP', 'try again', { retryable: true });
      return text;
    }, noWait);
    expect(body).toBe('hello world');
    expect(entries.map(({ start: _s, ms: _m, ...rest }) => rest)).toEqual(
      [0, 1].map((retry) => ({
        client: 'gopro',
        method: 'POST',
        host: 'api.example',
        path: '/media/search?page=1&token=***',
        status: retry === 0 ? 503 : 200,
        headers: { 'content-type': 'text/plain' },
        bytesSent: 3,
        bytesReceived: 11,
        retry,
      })),
    );
  });

  it('records a request that got no response, with the reason but not the message', async () => {
    const entries: HttpTraceEntry[] = [];
    const inner = (async () => {
      throw Object.assign(new TypeError('fetch failed https://x/?token=abc'), {
        cause: { code: 'ECONNREFUSED' },
      });
    }) as unknown as typeof fetch;
    const traced = traceFetch(inner, { record: (entry) => entries.push(entry) }, 'gopro');
    await expect(traced('https://x/')).rejects.toThrow('fetch failed');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ error: 'ECONNREFUSED', bytesReceived: 0, retry: 0 });
    expect(JSON.stringify(entries)).not.toContain('abc');
  });
});
