/**
 * Streams a generated file of BYTES bytes (default 4 GiB) through the sink's resumable upload
 * and prints `{"bytes","maxRssBytes","seconds"}` as JSON. Memory must stay bounded by a chunk.
 *
 * Against an emulator in another process: GPHOTOS_URL and GPHOTOS_ACCESS_TOKEN.
 * Standalone: `pnpm --filter @q2google/sink-gphotos bench:memory` starts one in-process.
 */
import { createGooglePhotosSink, createStaticAuth } from '../src/index.js';

const size = Number(process.env.BYTES ?? 4 * 1024 ** 3);
const block = new Uint8Array(1024 * 1024);
for (let i = 0; i < block.length; i++) block[i] = (i * 7919) & 0xff;

async function* generated(offset: number): AsyncGenerator<Uint8Array> {
  let position = offset;
  while (position < size) {
    const length = Math.min(block.length, size - position);
    const chunk = block.slice(0, length);
    chunk[0] = position / block.length; // vary content per block
    position += length;
    yield chunk;
  }
}

async function main(): Promise<void> {
  let url = process.env.GPHOTOS_URL;
  let token = process.env.GPHOTOS_ACCESS_TOKEN;
  let close = async () => {};
  if (!url || !token) {
    const { startGooglePhotosEmulator } = await import('@q2google/sandbox');
    const emulator = await startGooglePhotosEmulator();
    url = emulator.url;
    token = emulator.issueAccessToken({ ttlSeconds: 86_400 });
    close = () => emulator.close();
  }
  const sink = createGooglePhotosSink({ auth: createStaticAuth(token), baseUrl: url });
  const started = performance.now();
  const result = await sink.upload({
    fileName: 'GENERATED.MP4',
    mimeType: 'video/mp4',
    size,
    open: async (offset) => generated(offset),
  });
  const seconds = (performance.now() - started) / 1000;
  await close();
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    `${JSON.stringify({ bytes: size, maxRssBytes, seconds, token: result.uploadToken.length > 0 })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
