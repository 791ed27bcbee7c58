/**
 * Whatever a server claiming to be Google Photos answers — malformed, truncated, wrong-typed or
 * foreign JSON, with any status — the sink returns a well-formed result per item or throws a
 * typed GPHOTOS_ error. It never throws anything else, and never invents a created item.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BatchItemResultSchema, isQ2gError } from '@q2google/core';
import { createGooglePhotosSink } from '@q2google/sink-gphotos';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let reply: { status: number; body: string } = { status: 200, body: '{}' };
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sink = () =>
  createGooglePhotosSink({
    baseUrl,
    auth: {
      headers: async () => ({ authorization: 'Bearer test' }),
      refresh: async () => {},
      grantedScopes: () => undefined,
    },
    retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 0 },
    rateLimitFloorMs: 0,
  });

const anyJson = fc.jsonValue({ maxDepth: 3 });
/** batchCreate-shaped answers with parts missing or wrong, and plain garbage. */
const hostileAnswer = fc.oneof(
  fc
    .array(
      fc.record(
        {
          uploadToken: fc.oneof(fc.constantFrom('t0', 't1', 't2'), anyJson),
          status: fc.oneof(
            fc.record({ message: fc.string(), code: fc.oneof(fc.integer(), anyJson) }),
            anyJson,
          ),
          mediaItem: fc.oneof(
            fc.record({ id: fc.oneof(fc.string(), anyJson), filename: anyJson }),
            anyJson,
          ),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 5 },
    )
    .map((results) => JSON.stringify({ newMediaItemResults: results })),
  anyJson.map((value) => JSON.stringify(value)),
  anyJson.map((value) => JSON.stringify(value).slice(0, 7)),
  fc.string({ unit: 'binary', maxLength: 100 }),
);
const status = fc.constantFrom(200, 200, 200, 207, 400, 401, 403, 404, 409, 429, 500, 503);

const items = ['t0', 't1', 't2'].map((token, i) => ({
  key: `k${i}`,
  uploadToken: token,
  fileName: `f${i}.jpg`,
}));

describe('a Google Photos server answering batchCreate with anything', () => {
  it('gives one well-formed result per item or a typed GPHOTOS_ error', async () => {
    const seen = { results: 0, typedErrors: 0 };
    await fc.assert(
      fc.asyncProperty(status, hostileAnswer, async (code, body) => {
        reply = { status: code, body };
        try {
          const results = await sink().createItems(items, { signal: AbortSignal.timeout(5_000) });
          seen.results += 1;
          expect(results.map((r) => r.key).sort()).toEqual(['k0', 'k1', 'k2']);
          for (const result of results) {
            // Each result is one the engine can store; created only with a Google id in hand.
            expect(BatchItemResultSchema.safeParse(result).success, JSON.stringify(result)).toBe(
              true,
            );
            if (result.outcome === 'created') expect(result.mediaItemId.length).toBeGreaterThan(0);
          }
        } catch (error) {
          expect(isQ2gError(error), String(error)).toBe(true);
          expect((error as { code: string }).code).toMatch(/^GPHOTOS_/);
          seen.typedErrors += 1;
        }
      }),
      { numRuns: 250 },
    );
    console.info(`[reliability] hostile/google-batchCreate: ${JSON.stringify(seen)}`);
    expect(seen.typedErrors).toBeGreaterThan(10);
  });
});
