/**
 * Writing a session's record files: only those whose text changed (by hash), fsyncing the
 * directory once per batch of writes; and removing the files of records that are gone.
 */
import { join } from 'node:path';
import {
  removeFile,
  STATE_DIR_MODE,
  syncDirectory,
  writeFailed,
  writeFileAtomic,
} from './atomic-write.js';
import type { FileOps } from './file-ops.js';
import { recordFileName } from './layout.js';
import { mapLimit } from './read-json-file.js';
import { hashText, type RecordInfo, recordInfo, serialize } from './session-files.js';

/** One record to store: its key or id, its value, and (for units) its status. */
export interface RecordToWrite {
  id: string;
  value: unknown;
  status?: string;
}

/** Creates a directory (and parents) of mode 0700; a failure is BACKEND_WRITE_FAILED. */
export async function makeDirectory(ops: FileOps, dir: string): Promise<void> {
  try {
    await ops.mkdir(dir, { recursive: true, mode: STATE_DIR_MODE });
  } catch (error) {
    throw writeFailed(dir, error);
  }
}

/** A record whose text differs from what is on disk: where it goes and what it becomes. */
export interface ChangedRecord {
  dir: string;
  name: string;
  text: string;
  info: RecordInfo;
}

/** The records whose text differs from `known` (by hash). */
export function changedRecords(
  dir: string,
  known: Map<string, RecordInfo>,
  records: RecordToWrite[],
): ChangedRecord[] {
  const changed: ChangedRecord[] = [];
  for (const record of records) {
    const name = recordFileName(record.id);
    const text = serialize(record.value);
    const hash = hashText(text);
    if (known.get(name)?.hash === hash) continue;
    const info = recordInfo(hash, record.status || undefined);
    changed.push({ dir, name, text, info });
  }
  return changed;
}

/** Writes the records whose text differs from `known`; returns how many were written. */
export async function writeRecords(
  ops: FileOps,
  dir: string,
  known: Map<string, RecordInfo>,
  records: RecordToWrite[],
): Promise<number> {
  const changed = changedRecords(dir, known, records);
  if (changed.length === 0) return 0;
  await makeDirectory(ops, dir);
  await mapLimit(changed, 32, async (r) => {
    await writeFileAtomic(ops, join(dir, r.name), r.text, { syncDir: false });
    known.set(r.name, r.info);
  });
  await syncDirectory(ops, dir);
  return changed.length;
}

/** Removes the files in `known` whose names are not in `keep`. */
export async function removeStale(
  ops: FileOps,
  dir: string,
  known: Map<string, RecordInfo>,
  keep: Set<string>,
): Promise<void> {
  const stale = [...known.keys()].filter((name) => !keep.has(name));
  await mapLimit(stale, 32, async (name) => {
    await removeFile(ops, join(dir, name));
    known.delete(name);
  });
  if (stale.length > 0) await syncDirectory(ops, dir);
}
