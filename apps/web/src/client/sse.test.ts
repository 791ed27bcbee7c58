import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from './sse.js';

const bodyOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe('readServerSentEvents', () => {
  it('yields each message once, across chunk boundaries, skipping comments', async () => {
    const seen: string[] = [];
    await readServerSentEvents(
      bodyOf('event: snapshot\ndata: {"a"', ':1}\n\n: keep-alive\n\nevent: x\ndata: 2\n', '\n'),
      (data) => seen.push(data),
    );
    expect(seen).toEqual(['{"a":1}', '2']);
  });
});
