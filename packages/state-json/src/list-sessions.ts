import {
  parseSessionDocument,
  type SessionMeta,
  SessionMetaSchema,
  type SessionSummary,
} from '@q2google/core';
import { z } from 'zod';
import type { FileOps } from './file-ops.js';
import { sessionPaths } from './layout.js';
import { listDir, mapLimit, readJsonFile } from './read-json-file.js';
import { readRecords } from './session-files.js';

const CountsSchema = z.record(z.string(), z.number().int().nonnegative());

function summary(meta: SessionMeta, counts: Record<string, number>): SessionSummary {
  return {
    id: meta.id,
    range: meta.range,
    options: meta.options,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    counts,
  };
}

async function fromDirectory(ops: FileOps, root: string, id: string) {
  const paths = sessionPaths(root, id);
  const raw = await readJsonFile(ops, paths.meta);
  if (raw === undefined) return fromFlat(ops, root, id);
  const meta = SessionMetaSchema.safeParse(raw);
  if (!meta.success) return undefined;
  const stored = CountsSchema.safeParse((raw as { counts?: unknown }).counts);
  if (stored.success) return summary(meta.data, stored.data);
  const { infos } = await readRecords(ops, paths.items, 'key', false);
  const counts: Record<string, number> = {};
  for (const info of infos.values()) {
    if (info.status) counts[info.status] = (counts[info.status] ?? 0) + 1;
  }
  return summary(meta.data, counts);
}

async function fromFlat(ops: FileOps, root: string, id: string) {
  const raw = await readJsonFile(ops, sessionPaths(root, id).flat);
  if (raw === undefined) return undefined;
  const state = parseSessionDocument(raw);
  const counts: Record<string, number> = {};
  for (const item of Object.values(state.items))
    counts[item.status] = (counts[item.status] ?? 0) + 1;
  return summary(state, counts);
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
  return rows
    .filter((row): row is SessionSummary => row !== undefined)
    .sort(
      (a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.createdAt.localeCompare(a.createdAt),
    );
}
