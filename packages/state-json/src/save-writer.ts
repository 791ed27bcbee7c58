/**
 * One incremental save with few sequential file-system steps. Every changed record and the new
 * meta.json go to fsynced temp files at once; then the records are renamed into place and their
 * folders fsynced; only then is meta.json renamed and the session folder fsynced. A kill at any
 * step leaves each file whole (old or new) plus ignored temp files, and meta.json (its
 * discovery cursor above all) never ahead of the records it counts.
 */
import { dirname, join } from 'node:path';
import {
  commitStaged,
  discardStaged,
  type StagedFile,
  stageFile,
  syncDirectory,
} from './atomic-write.js';
import type { FileOps } from './file-ops.js';
import { mapLimit } from './read-json-file.js';
import type { ChangedRecord } from './record-writer.js';

/** Files written at once. */
const PARALLEL_WRITES = 32;

/** A whole file to replace atomically: its path and new text. */
export interface FileToWrite {
  path: string;
  text: string;
}

/** Writes `records` and then `meta` (when given) as described above. */
export async function writeSave(
  ops: FileOps,
  records: ChangedRecord[],
  meta: FileToWrite | undefined,
): Promise<void> {
  const staged: StagedFile[] = [];
  let stagedMeta: StagedFile | undefined;
  const results = await Promise.allSettled([
    mapLimit(records, PARALLEL_WRITES, async (record) => {
      staged.push(await stageFile(ops, join(record.dir, record.name), record.text));
    }),
    meta ? stageFile(ops, meta.path, meta.text).then((file) => (stagedMeta = file)) : undefined,
  ]);
  const all = () => (stagedMeta ? [...staged, stagedMeta] : staged);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await discardStaged(ops, all());
    throw failed.reason;
  }
  try {
    await mapLimit(staged, PARALLEL_WRITES, (file) => commitStaged(ops, file));
    const dirs = [...new Set(records.map((record) => record.dir))];
    await Promise.all(dirs.map((dir) => syncDirectory(ops, dir)));
  } catch (error) {
    // Renamed files are gone from their temp paths already; the rest are removed.
    await discardStaged(ops, all());
    throw error;
  }
  if (!stagedMeta) return;
  await commitStaged(ops, stagedMeta);
  await syncDirectory(ops, dirname(stagedMeta.path));
}
