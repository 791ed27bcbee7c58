import { measureBaseline, measureSync } from './benchmarks/harness.js';
import { startRemoteEmulators } from './emulators/remote-emulators.js';

const kind = (process.argv[2] ?? 'memory') as 'memory' | 'json';
const em = await startRemoteEmulators({
  gopro: {
    seed: 21,
    library: { fixtures: false, items: [{ kind: 'photo', count: 100, sizeRange: [3e6, 8e6] }] },
  },
  google: { seed: 21, dailyQuota: 1e7, dedupByContent: false },
});
const entries = await em.library();
for (let i = 0; i < 2; i++) {
  const b = await measureBaseline(em, {
    entries,
    concurrency: 4,
    chunkSize: 256 * 1024 ** 2,
    rawUploadMaxBytes: 32 * 1024 ** 2,
    timeDescriptors: true,
  });
  const s = await measureSync(em, {
    backend: kind === 'json' ? { kind, directory: `/tmp/q2g-p-${Date.now()}` } : { kind },
    sessionId: `p${i}`,
    range: { from: '2000-01-01T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' },
    mode: 'engine',
    concurrency: 4,
    timeBackend: true,
  });
  console.log(
    kind,
    'bare',
    b.result.durationMs.toFixed(0),
    'sync',
    s.result.durationMs.toFixed(0),
    'cpu bare/sync',
    b.result.cpuMicros,
    s.result.cpuMicros,
    'emu',
    b.emulators.goproCpuMicros,
    b.emulators.googleCpuMicros,
    s.emulators.goproCpuMicros,
    s.emulators.googleCpuMicros,
    JSON.stringify(s.result.backend?.byMethod),
    s.result.backend?.busyMs,
  );
}
await em.close();
