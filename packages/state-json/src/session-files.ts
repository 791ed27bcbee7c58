/**
 * Reading a session directory: every record file with the hash of its text (so unchanged
 * records are not rewritten) and, for units, its status (for the counts in meta.json).
 * Leftover temp files from a crash are removed, never read.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Q2gError, type SessionMeta } from '@q2google/core';
import { isTempName, removeFile } from './atomic-write.js';
import type { FileOps } from './file-ops.js';
import { decodeKey } from './key-codec.js';
import { listDir, mapLimit, readJsonFile } from './read-json-file.js';

/** One record file as last read or written. */
export interface RecordInfo {
  hash: string;
  /** The unit's status, for units whose file could be parsed. */
  status?: string;
}

/**
 * Record infos by file name that keep their per-status counts up to date as they change, so
 * writing a session's meta (which carries the counts) does not recount every unit.
 */
export class CountedRecords extends Map<string, RecordInfo> {
  readonly counts: Record<string, number> = {};

  override set(name: string, info: RecordInfo): this {
    this.#count(this.get(name)?.status, -1);
    this.#count(info.status, 1);
    return super.set(name, info);
  }

  override delete(name: string): boolean {
    this.#count(this.get(name)?.status, -1);
    return super.delete(name);
  }

  override clear(): void {
    for (const key of Object.keys(this.counts)) delete this.counts[key];
    super.clear();
  }

  #count(status: string | undefined, by: 1 | -1): void {
    if (!status) return;
    const next = (this.counts[status] ?? 0) + by;
    if (next === 0) delete this.counts[status];
    else this.counts[status] = next;
  }
}

/** What this instance knows is on disk for one session, by file name. */
export interface SessionCache {
  items: CountedRecords;
  batches: CountedRecords;
  metaHash?: string;
  /** The meta last read or written. */
  meta?: SessionMeta;
}

/**
 * The info kept for a record, made in one literal (one per unit stays resident: a status added
 * afterwards would cost a separate property store per unit).
 */
export function recordInfo(hash: string, status: unknown): RecordInfo {
  return typeof status === 'string' ? { hash, status } : { hash };
}

/** The hash kept for a file's text. */
export function hashText(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('base64');
}

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** The text a record is stored as: canonical JSON and a newline. */
export function serialize(value: unknown): string {
  return `${canonicalJson(value)}\n`;
}

/** A record file that parsed: its name, value and info. */
export interface ReadRecord {
  name: string;
  value: Record<string, unknown>;
  info: RecordInfo;
}

/**
 * Removes the temp files a killed write left in `dir` (its listing may be given); with `of`,
 * only those of that file (a session folder also holds the lock's temp files, which are
 * another process's while it tries the lock).
 */
export async function removeTempFiles(
  ops: FileOps,
  dir: string,
  options: { names?: string[]; of?: string } = {},
): Promise<void> {
  const { names, of } = options;
  const temps = (names ?? (await listDir(ops, dir))).filter(
    (name) => isTempName(name) && (of === undefined || name.startsWith(`.${of}.`)),
  );
  await mapLimit(temps, 16, async (name) => await removeFile(ops, join(dir, name)).catch(() => {}));
}

/**
 * Reads every `*.json` record in `dir`. `strict` throws STATE_CORRUPT naming a damaged file;
 * otherwise damaged files are recorded with a hash that never matches (so they get rewritten).
 */
export async function readRecords(
  ops: FileOps,
  dir: string,
  idField: 'key' | 'id',
  strict: boolean,
): Promise<{ records: ReadRecord[]; infos: CountedRecords }> {
  const names = await listDir(ops, dir);
  const infos = new CountedRecords();
  const records: ReadRecord[] = [];
  const files = names.filter((name) => name.endsWith('.json') && !isTempName(name));
  await removeTempFiles(ops, dir, { names });
  const read = await mapLimit(files, 64, async (name) => {
    const path = join(dir, name);
    try {
      const value = await readJsonFile(ops, path);
      if (value === undefined) return undefined;
      const id = (value as Record<string, unknown> | null)?.[idField];
      const expected = decodeKey(name.slice(0, -'.json'.length));
      if (typeof value !== 'object' || typeof id !== 'string' || (expected && expected !== id)) {
        throw new Q2gError('STATE_CORRUPT', `The state file ${path} does not hold "${expected}".`, {
          hint: 'Restore it from a backup, or delete the session folder to start over.',
          details: { path },
        });
      }
      const status = (value as { status?: unknown }).status;
      const info = recordInfo(hashText(serialize(value)), status);
      return { name, value: value as Record<string, unknown>, info };
    } catch (error) {
      if (strict) throw error;
      return { name, value: {}, info: { hash: '' } };
    }
  });
  for (const record of read) {
    if (!record) continue;
    infos.set(record.name, record.info);
    if (record.info.hash !== '') records.push(record);
  }
  return { records, infos };
}

/** Counts of units per status from what the cache knows. */
export function cachedCounts(cache: SessionCache): Record<string, number> {
  return { ...cache.items.counts };
}
