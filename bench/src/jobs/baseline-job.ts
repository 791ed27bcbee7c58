/**
 * The bare baseline: the least work that moves the same media, with nothing of q2google in
 * between — for each item, one GET of the GoPro CDN URL streamed straight into a Google upload
 * (raw up to `rawUploadMaxBytes`, else resumable in `chunkSize` pieces), and one batchCreate per
 * 50 tokens; `concurrency` items at once. Node's `http` module on both sides, no retries, no
 * state, no validation. Download URLs are fetched before the clock starts unless
 * `timeDescriptors` is set (then each item's descriptor GET is inside the timed loop).
 */
import type { LibraryEntry, Wiring } from '../emulators/wiring.js';
import { finishJob, jobInput, peakRssBytes } from '../lib/child.js';
import { ok, openGet, originalUrl, Slicer, send } from './bare-http.js';

/** What the baseline moves and how. */
export interface BaselineJobInput {
  wiring: Wiring;
  entries: LibraryEntry[];
  concurrency: number;
  chunkSize: number;
  rawUploadMaxBytes: number;
  timeDescriptors: boolean;
}

/** What the baseline reports. */
export interface BaselineJobResult {
  durationMs: number;
  bytes: number;
  items: number;
  maxRssBytes: number;
  cpuMicros: number;
}

const input = jobInput<BaselineJobInput>();
const { wiring } = input;
const auth = { authorization: `Bearer ${wiring.gphotosAccessToken}` };

const downloadUrl = (id: string) => originalUrl(wiring, id);

async function upload(entry: LibraryEntry, url: string): Promise<string> {
  const source = await openGet(url);
  if (source.statusCode !== 200) throw new Error(`CDN: HTTP ${source.statusCode}`);
  const size = Number(source.headers['content-length']);
  if (size !== entry.size) throw new Error(`CDN served ${size} bytes of ${entry.size}`);
  const slicer = new Slicer(source);
  const mime = entry.kind === 'photo' ? 'image/jpeg' : 'video/mp4';
  if (size <= input.rawUploadMaxBytes) {
    const res = await send(
      `${wiring.gphotosUrl}/v1/uploads`,
      'POST',
      {
        ...auth,
        'content-type': 'application/octet-stream',
        'content-length': String(size),
        'x-goog-upload-content-type': mime,
        'x-goog-upload-protocol': 'raw',
      },
      slicer.take(size),
    );
    return ok(res, 'raw upload').text.trim();
  }
  const start = ok(
    await send(`${wiring.gphotosUrl}/v1/uploads`, 'POST', {
      ...auth,
      'content-length': '0',
      'x-goog-upload-command': 'start',
      'x-goog-upload-protocol': 'resumable',
      'x-goog-upload-raw-size': String(size),
      'x-goog-upload-content-type': mime,
    }),
    'upload start',
  );
  const session = String(start.headers['x-goog-upload-url']);
  const granularity = Number(start.headers['x-goog-upload-chunk-granularity'] ?? 262_144);
  const chunk = Math.max(granularity, input.chunkSize - (input.chunkSize % granularity));
  let offset = 0;
  for (;;) {
    const length = Math.min(chunk, size - offset);
    const final = offset + length === size;
    const res = ok(
      await send(
        session,
        'POST',
        {
          ...auth,
          'content-length': String(length),
          'x-goog-upload-command': final ? 'upload, finalize' : 'upload',
          'x-goog-upload-offset': String(offset),
        },
        slicer.take(length),
      ),
      'upload chunk',
    );
    offset += length;
    if (final) return res.text.trim();
  }
}

async function batchCreate(tokens: { token: string; name: string }[]): Promise<void> {
  const body = JSON.stringify({
    newMediaItems: tokens.map((t) => ({
      simpleMediaItem: { uploadToken: t.token, fileName: t.name },
    })),
  });
  ok(
    await send(
      `${wiring.gphotosUrl}/v1/mediaItems:batchCreate`,
      'POST',
      { ...auth, 'content-type': 'application/json' },
      body,
    ),
    'batchCreate',
  );
}

const urls = new Map<string, string>();
if (!input.timeDescriptors) {
  for (const entry of input.entries) urls.set(entry.id, await downloadUrl(entry.id));
}
const cpuBefore = process.cpuUsage();
const started = performance.now();
let nextIndex = 0;
let bytes = 0;
let pending: { token: string; name: string }[] = [];
let creating: Promise<void> = Promise.resolve();
async function lane(): Promise<void> {
  while (nextIndex < input.entries.length) {
    const entry = input.entries[nextIndex++]!;
    const url = urls.get(entry.id) ?? (await downloadUrl(entry.id));
    const token = await upload(entry, url);
    bytes += entry.size;
    pending.push({ token, name: entry.filename });
    if (pending.length >= 50) {
      const batch = pending;
      pending = [];
      creating = creating.then(() => batchCreate(batch));
    }
  }
}
await Promise.all(Array.from({ length: input.concurrency }, lane));
if (pending.length > 0) creating = creating.then(() => batchCreate(pending));
await creating;
const durationMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const result: BaselineJobResult = {
  durationMs,
  bytes,
  items: input.entries.length,
  maxRssBytes: peakRssBytes(),
  cpuMicros: cpu.user + cpu.system,
};
finishJob(result);
