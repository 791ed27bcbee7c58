/**
 * A sink's requests per day (capability `requestCounts`): one file per counter, day and writer
 * under `<dir>/_requests/<counter>/<day>/<writer>.json`. Each run writes only its own file
 * (atomically: temp file, fsync, rename), and one writer's writes never overlap (the
 * contract), so concurrent runs never touch one file and no lock is needed. The day's count is
 * the sum of its files.
 */
import { join } from 'node:path';
import type { RequestTally } from '@q2google/core';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write.js';
import type { FileOps } from './file-ops.js';
import { recordFileName, requestCountDir } from './layout.js';
import { listDir, mapLimit, readJsonFile } from './read-json-file.js';
import { makeDirectory } from './record-writer.js';
import { serialize } from './session-files.js';

/** A stored writer total. */
const RequestTallySchema = z.object({
  counter: z.string(),
  day: z.string(),
  writer: z.string(),
  requests: z.number().int().nonnegative(),
});

/** Keeps the larger of the writer's stored total and `tally.requests`. */
export async function recordRequests(
  ops: FileOps,
  root: string,
  tally: RequestTally,
): Promise<void> {
  const dir = requestCountDir(root, tally.counter, tally.day);
  const path = join(dir, recordFileName(tally.writer));
  const stored = RequestTallySchema.safeParse(await readJsonFile(ops, path).catch(() => undefined));
  if (stored.success && stored.data.requests >= tally.requests) return;
  await makeDirectory(ops, dir);
  const { counter, day, writer, requests } = tally;
  await writeFileAtomic(ops, path, serialize({ counter, day, writer, requests }));
}

/** The totals of every writer of `counter` on `day`, summed; unreadable files count 0. */
export async function requestsSpent(
  ops: FileOps,
  root: string,
  counter: string,
  day: string,
): Promise<number> {
  const dir = requestCountDir(root, counter, day);
  const names = (await listDir(ops, dir)).filter((name) => name.endsWith('.json'));
  let total = 0;
  await mapLimit(names, 32, async (name) => {
    const raw = await readJsonFile(ops, join(dir, name)).catch(() => undefined);
    const parsed = RequestTallySchema.safeParse(raw);
    if (parsed.success && parsed.data.counter === counter && parsed.data.day === day)
      total += parsed.data.requests;
  });
  return total;
}
