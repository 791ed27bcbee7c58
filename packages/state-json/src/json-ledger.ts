/**
 * The cross-session ledger: one file per unit key under `<dir>/_ledger/`. Recording uses an
 * exclusive create (temp file + link), so the first session to record a key wins even across
 * processes, with no lock; a lookup reads only the files of the keys asked for.
 */
import { join } from 'node:path';
import type { LedgerEntry } from '@q2google/core';
import { z } from 'zod';
import { createFileExclusive, syncDirectory } from './atomic-write.js';
import type { FileOps } from './file-ops.js';
import { ledgerDir, recordFileName } from './layout.js';
import { mapLimit, readJsonFile } from './read-json-file.js';
import { makeDirectory } from './record-writer.js';
import { serialize } from './session-files.js';

/** A stored ledger entry; extra fields are allowed and kept out of results. */
export const LedgerEntrySchema = z.object({
  key: z.string().min(1),
  sessionId: z.string(),
  mediaItemId: z.string(),
  createdAt: z.string(),
});

/** The entries that exist for `keys`; unreadable or mismatched files count as absent. */
export async function ledgerLookup(
  ops: FileOps,
  root: string,
  keys: string[],
): Promise<Map<string, LedgerEntry>> {
  const dir = ledgerDir(root);
  const found = new Map<string, LedgerEntry>();
  await mapLimit([...new Set(keys)], 64, async (key) => {
    const raw = await readJsonFile(ops, join(dir, recordFileName(key))).catch(() => undefined);
    const parsed = LedgerEntrySchema.safeParse(raw);
    if (parsed.success && parsed.data.key === key) found.set(key, parsed.data);
  });
  return found;
}

/** Records entries whose keys are not in the ledger yet; existing entries are kept. */
export async function ledgerRecord(
  ops: FileOps,
  root: string,
  entries: LedgerEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const dir = ledgerDir(root);
  await makeDirectory(ops, dir);
  await mapLimit(entries, 32, async (entry) => {
    const { key, sessionId, mediaItemId, createdAt } = entry;
    const text = serialize({ key, sessionId, mediaItemId, createdAt });
    await createFileExclusive(ops, join(dir, recordFileName(key)), text);
  });
  await syncDirectory(ops, dir);
}
