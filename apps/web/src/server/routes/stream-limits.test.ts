/**
 * The event stream is bounded: a few streams per browser session, and a client that stops
 * reading gets one `resync` message (then a fresh snapshot) instead of an ever-growing queue.
 */
import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../shared/api-types.js';
import { createHarness } from '../testing/harness.js';
import { MAX_QUEUED_MESSAGES, MAX_STREAMS_PER_SESSION } from './stream-routes.js';

/** Reads a stream until `done` says so on the text read so far (or 5 s pass). */
async function readUntil(body: ReadableStream<Uint8Array>, done: (text: string) => boolean) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 5_000;
  while (!done(text) && Date.now() < deadline) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  return { text, reader };
}

describe('event stream limits', () => {
  it(`opens at most ${MAX_STREAMS_PER_SESSION} streams per session`, async () => {
    const { get } = await (await createHarness()).login();
    const open: Response[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_SESSION; i += 1) {
      const stream = await get('/api/stream');
      expect(stream.status).toBe(200);
      open.push(stream);
    }
    const refused = await get('/api/stream');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: {
        code: 'TOO_MANY_STREAMS',
        message: 'This session has too many live views open; close a tab.',
      },
    });
    await open[0]!.body!.cancel();
    await expect.poll(async () => (await get('/api/stream')).status).toBe(200);
  });

  it('sends a client that stopped reading one resync, not every message it missed', async () => {
    const harness = await createHarness();
    const { get } = await harness.login();
    const publish: ((message: StreamMessage) => void)[] = [];
    const subscribe = harness.runs.subscribe.bind(harness.runs);
    harness.runs.subscribe = (listener) => {
      publish.push(listener);
      return subscribe(listener);
    };
    const stream = await get('/api/stream');
    const { reader } = await readUntil(stream.body!, (t) => t.includes('event: snapshot'));
    const sent = MAX_QUEUED_MESSAGES * 20;
    const run = { sessionId: 's1', state: 'running' } as never;
    for (let i = 0; i < sent; i += 1) publish[0]!({ kind: 'progress', run });
    const decoder = new TextDecoder();
    let text = '';
    const deadline = Date.now() + 5_000;
    while (!/event: resync[\s\S]*event: snapshot/.test(text) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    await reader.cancel();
    expect(text).toMatch(/event: resync\ndata: \{"kind":"resync"\}/);
    expect(text).toMatch(/event: resync[\s\S]*event: snapshot/);
    const progress = text.match(/event: progress/g)?.length ?? 0;
    expect(progress).toBeLessThanOrEqual(MAX_QUEUED_MESSAGES + 2);
  });
});
