/**
 * BENCHMARKS.md's peer section (issue 16): rclone, the download-then-upload pipeline, q2google
 * and the bare loop side by side over HTTPS, and every issue-16 target marked met or missed
 * from this run's figures (the peer rows, large-file memory, backend share, discovery memory).
 */
import {
  type Contestant,
  type PeerRun,
  type PeerScenario,
  pairedRatio,
} from '../benchmarks/peer.js';
import type { BenchResults } from './results.js';

const LABELS: Record<Contestant, string> = {
  rclone: 'rclone upload alone, local disk → Google, HTTPS',
  pipeline: 'download to disk, then rclone upload (what a user builds today)',
  q2google: 'q2google sync, GoPro → Google, HTTPS',
  bare: 'bare loop, GoPro → Google, HTTPS (node:https)',
};
const ORDER: Contestant[] = ['rclone', 'pipeline', 'q2google', 'bare'];
const MiB = 1024 ** 2;

const fmt = (value: number | undefined, digits = 2) =>
  value === undefined || Number.isNaN(value) ? '—' : String(Number(value.toFixed(digits)));
const mark = (met: boolean | undefined) =>
  met === undefined ? '**not measured**' : met ? '**met**' : '**missed**';

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const itemsPerS = (s: PeerScenario, run: PeerRun | undefined) =>
  run ? s.items / (run.durationMs / 1000) : undefined;
const mbPerS = (s: PeerScenario, run: PeerRun | undefined) =>
  run ? s.bytes / 1e3 / run.durationMs : undefined;

function peerTable(r: NonNullable<BenchResults['peer']>): string {
  const { photos, videos } = r;
  const rows = ORDER.filter((who) => photos.median[who] || videos.median[who]).map((who) => {
    const p = photos.median[who];
    const v = videos.median[who];
    return [
      LABELS[who],
      fmt(itemsPerS(photos, p), 1),
      fmt(p?.clientCpuS),
      p ? `${fmt(p.peakRssMiB, 0)} MiB` : '—',
      fmt(p && p.googleRequests / photos.items),
      fmt(mbPerS(videos, v), 1),
      fmt(v?.clientCpuS),
      v ? `${fmt(v.peakRssMiB, 0)} MiB` : '—',
      fmt(v && v.googleRequests / videos.items),
    ];
  });
  return table(
    [
      '',
      'items/s (photos)',
      'client CPU s (photos)',
      'peak RSS (photos)',
      'Google req/item (photos)',
      `MB/s (${videos.items} × ${fmt(videos.fileBytes / MiB, 0)} MiB)`,
      'client CPU s (videos)',
      'peak RSS (videos)',
      'Google req/item (videos)',
    ],
    rows,
  );
}

/** The issue-16 targets, each with this run's figure and whether it is met. */
function targets(r: BenchResults): string[] {
  const lines: string[] = [];
  const peer = r.peer;
  if (peer) {
    const { photos, videos } = peer;
    const dur = (who: Contestant) => (rep: (typeof photos.reps)[number]) => rep[who]?.durationMs;
    const cpu = (who: Contestant) => (rep: (typeof photos.reps)[number]) => rep[who]?.clientCpuS;
    const vsPipeline = pairedRatio(photos, dur('pipeline'), dur('q2google'));
    const vsBare = pairedRatio(photos, dur('bare'), dur('q2google'));
    const cpuVsPipeline = pairedRatio(photos, cpu('q2google'), cpu('pipeline'));
    const photoRss = photos.median.q2google?.peakRssMiB;
    lines.push(
      `- Photos, q2google items/s ≥ 1.2 × the pipeline's over HTTPS: ×${fmt(vsPipeline, 3)} — ${mark(vsPipeline === undefined ? undefined : vsPipeline >= 1.2)}.`,
      `- Photos, q2google items/s ≥ 0.9 × its own bare loop: ×${fmt(vsBare, 3)} — ${mark(vsBare === undefined ? undefined : vsBare >= 0.9)}.`,
      `- Photos, client CPU per photo ≤ the pipeline's (both steps): q2google / pipeline ×${fmt(cpuVsPipeline, 3)} — ${mark(cpuVsPipeline === undefined ? undefined : cpuVsPipeline <= 1)}.`,
      `- Photos, q2google peak RSS ≤ 100 MiB: ${fmt(photoRss, 1)} MiB — ${mark(photoRss === undefined ? undefined : photoRss <= 100)}.`,
    );
    const vsRclone = pairedRatio(videos, dur('rclone'), dur('q2google'));
    const cpuVsRclone = pairedRatio(videos, cpu('q2google'), cpu('rclone'));
    const videoRss = videos.median.q2google?.peakRssMiB;
    lines.push(
      `- Large files over HTTPS, q2google MB/s (downloading from GoPro too) ≥ 0.9 × rclone's upload alone: ×${fmt(vsRclone, 3)} — ${mark(vsRclone === undefined ? undefined : vsRclone >= 0.9)}.`,
      `- Large files, client CPU per byte ≤ 2 × rclone's: ×${fmt(cpuVsRclone, 3)} — ${mark(cpuVsRclone === undefined ? undefined : cpuVsRclone <= 2)}.`,
      `- Large files, q2google peak RSS in this section: ${fmt(videoRss, 1)} MiB.`,
    );
  }
  const rss = r.largeFiles?.rss;
  if (rss && rss.length >= 2) {
    const small = rss[0]!;
    const big = rss[rss.length - 1]!;
    const flat = big.peakRssMiB / small.peakRssMiB;
    const met = flat <= 1.25 && rss.every((x) => x.peakRssMiB <= 150);
    lines.push(
      `- Large files, peak RSS flat from ${fmt(small.fileBytes / MiB, 0)} MiB to ${fmt(big.fileBytes / MiB, 0)} MiB files and ≤ 150 MiB (benchmark 1): ${rss.map((x) => `${x.peakRssMiB} MiB`).join(' → ')}, ×${fmt(flat, 2)} — ${mark(met)}.`,
    );
  }
  const shares = r.state?.shares;
  if (shares?.length) {
    const worst = Math.max(...shares.map((s) => s.busyShare));
    lines.push(
      `- Backend busy share during a small-photo sync ≤ 50 % on every built-in backend (benchmark 3): ${shares.map((s) => `${s.backend} ${(s.busyShare * 100).toFixed(1)} %`).join(', ')} — ${mark(worst <= 0.5)}.`,
    );
  }
  const points = r.discovery?.points;
  if (points?.length) {
    const last = points[points.length - 1]!;
    const perUnit = ((last.peakRssMiB - last.rssBeforeRunMiB) * MiB) / last.items;
    lines.push(
      `- Discovery, ≤ 1 KiB resident per unit at ${last.items.toLocaleString('en')} units (benchmark 5): peak RSS − RSS before the run ${fmt(perUnit, 0)} B per unit — ${mark(perUnit <= 1024)} (live heap after full GCs: ${fmt(last.residentBytesPerUnit, 0)} B per unit).`,
      `- Discovery, cost per unit flat from ${points[0]!.items.toLocaleString('en')} to ${last.items.toLocaleString('en')} (≤ 1.25): ×${r.discovery!.perItemGrowth} — ${mark(r.discovery!.perItemGrowth <= 1.25)}.`,
    );
  }
  return lines;
}

/** The peer section and the issue-16 targets; empty when neither has figures. */
export function peerSection(r: BenchResults): string {
  const lines = targets(r);
  const peer = r.peer;
  if (!peer && lines.length === 0) return '';
  const intro = peer
    ? [
        `## 6. Peer: rclone (issue 16)`,
        '',
        peer.skipped
          ? `**The rclone rows were skipped: ${peer.skipped}.**`
          : `${peer.rcloneVersion}, built by \`scripts/rclone.sh\` from the Go module proxy. Same run, same files, concurrency ${peer.concurrency} (\`--transfers ${peer.concurrency}\`), every connection over HTTPS with the run's throwaway CA: ${peer.photos.items} photos of ${peer.photos.sizeRange[0] / 1e6}–${peer.photos.sizeRange[1] / 1e6} MB and ${peer.videos.items} videos of ${fmt(peer.videos.fileBytes / MiB, 0)} MiB. rclone's Google endpoints are fixed, so it reaches the Google emulator through a CONNECT front (\`HTTPS_PROXY\`, \`--ca-cert\`) that hands each tunnel's socket to the emulator, which serves TLS on it (no relay, no extra hop); its remote holds a fresh access token. The pipeline downloads the library to disk (concurrency ${peer.concurrency}, node:https) and then runs the same \`rclone copy\`; its CPU is both steps'. Client CPU and peak RSS are the client processes' own (rclone's from its rusage, through bash's \`times\`, and \`VmHWM\`); rclone's figures include its process start, the Node jobs' begin after module loading. Median of ${peer.photos.reps.length}; the order rotates each repetition.`,
        '',
        peerTable(peer),
        '',
      ]
    : [`## Issue 16 targets`, ''];
  return [
    ...intro,
    peer ? '**Issue 16 targets** (ratios paired within each repetition, then the median):' : '',
    '',
    ...lines,
  ].join('\n');
}
