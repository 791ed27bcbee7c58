/**
 * `listSessions` of the JSON backend: stored counts in meta.json (or in the newest journaled
 * save), or counted from the records.
 */
import {
  countStatuses,
  newestFirst,
  parseSessionDocument,
  SessionMetaSchema,
  type SessionSummary,
  summarizeSession,
} from '@q2google/core';
import { z } from 'zod';
import type { FileOps } from './file-ops.js';
import { readJournal } from './journal.js';
import { sessionPaths } from './layout.js';
import { listDir, mapLimit, readJsonFile } from './read-json-file.js';
import { readRecords } from './session-files.js';

const CountsSchema = z.record(z.string(), z.number().int().nonnegative());

async function fromDirectory(ops: FileOps, root: string, id: string) {
  const paths = sessionPaths(root, id);
  const stored = await readJsonFile(ops, paths.meta);
  if (stored === undefined) return fromFlat(ops, root, id);
  // The newest journaled save carries the whole meta.json, counts included.
  const journaled = (await readJournal(ops, paths.dir)).records.at(-1)?.meta;
  const raw = journaled ?? stored;
  const meta = SessionMetaSchema.safeParse(raw);
  if (!meta.success) return undefined;
  const counts = CountsSchema.safeParse((raw as { counts?: unknown }).counts);
  if (counts.success) return summarizeSession(meta.data, counts.data);
  const { infos } = await readRecords(ops, paths.items, 'key', false);
  return summarizeSession(meta.data, infos.counts);
}

async function fromFlat(ops: FileOps, root: string, id: string) {
  const raw = await readJsonFile(ops, sessionPaths(root, id).flat);
  if (raw === undefined) return undefined;
  const state = parseSessionDocument(raw);
  return summarizeSession(state, countStatuses(Object.values(state.items)));
}

/** Every readable session under `root`, most recently updated first. */
export async function listJsonSessions(ops: FileOps, root: string): Promise<SessionSummary[]> {
  const names = await listDir(ops, root);
  const ids = new Set<string>();
  for (const name of names) {
    const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : name;
    if (/^[A-Za-z0-9]/.test(id)) ids.add(id);
  }
  const rows = await mapLimit([...ids], 16, async (id) => {
    try {
      return await fromDirectory(ops, root, id);
    } catch {
      return undefined;
    }
  });
  return newestFirst(rows.filter((row): row is SessionSummary => row !== undefined));
}
