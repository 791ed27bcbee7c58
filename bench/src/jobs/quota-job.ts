/**
 * The quota benchmark's job (issue 15): Google Library API requests per photo and per large video
 * with no interruption, each against the quota plan core predicts from the dry run; then one lost
 * batchCreate answer settled in the album the photo sync filled, against the listing bound.
 * Request counts, not time: both emulators run in this process (HTTPS with the run's CA, which
 * this process trusts through the inherited `NODE_EXTRA_CA_CERTS`), so the job can inspect the
 * library, inject the fault and read the state the plan is made from.
 * Input (`BENCH_INPUT`): a {@link QuotaJobInput}. Result: a {@link QuotaResult}.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSessionQuota, type SyncStateBackend } from '@q2google/core';
import { GoProToPhotosSync } from '@q2google/core/engine';
import { createMemoryBackend } from '@q2google/core/testing';
import {
  type GooglePhotosEmulator,
  goproFileMetadata,
  goproSandboxSettings,
  gphotosSandboxSettings,
  type LibraryOptionsInput,
  type SandboxServerTls,
  sandboxGoogleGrant,
  startGooglePhotosEmulator,
  startGoProEmulator,
} from '@q2google/sandbox';
import {
  createGooglePhotosSinkFromSettings,
  DEFAULT_RECONCILE_MAX_PAGES,
  type GooglePhotosSink,
  writeTokenFile,
} from '@q2google/sink-gphotos';
import { createGoProSourceFromSettings } from '@q2google/source-gopro';
import type { BenchConfig } from '../config.js';
import { finishJob, jobInput } from '../lib/child.js';
import { round } from '../lib/stats.js';

/** What the quota job runs: the sizes, and the run's TLS for both emulators. */
export interface QuotaJobInput {
  quota: BenchConfig['quota'];
  tls: SandboxServerTls;
}

const RETRY = { retries: 8, baseDelayMs: 20, maxDelayMs: 500, maxRetryAfterMs: 5_000 };
const PHOTOS = { from: '2023-01-01T00:00:00.000Z', to: '2023-12-31T23:59:59.999Z' };
const MORE = { from: '2024-06-01T00:00:00.000Z', to: '2024-06-30T23:59:59.999Z' };
const VIDEOS = { from: '2022-01-01T00:00:00.000Z', to: '2022-12-31T23:59:59.999Z' };
const ALBUM = 'Quota bench';

/** Requests one uninterrupted sync spent, against its quota plan. */
export interface PlannedRun {
  units: number;
  /** The scheme both emulators served (`https:`, as in every benchmark). */
  protocol: string;
  /** Total Google requests the plan predicted from the dry run. */
  planned: number;
  /** What the emulator counted (OAuth token requests excluded). */
  actual: number;
  perUnit: number;
  byRoute: Record<string, number>;
  /** GoPro requests per unit, and per route per unit: the dry run's discovery and the run. */
  goproPerUnit: number;
  goproByRoute: Record<string, number>;
}

/** One lost batchCreate answer, settled by listing the album it went to. */
export interface LostAnswerResult {
  /** Items in the album before the batch. */
  albumItems: number;
  batchItems: number;
  /** Requests spent settling it (listing pages), and the bound on them. */
  settleRequests: number;
  boundPages: number;
  /** Every unit of the batch was recorded as created, none twice. */
  settled: boolean;
  byRoute: Record<string, number>;
}

/** The quota benchmark's figures. */
export interface QuotaResult {
  photos: PlannedRun;
  videos: PlannedRun & { fileBytes: number };
  lostAnswer: LostAnswerResult;
}

/** Library API requests so far (the token endpoint is OAuth, not the quota). */
function libraryCounts(google: GooglePhotosEmulator): Record<string, number> {
  const { 'gphotos.token': _token, ...library } = google.requestCounts();
  return library;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function delta(before: Record<string, number>, after: Record<string, number>) {
  return Object.fromEntries(
    Object.keys(after)
      .map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)] as const)
      .filter(([, v]) => v !== 0),
  );
}

/** Both emulators (HTTPS) and the real clients, in this process. */
async function startClouds(library: LibraryOptionsInput, tls: SandboxServerTls) {
  const dir = await mkdtemp(join(tmpdir(), 'q2g-bench-quota-'));
  const gopro = await startGoProEmulator({ seed: 31, library, tls });
  const google = await startGooglePhotosEmulator({
    seed: 31,
    dailyQuota: 10_000_000,
    fileMetadata: goproFileMetadata(gopro),
    tls,
  });
  const googleSettings = gphotosSandboxSettings(google, {
    tokenFile: join(dir, 'google-token.json'),
  });
  await writeTokenFile(googleSettings.googleTokenFile, sandboxGoogleGrant(google));
  const goproSettings = goproSandboxSettings(gopro, {
    tokenFile: join(dir, 'gopro-token.json'),
    login: 'token',
  });
  const newSink = (): GooglePhotosSink =>
    createGooglePhotosSinkFromSettings(googleSettings, { retry: RETRY, rateLimitFloorMs: 10 });
  const sink = newSink();
  const backend: SyncStateBackend = createMemoryBackend();
  // Each run gets its own clients, as each CLI run does (the album lookup is once per run).
  const engine = async () =>
    new GoProToPhotosSync({
      source: await createGoProSourceFromSettings(goproSettings, { retry: RETRY }),
      sink: newSink(),
      backend,
      concurrency: 4,
    });
  return {
    gopro,
    google,
    sink,
    backend,
    engine,
    close: async () => {
      await Promise.allSettled([gopro.close(), google.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

type Clouds = Awaited<ReturnType<typeof startClouds>>;

/** A dry run, the plan core makes of it, then the real run: planned against counted. */
async function plannedRun(
  clouds: Clouds,
  sessionId: string,
  range: typeof PHOTOS,
  album: string | null,
): Promise<PlannedRun> {
  const request = { sessionId, range, album };
  // GoPro is counted from the dry run on, so its discovery (search pages) is included.
  const goproBefore = clouds.gopro.requestCounts();
  await (await clouds.engine()).run({ ...request, dryRun: true });
  const state = await clouds.backend.load(sessionId);
  const plan = planSessionQuota(state!, clouds.sink.limits, { now: new Date() });
  const before = libraryCounts(clouds.google);
  const summary = await (await clouds.engine()).run(request);
  if (!summary.complete) throw new Error(`quota sync ${sessionId} incomplete: ${summary.stopped}`);
  const byRoute = delta(before, libraryCounts(clouds.google));
  const goproRoutes = delta(goproBefore, clouds.gopro.requestCounts());
  const units = Object.keys(state!.items).length;
  const actual = sum(byRoute);
  return {
    units,
    protocol: new URL(clouds.google.url).protocol,
    planned: plan?.requests.total ?? Number.NaN,
    actual,
    perUnit: round(actual / units, 4),
    byRoute,
    goproPerUnit: round(sum(goproRoutes) / units, 4),
    goproByRoute: Object.fromEntries(
      Object.entries(goproRoutes).map(([k, v]) => [k, round(v / units, 4)]),
    ),
  };
}

/** Progress lines, read by the parent (`src/benchmarks/quota.ts`). */
const log = (message: string) =>
  process.stdout.write(`${JSON.stringify({ type: 'log', message })}\n`);

/** One photo sync fills the album, one video sync, then one lost answer in that album. */
async function runQuota({ quota, tls }: QuotaJobInput): Promise<QuotaResult> {
  const { albumItems, batchItems, videos, videoBytes } = quota;
  const clouds = await startClouds(
    {
      fixtures: false,
      items: [
        { kind: 'photo', count: albumItems, sizeRange: [20_000, 40_000], capturedAt: PHOTOS.from },
        { kind: 'photo', count: batchItems, sizeRange: [20_000, 40_000], capturedAt: MORE.from },
        { kind: 'video', count: videos, size: videoBytes, capturedAt: VIDEOS.from },
      ],
    },
    tls,
  );
  if (!clouds.google.url.startsWith('https:') || !clouds.gopro.apiUrl.startsWith('https:'))
    throw new Error('the quota benchmark must run over HTTPS');
  try {
    const photos = await plannedRun(clouds, 'quota-photos', PHOTOS, ALBUM);
    log(
      `  ${photos.units} photos: ${photos.perUnit} requests each (planned ${photos.planned}, spent ${photos.actual})`,
    );
    const video = await plannedRun(clouds, 'quota-videos', VIDEOS, null);
    log(
      `  ${video.units} large videos: ${video.perUnit} requests each (planned ${video.planned}, spent ${video.actual})`,
    );

    // The album now holds the photos; one more batch into it loses its answer.
    const inAlbum = clouds.google.inspect().albums.find((a) => a.title === ALBUM);
    const before = libraryCounts(clouds.google);
    clouds.google.inject({ route: 'gphotos.batchCreate', kind: 'lost-response', times: 1 });
    const engine = await clouds.engine();
    const summary = await engine.run({ sessionId: 'quota-lost', range: MORE, album: ALBUM });
    const byRoute = delta(before, libraryCounts(clouds.google));
    const settleRequests = byRoute['gphotos.list'] ?? 0;
    const created = clouds.google.inspect().contents;
    const lostAnswer: LostAnswerResult = {
      albumItems: inAlbum?.itemIds.length ?? Number.NaN,
      batchItems,
      settleRequests,
      boundPages:
        clouds.sink.limits.requestQuota?.costs.reconcileMaxPages ?? DEFAULT_RECONCILE_MAX_PAGES,
      settled: summary.complete && created.every((c) => c.itemsCreated === 1),
      byRoute,
    };
    log(
      `  lost answer in a ${lostAnswer.albumItems}-item album: ${settleRequests} listing requests (bound ${lostAnswer.boundPages})`,
    );
    return { photos, videos: { ...video, fileBytes: videoBytes }, lostAnswer };
  } finally {
    await clouds.close();
  }
}

finishJob(await runQuota(jobInput<QuotaJobInput>()));
