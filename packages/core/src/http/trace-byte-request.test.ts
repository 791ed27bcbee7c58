import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type ByteRequest, headerReader } from './byte-request.js';
import type { HttpTraceEntry } from './http-trace.js';
import { traceByteRequest } from './trace-byte-request.js';

const answering =
  (status: number, chunks: Buffer[] | (() => Readable)): ByteRequest =>
  async () => ({
    status,
    headers: headerReader({ 'content-type': 'video/mp4', 'set-cookie': 'secret=1' }),
    body: typeof chunks === 'function' ? chunks() : Readable.from(chunks),
  });

function traced(inner: ByteRequest) {
  const entries: HttpTraceEntry[] = [];
  return { entries, request: traceByteRequest(inner, { record: (e) => entries.push(e) }, 'gopro') };
}

describe('a traced byte request', () => {
  it('records the status, selected headers and every byte received once the body ends', async () => {
    const { entries, request } = traced(answering(206, [Buffer.alloc(1000), Buffer.alloc(24)]));
    const res = await request('https://cdn.example/v.mp4?X-Amz-Signature=abc', {
      headers: { range: 'bytes=5-' },
    });
    let read = 0;
    for await (const chunk of res.body) read += (chunk as Buffer).length;
    expect(read).toBe(1024);
    expect(entries.map(({ start: _s, ms: _m, ...rest }) => rest)).toEqual([
      {
        client: 'gopro',
        method: 'GET',
        host: 'cdn.example',
        path: '/v.mp4?X-Amz-Signature=***',
        status: 206,
        headers: { 'content-type': 'video/mp4' },
        bytesSent: 0,
        bytesReceived: 1024,
        retry: 0,
      },
    ]);
  });

  it('records a body dropped part-way, and releases the response it came from', async () => {
    let source: Readable | undefined;
    const { entries, request } = traced(
      answering(200, () => {
        source = Readable.from(
          (async function* () {
            for (;;) yield Buffer.alloc(64 * 1024);
          })(),
        );
        return source;
      }),
    );
    const res = await request('https://cdn.example/v.mp4');
    for await (const _chunk of res.body) break;
    await new Promise((resolve) => setImmediate(resolve));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 200 });
    expect(entries[0]!.bytesReceived).toBeGreaterThan(0);
    expect(source!.destroyed).toBe(true);
  });

  it('records a body that failed mid-way with the reason, and passes the failure on', async () => {
    const { entries, request } = traced(
      answering(200, () =>
        Readable.from(
          (async function* () {
            yield Buffer.alloc(7);
            throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
          })(),
        ),
      ),
    );
    const res = await request('https://cdn.example/v.mp4');
    const read = async () => {
      for await (const _chunk of res.body) {
        // drain
      }
    };
    await expect(read()).rejects.toThrow('socket hang up');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 200, error: 'ECONNRESET', bytesReceived: 7 });
  });

  it('records a request that got no response', async () => {
    const { entries, request } = traced(async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    await expect(request('https://cdn.example/v.mp4')).rejects.toThrow('ECONNREFUSED');
    expect(entries[0]).toMatchObject({ error: 'ECONNREFUSED', bytesReceived: 0 });
  });
});
