import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { round } from '../lib/stats.js';
import { peerSection } from './peer-markdown.js';
import { quotaMigrationSection } from './quota-migration-section.js';
import { quotaSection } from './quota-section.js';
import type { BenchResults } from './results.js';

const FINDINGS = fileURLToPath(new URL('../../findings.md', import.meta.url));

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const mark = (met: boolean) => (met ? '**met**' : '**missed**');
const bytes = (n: number) =>
  n >= 1024 ** 3 ? `${n / 1024 ** 3} GiB` : n >= 1024 ** 2 ? `${n / 1024 ** 2} MiB` : `${n} B`;

function table(head: string[], rows: (string | number)[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function largeFiles(r: NonNullable<BenchResults['largeFiles']>): string {
  const [small, big] = r.rss;
  const flat = small && big ? big.peakRssMiB / small.peakRssMiB : Number.NaN;
  const rssMet = r.rss.every((x) => x.peakRssMiB <= 200) && flat <= 1.25;
  return [
    `## 1. Large files`,
    '',
    `${r.files} generated videos of ${bytes(r.fileBytes)}, ${r.concurrency} at once, resumable chunks of ${bytes(r.chunkBytes)}, JSON state. Baseline: a bare loop streaming the same CDN bytes into the same resumable uploads with the same chunk size and concurrency (node:http, no state, no retries), plus one batchCreate.`,
    '',
    table(
      [
        'rep',
        'sync MB/s',
        'bare MB/s',
        'sync / bare',
        'client CPU s (sync / bare)',
        'emulator CPU share',
      ],
      r.reps.map((x, i) => [
        i + 1,
        x.syncMBps,
        x.baselineMBps,
        x.ratio,
        `${x.syncClientCpuS} / ${x.baselineClientCpuS}`,
        pct(x.emulatorCpuShare),
      ]),
    ),
    '',
    `- **Throughput sync / baseline (median): ${r.medianRatio}** — target ≥ 0.85: ${mark(r.medianRatio >= 0.85)}. Median sync ${r.medianSyncMBps} MB/s, bare ${r.medianBaselineMBps} MB/s.`,
    `- Client CPU per byte, sync / bare (median): ${r.medianCpuRatio}.`,
    `- Emulators' share of all CPU used during the sync (median): ${pct(r.medianEmulatorCpuShare)}.`,
    '',
    table(
      ['one file of', 'peak RSS of the sync process', 'RSS before the run (modules loaded)'],
      r.rss.map((x) => [bytes(x.fileBytes), `${x.peakRssMiB} MiB`, `${x.rssBeforeRunMiB} MiB`]),
    ),
    '',
    `- **Peak RSS ≤ 200 MiB and flat** (largest / smallest = ${flat.toFixed(2)}): ${mark(rssMet)}.`,
  ].join('\n');
}

/** Benchmark 2's requests per unit: the quota benchmark's photo sync (§7), the bench's only one. */
function photoRequests(quota: BenchResults['quota']): string[] {
  const route = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  if (!quota)
    return [
      '- Google requests per unit over thousands of small photos: not measured in this run (they come from the `quota` benchmark, §7).',
    ];
  const p = quota.photos;
  const byRoute = Object.fromEntries(
    Object.entries(p.byRoute).map(([k, v]) => [k, round(v / p.units, 4)]),
  );
  return [
    `- **Google requests per unit: ${p.perUnit}** over ${p.units} small photos into one album (§7's photo sync, ${p.protocol.replace(':', '').toUpperCase()}) — target ≤ 1.03: ${mark(p.perUnit <= 1.03)}. By route: ${route(byRoute)}.`,
    `- GoPro requests per unit in that sync (its dry run's discovery included): ${p.goproPerUnit} (${route(p.goproByRoute)}).`,
  ];
}

function manyPhotos(
  r: NonNullable<BenchResults['manyPhotos']>,
  quota: BenchResults['quota'],
): string {
  return [
    `## 2. Many small items`,
    '',
    `${r.count} photos of ${r.sizeRange[0] / 1e6}–${r.sizeRange[1] / 1e6} MB, ${r.concurrency} at once (raw uploads), JSON state. Baseline: a bare loop doing, per photo, the descriptor GET, the CDN GET streamed into one raw upload, and one batchCreate per 50 tokens, with the same concurrency.`,
    '',
    table(
      ['rep', 'sync units/s', 'bare units/s', 'sync / bare', 'emulator CPU share'],
      r.reps.map((x, i) => [
        i + 1,
        x.syncUnitsPerS,
        x.baselineUnitsPerS,
        x.ratio,
        pct(x.emulatorCpuShare),
      ]),
    ),
    '',
    `- **Units per second, sync / baseline (median): ${r.medianRatio}** (sync ${r.medianSyncUnitsPerS}/s, bare ${r.medianBaselineUnitsPerS}/s).`,
    ...photoRequests(quota),
    `- The same counted on the ${r.requestsAtSize.units} photos of 3–8 MB: Google ${r.requestsAtSize.google}, GoPro ${r.requestsAtSize.gopro} per unit.`,
    `- Emulators' share of all CPU during the sync (median): ${pct(r.medianEmulatorCpuShare)}.`,
  ].join('\n');
}

function state(r: NonNullable<BenchResults['state']>): string {
  return [
    `## 3. State`,
    '',
    `Saving ONE changed unit (the unit plus the session meta, as the engine saves it) in a ${r.small.toLocaleString('en')}-unit and in a ${r.large.toLocaleString('en')}-unit session, median of ${r.saves} saves each; half the units are \`created\`. The small session is measured before the large one is stored, so growth with the table or collection shows. Loading is compared with reading and \`JSON.parse\`-ing the same session as one file.`,
    '',
    table(
      [
        'backend',
        `one save, ${r.small.toLocaleString('en')}`,
        `one save, ${r.large.toLocaleString('en')}`,
        'ratio (target ≤ 2)',
        `load ${r.large.toLocaleString('en')}`,
        'load / parse one file',
        `first store of ${r.large.toLocaleString('en')}`,
      ],
      r.backends.map((b) => [
        b.backend,
        `${b.saveOneSmallMs} ms`,
        `${b.saveOneLargeMs} ms`,
        `${b.saveOneRatio} ${mark(b.saveOneRatio <= 2)}`,
        `${b.loadLargeMs} ms`,
        `×${b.loadRatio}`,
        `${(b.storeLargeMs / 1000).toFixed(1)} s`,
      ]),
    ),
    '',
    `Share of a full sync (${r.shares[0]?.units ?? '?'} photos of 100–400 KB, concurrency 4) spent in the backend, measured by wrapping the backend and timing every call:`,
    '',
    table(
      ['backend', 'sync', 'backend busy (wall)', 'sum of call times', 'calls', 'slowest method'],
      r.shares.map((s) => {
        const [method, top] = Object.entries(s.byMethod).sort((a, b) => b[1].ms - a[1].ms)[0] ?? [
          '-',
          { ms: 0, calls: 0 },
        ];
        return [
          s.backend,
          `${(s.syncMs / 1000).toFixed(1)} s`,
          pct(s.busyShare),
          pct(s.summedShare),
          s.calls,
          `${method} (${top.calls} calls, ${top.ms} ms)`,
        ];
      }),
    ),
    r.failures.length ? `\n**Failed in this run:** ${r.failures.join('; ')}.` : '',
  ].join('\n');
}

function scaleOut(r: NonNullable<BenchResults['scaleOut']>): string {
  return [
    `## 4. Scale-out`,
    '',
    `${r.units} photos of ${(r.unitBytes / 1e6).toFixed(1)} MB; both emulators limit every connection to ${(r.bytesPerSecondPerConnection / 1e6).toFixed(1)} MB/s (GoPro CDN \`cdn.bandwidthBytesPerSecond\`, Google \`uploadBytesPerSecond\`), as a WAN would. One PostgreSQL session; each worker is a separate process (\`SyncWorker\`, concurrency ${r.concurrencyPerWorker}). Every worker process sets up (modules, clients, pool) and then starts at one agreed moment; time is from that moment to the last worker's end.`,
    '',
    table(
      ['rep', '1 worker', '3 workers', 'speedup', 'units per worker (3 workers)'],
      r.reps.map((x, i) => [
        i + 1,
        `${x.oneWorkerS} s`,
        `${x.threeWorkersS} s`,
        x.speedup,
        x.unitsPerWorker.join(' / '),
      ]),
    ),
    '',
    `- **Speedup, 3 workers vs 1 (median): ${r.medianSpeedup}** — target ≥ 2.5: ${mark(r.medianSpeedup >= 2.5)}.`,
    `- Emulators' share of all CPU (median): ${pct(r.medianEmulatorCpuShare)}.`,
  ].join('\n');
}

function discovery(r: NonNullable<BenchResults['discovery']>): string {
  const last = r.points[r.points.length - 1]!;
  return [
    `## 5. Discovery`,
    '',
    'A dry run (discovery only) with the JSON backend (the default users run; it writes every unit to disk); baseline: a bare loop paging `/media/search` with the same query and page size (100). Resident per unit: the live heap (after full GCs) at the end of discovery less the heap before the run, divided by the units.',
    '',
    table(
      [
        'items',
        'discovery',
        'bare paging',
        'discovery / paging',
        'µs per item (discovery / paging)',
        'peak RSS',
        'RSS before the run',
        'resident per unit',
        'emulator CPU share',
      ],
      r.points.map((p) => [
        p.items.toLocaleString('en'),
        `${(p.discoveryMs / 1000).toFixed(2)} s`,
        `${(p.pagingMs / 1000).toFixed(2)} s`,
        `×${p.ratio}`,
        `${p.discoveryUsPerItem} / ${p.pagingUsPerItem}`,
        `${p.peakRssMiB} MiB`,
        `${p.rssBeforeRunMiB} MiB`,
        `${p.residentBytesPerUnit} B`,
        pct(p.emulatorCpuShare),
      ]),
    ),
    '',
    `- **Cost per item, largest / smallest library: ${r.perItemGrowth}** (bare paging: ${r.pagingPerItemGrowth}) — target flat (≤ 1.25): ${mark(r.perItemGrowth <= 1.25)}.`,
    `- **Resident per unit at the largest library: ${last.residentBytesPerUnit} B** — target ≤ 1 KiB: ${mark(last.residentBytesPerUnit <= 1024)}.`,
  ].join('\n');
}

/** BENCHMARKS.md for one run: the machine, the command, every figure, and the findings. */
export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const findings = (() => {
    try {
      return readFileSync(FINDINGS, 'utf8').trim();
    } catch {
      return '';
    }
  })();
  const sections = [
    `# Benchmarks`,
    '',
    `Generated by \`${r.command}\` (mode: ${r.mode}) on ${r.startedAt}; the run took ${Math.round(r.durationS / 60)} min (${Object.entries(
      r.durationsS,
    )
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')}). Raw figures: \`bench-results.json\`. Source: \`bench/\`.`,
    '',
    `**Machine:** ${m.nproc} CPUs (\`nproc\`), ${m.cpuModel}, ${(m.memoryTotalMiB / 1024).toFixed(1)} GiB memory, Node ${m.node}, ${m.platform}; load average at start ${m.loadAverageAtStart.join(' / ')}. The machine is shared and noisy: every time figure is a ratio against a baseline measured in the same run (alternating order), as the median of ${r.config.repetitions} repetitions; absolute figures are shown for context only. Both emulators run in their own processes on 127.0.0.1, the sync in another, so each one's CPU is measured apart.`,
    '',
    findings,
    '',
    Object.keys(r.errors).length
      ? `## Failed benchmarks\n\n${Object.entries(r.errors)
          .map(([k, v]) => `- **${k}**: ${v}`)
          .join('\n')}`
      : '',
    r.largeFiles ? largeFiles(r.largeFiles) : '',
    r.manyPhotos ? manyPhotos(r.manyPhotos, r.quota) : '',
    r.state ? state(r.state) : '',
    r.scaleOut ? scaleOut(r.scaleOut) : '',
    r.discovery ? discovery(r.discovery) : '',
    peerSection(r),
    r.quota ? quotaSection(r.quota) : '',
    r.quotaMigration ? quotaMigrationSection(r.quotaMigration) : '',
  ];
  return `${sections
    .filter((s, i, all) => s !== '' || all[i - 1] !== '')
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')}\n`;
}
