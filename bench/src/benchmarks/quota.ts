/**
 * Quota benchmark (issue 15), the bench's one sync of many small photos: Google requests per
 * photo and per large video against core's quota plan, and one lost batchCreate answer settled in
 * the album that photo sync filled. Benchmark 2 reports its requests per unit from here too.
 */
import type { BenchConfig } from '../config.js';
import type { QuotaJobInput, QuotaResult } from '../jobs/quota-job.js';
import { runJob } from '../lib/child.js';
import { benchTls } from '../lib/tls.js';
import { jobFlags, type Log } from './harness.js';

/** The quota benchmark: runs `src/jobs/quota-job.ts` in its own process, over HTTPS. */
export function benchQuota(config: BenchConfig, log: Log): Promise<QuotaResult> {
  const input: QuotaJobInput = { quota: config.quota, tls: benchTls() };
  return runJob<QuotaResult>('quota-job.ts', input, {
    nodeFlags: jobFlags.value,
    // 5,000 photos and 50 large videos on a loaded machine: longer than one sync job.
    timeoutMs: 45 * 60_000,
    onLine: (line) => {
      if (line.type === 'log') log(String(line.message));
    },
  });
}
