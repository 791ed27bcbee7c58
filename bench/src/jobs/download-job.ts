/**
 * The first step of the pipeline a user builds today without q2google: download the GoPro
 * library to disk, then upload the folder with rclone. A small concurrent downloader, as such a
 * user would write or run: per item one descriptor GET and the CDN GET streamed to a file,
 * `concurrency` at once, over HTTPS with Node's keep-alive agent. Every file lands in
 * `directory` under its camera name (a repeated name gets the item id in front).
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { LibraryEntry, Wiring } from '../emulators/wiring.js';
import { finishJob, jobInput, peakRssBytes } from '../lib/child.js';
import { openGet, originalUrl } from './bare-http.js';

/** What the downloader fetches and where to. */
export interface DownloadJobInput {
  wiring: Wiring;
  entries: LibraryEntry[];
  concurrency: number;
  directory: string;
}

/** What the downloader reports. */
export interface DownloadJobResult {
  durationMs: number;
  bytes: number;
  files: number;
  maxRssBytes: number;
  cpuMicros: number;
}

const input = jobInput<DownloadJobInput>();
const used = new Set<string>();
const fileNameOf = (entry: LibraryEntry) => {
  const name = used.has(entry.filename) ? `${entry.id}-${entry.filename}` : entry.filename;
  used.add(name);
  return name;
};
const names = new Map(input.entries.map((e) => [e.id, fileNameOf(e)]));

const cpuBefore = process.cpuUsage();
const started = performance.now();
let next = 0;
let bytes = 0;
async function lane(): Promise<void> {
  while (next < input.entries.length) {
    const entry = input.entries[next++]!;
    const body = await openGet(await originalUrl(input.wiring, entry.id));
    if (body.statusCode !== 200) throw new Error(`CDN: HTTP ${body.statusCode}`);
    const file = createWriteStream(join(input.directory, names.get(entry.id)!));
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    await pipeline(body, file);
  }
}
await Promise.all(Array.from({ length: input.concurrency }, lane));
const durationMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const result: DownloadJobResult = {
  durationMs,
  bytes,
  files: input.entries.length,
  maxRssBytes: peakRssBytes(),
  cpuMicros: cpu.user + cpu.system,
};
finishJob(result);
