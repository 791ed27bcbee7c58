import type { QuotaMigrationFigures } from '../benchmarks/quota-migration.js';

/** The BENCHMARKS.md section of benchmark 6 (a migration over several quota days). */
export function quotaMigrationSection(r: QuotaMigrationFigures): string {
  const rows = r.days.map(
    (d, i) => `| ${i + 1} | ${d.day} | ${d.requests} | ${d.refused} | ${d.afterRefusal} |`,
  );
  return [
    '## 8. Quota migration',
    '',
    `${r.photos} photos with a daily quota of ${r.dailyQuota} requests in the Google emulator, migrated by one \`${r.command}\` on a virtual clock the CLI shares with the emulator: each wait for the reset (Pacific midnight) takes no real time. Counts, not times: they do not depend on the machine.`,
    '',
    '| day | Pacific date | requests | refused (quota answer) | reached Google after the answer |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `- **Days taken: ${r.daysTaken}**; exit code ${r.exitCode}; real time ${r.realS} s.`,
    `- **Units created exactly once: ${r.createdExactlyOnce ? 'yes' : 'no'}.**`,
    `- **Requests started after a quota answer, before its reset: ${r.requestsAfterAnswer}** — target 0: ${r.requestsAfterAnswer === 0 ? '**met**' : '**missed**'}. ("Reached Google after the answer" counts requests already under way when it came.)`,
  ].join('\n');
}
