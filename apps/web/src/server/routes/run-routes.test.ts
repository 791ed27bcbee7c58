import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../shared/api-types.js';
import { FAKE_SECRET, refuseFile, unit } from '../testing/fake-connections.js';
import { createHarness } from '../testing/harness.js';

/** Reads Server-Sent Events from a response until `until` accepts one. */
async function readStream(response: Response, until: (m: StreamMessage) => boolean) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: StreamMessage[] = [];
  let buffer = '';
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const data = buffer
        .slice(0, end)
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('\n');
      buffer = buffer.slice(end + 2);
      if (data) {
        const message = JSON.parse(data) as StreamMessage;
        seen.push(message);
        if (until(message)) {
          await reader.cancel();
          return seen;
        }
      }
      end = buffer.indexOf('\n\n');
    }
  }
  return seen;
}

const ended = (m: StreamMessage) => m.kind === 'progress' && m.run.state !== 'running';

describe('run routes', () => {
  it('starts a sync and streams its progress to the end', async () => {
    const harness = await createHarness({ units: [unit(1, 5000), unit(2, 5000)] });
    const { get, send } = await harness.login();
    const stream = await get('/api/stream');
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const started = await send('POST', '/api/syncs', { from: '2025-06-01', to: '2025-06-30' });
    expect(started.status).toBe(202);
    const { sessionId } = (await started.json()) as { sessionId: string };
    expect(sessionId).toMatch(/^web-\d{8}-\d{6}-[0-9a-f]{4}$/);
    const messages = await readStream(stream, ended);
    expect(messages[0]).toEqual({ kind: 'snapshot', runs: [] });
    const progress = messages.filter((m) => m.kind === 'progress').map((m) => m.run);
    expect(progress.some((p) => p.stage === 'transfer' && p.active.length > 0)).toBe(true);
    expect(progress.at(-1)).toMatchObject({
      sessionId,
      state: 'finished',
      created: 2,
      bytesSent: 10_000,
      complete: true,
    });
    expect(messages.some((m) => m.kind === 'event' && m.event.type === 'unit-done')).toBe(true);
  });

  it('refuses to start without a valid range, or with an id that exists', async () => {
    const harness = await createHarness();
    const { send } = await harness.login();
    const reversed = await send('POST', '/api/syncs', { from: '2025-07-01', to: '2025-06-01' });
    expect(reversed.status).toBe(400);
    expect((await send('POST', '/api/syncs', { from: 'soon' })).status).toBe(400);
    await send('POST', '/api/syncs', { sessionId: 's1', from: '2025-06-01', to: '2025-06-30' });
    await harness.runs.idle();
    const again = await send('POST', '/api/syncs', {
      sessionId: 's1',
      from: '2025-06-01',
      to: '2025-06-30',
    });
    expect(again.status).toBe(409);
  });

  it('explains which account is missing instead of starting', async () => {
    const harness = await createHarness();
    harness.connections.google = false;
    const { send } = await harness.login();
    const response = await send('POST', '/api/syncs', { from: '2025-06-01', to: '2025-06-30' });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: { code: 'GPHOTOS_AUTH_REQUIRED', message: 'Connect Google Photos first.' },
    });
  });

  it('cancels a running sync, which ends saved and can be resumed to completion', async () => {
    const harness = await createHarness({ units: [unit(1), unit(2)] });
    let release!: () => void;
    harness.connections.sink.hold = new Promise((resolve) => {
      release = resolve;
    });
    const { get, send } = await harness.login();
    await send('POST', '/api/syncs', { sessionId: 'c1', from: '2025-06-01', to: '2025-06-30' });
    expect(harness.runs.stateOf('c1')).toBe('running');
    // The session exists as soon as the start was answered.
    expect((await get('/api/sessions/c1')).status).toBe(200);
    expect((await send('POST', '/api/sessions/c1/resume')).status).toBe(409);
    expect((await send('POST', '/api/sessions/c1/cancel')).status).toBe(202);
    await harness.runs.idle();
    expect(harness.runs.stateOf('c1')).toBe('cancelled');
    expect((await send('POST', '/api/sessions/c1/cancel')).status).toBe(409);
    release();
    expect((await send('POST', '/api/sessions/c1/resume')).status).toBe(202);
    await harness.runs.idle();
    const detail = (await (await get('/api/sessions/c1')).json()) as { counts: object };
    expect(detail.counts).toEqual({ created: 2 });
  });

  it('retries failed units', async () => {
    const harness = await createHarness({ units: [unit(1), unit(2)] });
    harness.connections.sink.failUpload = refuseFile('GOPR0002.JPG');
    const { get, send } = await harness.login();
    await send('POST', '/api/syncs', { sessionId: 'r1', from: '2025-06-01', to: '2025-06-30' });
    await harness.runs.idle();
    expect(((await (await get('/api/sessions/r1')).json()) as { counts: object }).counts).toEqual({
      created: 1,
      failed: 1,
    });
    harness.connections.sink.failUpload = undefined;
    expect((await send('POST', '/api/sessions/r1/retry')).status).toBe(202);
    await harness.runs.idle();
    expect(((await (await get('/api/sessions/r1')).json()) as { counts: object }).counts).toEqual({
      created: 2,
    });
  });

  it('refuses resume, retry and cancel of an unknown session with a 404', async () => {
    const harness = await createHarness();
    const { send } = await harness.login();
    for (const action of ['resume', 'retry', 'cancel']) {
      const response = await send('POST', `/api/sessions/ghost/${action}`);
      expect(response.status, action).toBe(404);
    }
  });

  it('never streams a secret the connections hold', async () => {
    const harness = await createHarness({
      units: [unit(1, 100, { fileName: `${FAKE_SECRET}.JPG` })],
    });
    const { get, send } = await harness.login();
    const stream = await get('/api/stream');
    await send('POST', '/api/syncs', { from: '2025-06-01', to: '2025-06-30' });
    const messages = await readStream(stream, ended);
    expect(JSON.stringify(messages)).not.toContain(FAKE_SECRET);
    expect(JSON.stringify(messages)).toContain('***.JPG');
  });
});
