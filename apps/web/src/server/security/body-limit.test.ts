import { describe, expect, it } from 'vitest';
import { createHarness, ORIGIN } from '../testing/harness.js';
import { MAX_BODY_BYTES } from './body-limit.js';

const tooLarge = {
  error: {
    code: 'PAYLOAD_TOO_LARGE',
    message: `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`,
  },
};

describe('request bodies', () => {
  it('are refused with 413 past the limit, before they are read', async () => {
    const { send } = await (await createHarness()).login();
    const huge = { from: '2025-06-01', to: '2025-06-30', album: 'x'.repeat(MAX_BODY_BYTES) };
    const response = await send('POST', '/api/syncs', huge);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(tooLarge);
  });

  it('are counted when no Content-Length is sent (chunked)', async () => {
    const harness = await createHarness();
    const { cookie, key, csrfToken } = await harness.login();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES * 4) return controller.close();
        sent += 1024;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
    });
    const response = await harness.call('/api/accounts/gopro/token', {
      method: 'POST',
      headers: {
        cookie,
        'x-q2g-key': key,
        'x-csrf-token': csrfToken,
        origin: ORIGIN,
        'content-type': 'application/json',
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(tooLarge);
    expect(sent).toBeLessThan(MAX_BODY_BYTES * 4);
  });
});
