/**
 * Folding the save journal into the record files and meta.json (a checkpoint): the newest
 * text of every journaled record and the newest meta.json are written with the usual atomic
 * save (records first, meta.json last); only once they are durable is the journal removed. A
 * kill at any step leaves the journal in place, and replaying it again changes nothing.
 */
import { join } from 'node:path';
import { removeFile, syncDirectory } from './atomic-write.js';
import type { FileOps } from './file-ops.js';
import { type JournalContent, type JournalRecord, journalPath } from './journal.js';
import type { SessionPaths } from './layout.js';
import { type ChangedRecord, makeDirectory } from './record-writer.js';
import { writeSave } from './save-writer.js';
import { hashText, serialize } from './session-files.js';

/** Journaled saves not yet folded: the newest text per record file, and of meta.json. */
export interface PendingJournal {
  /** Records by path (folder + file name), newest last written. */
  records: Map<string, ChangedRecord>;
  /** meta.json's newest text. */
  metaText: string;
  /** Complete records in the journal file. */
  count: number;
  /** The journal file's length. */
  bytes: number;
}

/** A record file's new text as a ChangedRecord (its hash and, for units, status). */
export function recordFromValue(dir: string, name: string, value: unknown): ChangedRecord {
  const text = serialize(value);
  const status = (value as { status?: unknown } | null)?.status;
  return {
    dir,
    name,
    text,
    info: typeof status === 'string' ? { hash: hashText(text), status } : { hash: hashText(text) },
  };
}

/** Adds one journaled save to `pending` (newest wins). */
export function addToPending(
  pending: PendingJournal,
  paths: SessionPaths,
  record: JournalRecord,
): void {
  for (const [name, value] of Object.entries(record.items)) {
    pending.records.set(join(paths.items, name), recordFromValue(paths.items, name, value));
  }
  for (const [name, value] of Object.entries(record.batches)) {
    pending.records.set(join(paths.batches, name), recordFromValue(paths.batches, name, value));
  }
  pending.metaText = serialize(record.meta);
  pending.count += 1;
}

/** What a journal file read from disk has to fold. */
export function pendingOf(paths: SessionPaths, content: JournalContent): PendingJournal {
  const pending: PendingJournal = { records: new Map(), metaText: '', count: 0, bytes: 0 };
  for (const record of content.records) addToPending(pending, paths, record);
  pending.bytes = content.bytes;
  return pending;
}

/** Writes the pending records and meta.json, then removes the journal. */
export async function foldJournal(
  ops: FileOps,
  paths: SessionPaths,
  pending: PendingJournal,
): Promise<void> {
  const records = [...pending.records.values()];
  for (const dir of new Set(records.map((record) => record.dir))) await makeDirectory(ops, dir);
  const meta = pending.count > 0 ? { path: paths.meta, text: pending.metaText } : undefined;
  await writeSave(ops, records, meta);
  await removeFile(ops, journalPath(paths.dir));
  await syncDirectory(ops, paths.dir);
}
