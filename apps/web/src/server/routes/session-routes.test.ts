import { describe, expect, it } from 'vitest';
import type { SessionDetail, SessionRow, UnitPage } from '../../shared/api-types.js';
import { refuseFile, unit } from '../testing/fake-connections.js';
import { createHarness } from '../testing/harness.js';

async function syncedHarness() {
  const units = [unit(1, 2500), unit(2, 4000), unit(3, 1200, { fileName: 'BIG_ONE.JPG' })];
  const harness = await createHarness({ units });
  harness.connections.sink.failUpload = refuseFile('BIG_ONE.JPG');
  const browser = await harness.login();
  const started = await browser.send('POST', '/api/syncs', {
    sessionId: 'june',
    from: '2025-06-01',
    to: '2025-06-30',
    album: 'June',
  });
  expect(started.status).toBe(202);
  await harness.runs.idle();
  return { ...harness, ...browser };
}

describe('session routes', () => {
  it('lists every session with its range, album, counts, bytes and last run', async () => {
    const { get } = await syncedHarness();
    const { sessions } = (await (await get('/api/sessions')).json()) as { sessions: SessionRow[] };
    expect(sessions).toHaveLength(1);
    const [row] = sessions;
    expect(row).toMatchObject({
      id: 'june',
      range: { from: '2025-06-01T00:00:00.000Z', to: '2025-06-30T23:59:59.999Z' },
      album: 'June',
      counts: { created: 2, failed: 1 },
      total: 3,
      bytesTotal: 7700,
      bytesDone: 6500,
      run: 'finished',
    });
    expect(Date.parse(row!.updatedAt)).not.toBeNaN();
  });

  it('shows one session with failures grouped by reason and no upload secrets', async () => {
    const { get } = await syncedHarness();
    const response = await get('/api/sessions/june');
    const text = await response.text();
    const detail = JSON.parse(text) as SessionDetail;
    expect(detail.failures).toEqual([
      expect.objectContaining({
        code: 'GPHOTOS_FILE_TOO_LARGE',
        count: 1,
        message: 'Google Photos refused the file.',
        keys: ['m3#source'],
      }),
    ]);
    expect(detail.complete).toBe(false);
    expect(detail.progress).toMatchObject({ state: 'finished', created: 2, failed: 1 });
    expect(text).not.toContain('upload-GOPR');
    expect(text).not.toContain('uploadToken');
  });

  it('lists units filtered by status and by file name, with links to created items', async () => {
    const { get } = await syncedHarness();
    const created = (await (
      await get('/api/sessions/june/units?status=created')
    ).json()) as UnitPage;
    expect(created.total).toBe(2);
    expect(created.units.map((u) => u.fileName)).toEqual(['GOPR0001.JPG', 'GOPR0002.JPG']);
    expect(created.units[0]!.productUrl).toMatch(/^https:\/\/photos\.google\.com\/lr\/photo\/gp-/);
    const searched = (await (await get('/api/sessions/june/units?q=big')).json()) as UnitPage;
    expect(searched.units.map((u) => [u.fileName, u.status, u.error?.code])).toEqual([
      ['BIG_ONE.JPG', 'failed', 'GPHOTOS_FILE_TOO_LARGE'],
    ]);
    const bad = await get('/api/sessions/june/units?status=lost');
    expect(bad.status).toBe(400);
  });

  it("returns the session's event log, from start to the end of the run", async () => {
    const { get } = await syncedHarness();
    const { events } = (await (await get('/api/sessions/june/events')).json()) as {
      events: { type: string; state?: string }[];
    };
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('run');
    expect(types).toContain('stage-started');
    expect(types).toContain('unit-done');
    expect(types).toContain('summary');
    expect(types).not.toContain('bytes');
    expect(events.at(-1)).toMatchObject({ type: 'run', state: 'finished' });
  });

  it('refuses an unknown or malformed session id with a JSON 404', async () => {
    const { get } = await syncedHarness();
    for (const path of [
      '/api/sessions/nope',
      '/api/sessions/nope/units',
      '/api/sessions/nope/events',
      '/api/sessions/..%2F..%2Fetc',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 'SESSION_NOT_FOUND', message: 'There is no session with this id.' },
      });
    }
  });

  it('refuses an unknown session page with a clean HTML 404', async () => {
    const { get } = await syncedHarness();
    const response = await get('/sessions/guessed-id');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('No such session');
  });

  it('answers 404 for an unknown API route', async () => {
    const { get } = await syncedHarness();
    expect((await get('/api/nothing-here')).status).toBe(404);
  });

  it('reports the state backend with its reachability', async () => {
    const { get } = await syncedHarness();
    expect(await (await get('/api/backend')).json()).toEqual({
      name: 'memory',
      uri: '(memory backend instance)',
      reachable: true,
      listsSessions: true,
    });
  });
});
