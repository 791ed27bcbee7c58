/**
 * Test helpers for the JSON backend: a temp state directory, a second live process to own
 * locks, and the conformance hooks that read and damage the files directly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredRecord, StoredSession } from '@q2google/state-conformance';
import { nodeFileOps } from './file-ops.js';
import { readJournal } from './journal.js';

/** A fresh temp directory for one test file. */
export function tempStateRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'q2g-state-json-'));
}

/** A second, idle node process: a live pid that is not ours. Kill it when done. */
export function spawnIdleProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 60000)'], { stdio: 'ignore' });
}

async function readStored(dir: string, idField: string): Promise<Record<string, StoredRecord>> {
  const out: Record<string, StoredRecord> = {};
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch {
    return out;
  }
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const path = join(dir, name);
    const raw = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    const info = await stat(path, { bigint: true });
    out[String(raw[idField])] = { raw, stamp: `${info.ino}:${info.mtimeNs}` };
  }
  return out;
}

/**
 * The conformance `inspect` hook: every record file with its inode and mtime as the stamp,
 * overlaid by the records of the save journal (newest wins), stamped by their journal line.
 */
export async function inspectSession(dir: string): Promise<StoredSession | null> {
  const items = await readStored(join(dir, 'items'), 'key');
  const batches = await readStored(join(dir, 'batches'), 'id');
  const journal = await readJournal(nodeFileOps, dir);
  journal.records.forEach((record, line) => {
    for (const value of Object.values(record.items)) {
      const raw = value as Record<string, unknown>;
      items[String(raw.key)] = { raw, stamp: `journal:${line}` };
    }
    for (const value of Object.values(record.batches)) {
      const raw = value as Record<string, unknown>;
      batches[String(raw.id)] = { raw, stamp: `journal:${line}` };
    }
  });
  return { items, batches };
}

/** The conformance `corrupt` hook: cuts `meta.json` in half, as a crash mid-write would. */
export async function truncateMeta(dir: string): Promise<void> {
  const path = join(dir, 'meta.json');
  const size = (await stat(path)).size;
  await truncate(path, Math.floor(size / 2));
}

/** The conformance `writeForeign` hook: writes `document` as the session's `meta.json`. */
export async function writeMetaRaw(dir: string, document: unknown): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'meta.json'), JSON.stringify(document));
}

/** A system error like Node's, e.g. `ENOSPC`. */
export function systemError(code: string, path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: simulated failure, '${path}'`);
  error.code = code;
  error.path = path;
  return error;
}
