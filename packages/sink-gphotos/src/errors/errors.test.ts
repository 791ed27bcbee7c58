import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './classify.js';
import { parseErrorBody } from './error-body.js';
import { nextPacificMidnight } from './pacific-midnight.js';

const response = (status: number, text: string, headers: Record<string, string> = {}) => ({
  status,
  text,
  headers,
});

describe('parseErrorBody', () => {
  it('reads the wrapped JSON API shape', () => {
    const body =
      '{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","errors":[{"reason":"rateLimitExceeded"}]}}';
    expect(parseErrorBody(body)).toEqual({
      code: 429,
      message: 'Quota exceeded',
      status: 'RESOURCE_EXHAUSTED',
      reason: 'rateLimitExceeded',
    });
  });

  it('reads the bare status of upload URLs', () => {
    expect(parseErrorBody('{"code":3,"message":"Payload must not be empty"}')).toMatchObject({
      code: 3,
      message: 'Payload must not be empty',
    });
  });

  it('survives HTML and empty bodies', () => {
    expect(parseErrorBody('<html><body><h1>Error 502</h1></body></html>').message).toBe(
      'Error 502',
    );
    expect(parseErrorBody('').message).toBe('(empty body)');
  });
});

describe('errorFromResponse', () => {
  const classify = (status: number, message: string, headers: Record<string, string> = {}) =>
    errorFromResponse(
      response(status, JSON.stringify({ error: { code: status, message } }), headers),
      {
        operation: 'batchCreate',
        now: () => Date.parse('2025-07-14T12:00:00Z'),
      },
    );

  it.each([
    "Quota exceeded for quota metric 'All requests' and limit 'All requests per day' of service 'photoslibrary.googleapis.com'",
    "Quota exceeded for quota metric 'photoslibrary.googleapis.com/all_requests' and limit 'ApiCallsPerProjectPerDay'",
  ])('tells a daily 429 by its message: %s', (message) => {
    const error = classify(429, message);
    expect(error.code).toBe('GPHOTOS_QUOTA_EXHAUSTED');
    expect(error.retryable).toBe(false);
    expect(error.details?.resumeAt).toBe('2025-07-15T07:00:00.000Z');
  });

  it('treats a per-minute 429 as retryable after at least 30 s, or Retry-After when longer', () => {
    const perMinute =
      "Quota exceeded for quota metric 'write_requests' and limit 'WritesPerMinutePerUser'";
    expect(classify(429, perMinute)).toMatchObject({
      code: 'GPHOTOS_RATE_LIMITED',
      retryable: true,
      retryAfterMs: 30_000,
    });
    expect(classify(429, perMinute, { 'retry-after': '90' }).retryAfterMs).toBe(90_000);
  });

  it('maps 5xx to retryable, 501 and 400 to permanent, 403 scopes and 413', () => {
    expect(classify(503, 'x')).toMatchObject({ code: 'GPHOTOS_HTTP', retryable: true });
    expect(classify(501, 'x').retryable).toBe(false);
    expect(classify(400, 'bad').retryable).toBe(false);
    expect(classify(403, 'Request had insufficient authentication scopes.').code).toBe(
      'GPHOTOS_SCOPE_MISSING',
    );
    expect(classify(413, 'too big').code).toBe('GPHOTOS_FILE_TOO_LARGE');
  });
});

describe('nextPacificMidnight', () => {
  it.each([
    ['2025-07-14T12:00:00Z', '2025-07-15T07:00:00.000Z'], // PDT
    ['2025-01-14T07:59:59Z', '2025-01-14T08:00:00.000Z'], // PST, one second before midnight
    ['2025-03-09T09:00:00Z', '2025-03-10T07:00:00.000Z'], // DST starts that day
  ])('after %s is %s', (now, expected) => {
    expect(nextPacificMidnight(Date.parse(now)).toISOString()).toBe(expected);
  });
});
