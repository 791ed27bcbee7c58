import type { QuotaResult } from '../jobs/quota-job.js';

const mark = (met: boolean) => (met ? '**met**' : '**missed**');
const routes = (m: Record<string, number>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/** The quota section of BENCHMARKS.md: requests per unit, planned against spent, lost answer. */
export function quotaSection(r: QuotaResult): string {
  const { photos, videos, lostAnswer: lost } = r;
  const row = (what: string, run: typeof photos, target: number) => [
    what,
    run.units,
    run.planned,
    run.actual,
    run.perUnit,
    `≤ ${target}: ${mark(run.perUnit <= target && run.planned === run.actual)}`,
  ];
  return [
    `## 7. Google request quota`,
    '',
    `Over ${photos.protocol.replace(':', '').toUpperCase()}, one uninterrupted sync of ${photos.units} small photos into one album (the bench's only sync of thousands of photos; §2's requests per unit are this run's), and one of ${videos.units} videos of ${videos.fileBytes / 1024 ** 2} MiB (over the 32 MiB raw-upload threshold: resumable uploads) with no album; "planned" is core's quota plan (\`planSessionQuota\`) of the dry run, "spent" what the Google Photos emulator counted (OAuth token requests excluded). Then one batch of ${lost.batchItems} photos into the ${lost.albumItems}-item album loses its batchCreate answer (the sandbox's \`lost-response\` fault) and is settled from the album's listing.`,
    '',
    `| sync | units | planned requests | spent requests | per unit | target |`,
    `|---|---|---|---|---|---|`,
    `| ${row('photos', photos, 1.021).join(' | ')} |`,
    `| ${row('large videos', videos, 2.05).join(' | ')} |`,
    '',
    `- Photos by route: ${routes(photos.byRoute)}. Videos by route: ${routes(videos.byRoute)}.`,
    `- **One lost answer in a ${lost.albumItems}-item album: ${lost.settleRequests} listing requests** to settle it — bound \`Q2G_RECONCILE_MAX_PAGES\` = ${lost.boundPages}: ${mark(lost.settleRequests <= lost.boundPages)}; every unit created exactly once: ${mark(lost.settled)}. That run's requests by route: ${routes(lost.byRoute)}.`,
  ].join('\n');
}
