/**
 * Whatever GoPro's search answers — fields missing, extra, of the wrong type, huge numbers,
 * hostile names, broken or truncated JSON — listing yields units with safe names and sane
 * sizes, or fails with a typed GOPRO_ error. It never throws anything else.
 */
import { isQ2gError, type MediaUnit, type RetryPolicy } from '@q2google/core';
import { createGoProSource, createPastedTokenAuth } from '@q2google/source-gopro';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNSAFE_NAME_CHARS } from '../support/unsafe-chars.js';

const NO_RETRY: RetryPolicy = { retries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 0 };
const RANGE = { from: '2000-01-01T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' };

/** Values of every JSON type, hostile strings and numbers included. */
const anyValue = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 70, 1.5, ''),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('../../x', 'a\u0000b', '\u202Egpj.exe', '9'.repeat(400), 'Photo', 'Video'),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('../../etc/passwd', 'a\u0000b.JPG', '\u202Egpj.exe', '..', 'x/../../y.MP4'),
);

/** A plausible search item with hostile names, and sometimes a field missing or wrong-typed. */
const hostileItem = fc
  .record({
    id: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    filename: fc.option(hostileText),
    file_extension: fc.oneof(fc.constantFrom('JPG', 'MP4', '360', 'GPR'), hostileText),
    type: fc.constantFrom('Photo', 'Video', 'Burst', 'TimeLapse', 'MultiClipEdit', 'Weird'),
    captured_at: fc.constantFrom('2024-05-01T10:00:00Z', '2024-05-01', 'yesterday', ''),
    file_size: fc.nat(),
    ready_to_view: fc.constantFrom('ready', 'transcoding', 'failure'),
    surprise: anyValue,
  })
  .chain((item) =>
    fc
      .option(fc.tuple(fc.constantFrom(...Object.keys(item)), fc.option(anyValue)), {
        freq: 2,
      })
      .map((change) => {
        if (!change) return item as Record<string, unknown>;
        const [field, value] = change;
        const copy: Record<string, unknown> = { ...item };
        if (value === null) delete copy[field];
        else copy[field] = value;
        return copy;
      }),
  );

/** A whole search response, sometimes truncated or not JSON at all. */
const structuredBody = fc
  .record({
    items: fc.array(hostileItem, { maxLength: 6 }),
    pages: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constant({ current_page: 1, per_page: 100, total_items: 6, total_pages: 1 }),
      },
      { weight: 1, arbitrary: anyValue },
    ),
  })
  .map(({ items, pages }) => JSON.stringify({ _pages: pages, _embedded: { media: items } }));

/** A whole search response: mostly well-formed JSON, sometimes truncated or not JSON at all. */
const hostileBody = fc.oneof(
  { weight: 6, arbitrary: structuredBody },
  { weight: 1, arbitrary: structuredBody.map((text) => text.slice(0, text.length >> 1)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);

async function listAll(body: string): Promise<MediaUnit[]> {
  const fetchStub = (async () =>
    new Response(body, {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })) as typeof fetch;
  const source = createGoProSource({
    auth: createPastedTokenAuth({ accessToken: 'token', userId: 'user' }),
    baseUrl: 'http://127.0.0.1:9',
    fetch: fetchStub,
    retry: NO_RETRY,
    shortPageRetries: 0,
  });
  const units: MediaUnit[] = [];
  const pages = source.listUnits({
    range: RANGE,
    mediaTypes: [],
    options: {},
    cursor: null,
    signal: AbortSignal.timeout(5_000),
  });
  for await (const page of pages) {
    units.push(...page.units);
    if (units.length > 1_000) break;
  }
  return units;
}

describe('GoPro search answers built to break the parser', () => {
  it('give safe units or a typed GOPRO_ error, never a crash', async () => {
    const outcomes = { units: 0, typedErrors: 0 };
    await fc.assert(
      fc.asyncProperty(hostileBody, async (body) => {
        try {
          for (const unit of await listAll(body)) {
            outcomes.units += 1;
            expect(unit.fileName).not.toMatch(UNSAFE_NAME_CHARS);
            expect(Buffer.byteLength(unit.fileName, 'utf8')).toBeLessThanOrEqual(255);
            if (unit.size !== null) expect(Number.isSafeInteger(unit.size)).toBe(true);
            expect(Number.isNaN(Date.parse(unit.capturedAt ?? ''))).toBe(false);
          }
        } catch (error) {
          expect(isQ2gError(error), String(error)).toBe(true);
          expect((error as { code: string }).code).toMatch(/^GOPRO_/);
          outcomes.typedErrors += 1;
        }
      }),
      { numRuns: 300 },
    );
    console.info(`[reliability] hostile/gopro-json: ${JSON.stringify(outcomes)}`);
    // Both paths were exercised: hostile but valid pages gave units, broken ones typed errors.
    expect(outcomes.units).toBeGreaterThan(30);
    expect(outcomes.typedErrors).toBeGreaterThan(10);
  });
});
