/**
 * `q2google sync --trace-http FILE` for bug reports: the trace of a run that met faults (GoPro
 * API errors, a rate limit, an expired CDN URL, a failing Google token endpoint and upload)
 * holds no secret of the shared list — no token, password, client secret, signed-URL signature
 * or OAuth code — and it is enough to replay the failing request sequence: re-issuing its GoPro
 * API requests, in order, against a fresh sandbox with the same faults gives the same statuses.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type HttpTraceEntry, parseHttpTrace, TRACED_HEADERS } from '@q2google/core';
import type { FaultRuleInput } from '@q2google/sandbox';
import { GOPRO_ACCEPT } from '@q2google/source-gopro';
import {
  ALL_TIME_FLAGS,
  GOOGLE_CLIENT_SECRET,
  secretsIn,
  startWorld,
  type World,
  type WorldOptions,
  worldSecrets,
} from '@q2google/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, runCli } from '../support/cli.js';

const GOPRO_FAULTS: FaultRuleInput[] = [
  { route: 'gopro.search', kind: 'http-500', times: 2 },
  { route: 'gopro.download', kind: 'http-429', retryAfterSeconds: 0, skip: 1, times: 1 },
  { route: 'cdn.get', kind: 'http-403-expired', skip: 1, times: 1 },
];
const GOOGLE_FAULTS: FaultRuleInput[] = [
  { route: 'gphotos.token', kind: 'http-500', times: 1 },
  { route: 'gphotos.upload', kind: 'http-503', times: 1 },
];
const WORLD: WorldOptions = {
  gopro: {
    seed: 61,
    library: { fixtures: false, extra: 4, mix: { photo: 1 } },
    faults: GOPRO_FAULTS,
  },
  googleFaults: GOOGLE_FAULTS,
};

let world: World;
let trace: HttpTraceEntry[];
let text: string;

beforeAll(async () => {
  assertCliBuilt();
  world = await startWorld(WORLD);
  const account = world.gopro.account;
  const file = join(world.projectDir, 'trace.ndjson');
  const run = await runCli(
    ['sync', ...ALL_TIME_FLAGS, '--session', 'traced', '--concurrency', '1', '--trace-http', file],
    {
      cwd: world.projectDir,
      env: {
        ...world.cliEnv,
        // The password login, so GoPro's OAuth token call is traced too.
        Q2G_GOPRO_TOKEN: '',
        Q2G_GOPRO_USER_ID: '',
        Q2G_GOPRO_EMAIL: account.email,
        Q2G_GOPRO_PASSWORD: account.password,
        Q2G_GOPRO_CLIENT_ID: account.clientId,
        Q2G_GOPRO_CLIENT_SECRET: account.clientSecret,
        Q2G_GOOGLE_CLIENT_SECRET: GOOGLE_CLIENT_SECRET,
      },
    },
  );
  expect(run.code, run.stderr).toBe(0);
  text = await readFile(file, 'utf8');
  trace = parseHttpTrace(text);
}, 120_000);
afterAll(() => world?.close());

const hostOf = (url: string) => new URL(url).host;

describe('the HTTP trace of a faulted sync', () => {
  it('records every client, the faults met and their retries', () => {
    const api = hostOf(world.gopro.apiUrl);
    const searches = trace.filter((e) => e.host === api && e.path.startsWith('/media/search'));
    expect(searches.slice(0, 3).map((e) => [e.status, e.retry])).toEqual([
      [500, 0],
      [500, 1],
      [200, 2],
    ]);
    expect(searches[0]!.path).toContain('per_page=100');
    const statuses = (host: string) => trace.filter((e) => e.host === host).map((e) => e.status);
    expect(statuses(api)).toContain(429);
    expect(statuses(hostOf(world.gopro.cdnUrl))).toContain(403);
    expect(statuses(hostOf(world.google.endpoints.oauth2TokenUrl))).toEqual([500, 200]);
    expect(statuses(hostOf(world.google.url))).toContain(503);
    expect(new Set(trace.map((e) => e.client))).toEqual(
      new Set(['gopro', 'google-oauth', 'gphotos']),
    );
    const token = trace.find((e) => e.path === '/v1/oauth2/token');
    expect(token).toMatchObject({ client: 'gopro', method: 'POST', status: 200 });
    for (const entry of trace) {
      expect(entry.start).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(entry.ms).toBeGreaterThanOrEqual(0);
    }
    const cdn = trace.find((e) => e.host === hostOf(world.gopro.cdnUrl) && e.status === 200);
    expect(cdn!.bytesReceived).toBeGreaterThan(0);
    expect(cdn!.headers['content-length']).toBe(String(cdn!.bytesReceived));
  });

  it('holds no secret: no token, password, client secret, signature, code or cookie', () => {
    expect(trace.length).toBeGreaterThan(10);
    expect(secretsIn(text, worldSecrets(world))).toEqual([]);
    expect(text).not.toMatch(/X-Amz-Signature=(?!\*\*\*)/);
    expect(text).not.toMatch(/X-Amz-Security-Token=(?!\*\*\*)/);
    expect(text).not.toMatch(/upload_id=(?!\*\*\*)/);
    expect(text).not.toMatch(/authorization|cookie|bearer/i);
    for (const entry of trace) {
      for (const name of Object.keys(entry.headers)) {
        expect(TRACED_HEADERS as readonly string[]).toContain(name);
      }
    }
  });

  it('replays: its GoPro API requests against a fresh sandbox with the same faults get the same statuses', async () => {
    const api = hostOf(world.gopro.apiUrl);
    const recorded = trace
      .filter((e) => e.host === api && e.method === 'GET')
      .sort((a, b) => a.start.localeCompare(b.start));
    expect(recorded.filter((e) => e.status !== 200).length).toBeGreaterThanOrEqual(3);
    const fresh = await startWorld(WORLD);
    try {
      const token = fresh.gopro.issueAccessToken(null);
      const replayed: (number | undefined)[] = [];
      for (const entry of recorded) {
        const res = await fetch(`${fresh.gopro.apiUrl}${entry.path}`, {
          headers: { accept: GOPRO_ACCEPT, authorization: `Bearer ${token}` },
        });
        await res.arrayBuffer();
        replayed.push(res.status);
      }
      expect(replayed).toEqual(recorded.map((e) => e.status));
    } finally {
      await fresh.close();
    }
  });
});
