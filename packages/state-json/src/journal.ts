/**
 * The per-session save journal, `<session>/journal.ndjson`: one line per incremental save,
 * appended and fsynced in one step, so a save costs one fsync whatever the number of records.
 * A line is `<sha1 base64 of the payload> <payload JSON>\n`; the payload holds the whole new
 * text of every changed unit and batch (by file name) and the whole meta.json (counts
 * included). A kill mid-append leaves a last line without its newline or with a wrong checksum:
 * it is ignored. Records hold whole states, so applying one twice changes nothing.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Q2gError, wrapError } from '@q2google/core';
import { STATE_FILE_MODE, syncDirectory, writeFailed } from './atomic-write.js';
import { type FileOps, isMissing } from './file-ops.js';
import { canonicalJson } from './session-files.js';

/** The journal's file name inside a session folder. */
export const JOURNAL_NAME = 'journal.ndjson';

/** The journal path of a session folder. */
export function journalPath(sessionDir: string): string {
  return join(sessionDir, JOURNAL_NAME);
}

/** One save as journaled: record texts by file name, and meta.json's text. */
export interface JournalRecord {
  items: Record<string, unknown>;
  batches: Record<string, unknown>;
  meta: Record<string, unknown>;
}

/** What a journal holds: its complete records in order, its length, and whether a tail was torn. */
export interface JournalContent {
  records: JournalRecord[];
  bytes: number;
  tornTail: boolean;
}

const checksum = (payload: string): string =>
  createHash('sha1').update(payload, 'utf8').digest('base64');

/** The journal line of one save. */
export function journalLine(record: JournalRecord): string {
  const payload = canonicalJson(record);
  return `${checksum(payload)} ${payload}\n`;
}

/** Parses a journal's text; a damaged line before a good one is STATE_CORRUPT. */
export function parseJournal(text: string, path: string): JournalContent {
  const records: JournalRecord[] = [];
  const lines = text.split('\n');
  // The text after the last newline is an append cut short (or nothing).
  let tornTail = lines.pop() !== '';
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const space = line.indexOf(' ');
    const payload = line.slice(space + 1);
    const record = space > 0 && checksum(payload) === line.slice(0, space) ? parse(payload) : null;
    if (record) {
      records.push(record);
      continue;
    }
    if (index === lines.length - 1) {
      tornTail = true;
      break;
    }
    throw new Q2gError(
      'STATE_CORRUPT',
      `The state journal ${path} is damaged at line ${index + 1}.`,
      {
        hint: 'Restore it from a backup, or delete the session folder to start the session over.',
        details: { path },
      },
    );
  }
  return { records, bytes: Buffer.byteLength(text, 'utf8'), tornTail };
}

function parse(payload: string): JournalRecord | null {
  try {
    const value = JSON.parse(payload) as Partial<JournalRecord> | null;
    const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    return value && isMap(value.items) && isMap(value.batches) && isMap(value.meta)
      ? (value as JournalRecord)
      : null;
  } catch {
    return null;
  }
}

/** Reads a session's journal; none is an empty journal. */
export async function readJournal(ops: FileOps, sessionDir: string): Promise<JournalContent> {
  const path = journalPath(sessionDir);
  let text: string;
  try {
    text = await ops.readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return { records: [], bytes: 0, tornTail: false };
    throw wrapError(error, 'BACKEND_UNAVAILABLE', `Could not read ${path}`, {
      hint: 'Check that the state folder is readable by this user.',
    });
  }
  return parseJournal(text, path);
}

/**
 * Appends `line` and fsyncs it (open, write, sync, close: the calls the crash hooks watch);
 * the first append also fsyncs the session folder, so the new file itself is durable.
 */
export async function appendJournal(
  ops: FileOps,
  sessionDir: string,
  line: string,
  options: { created: boolean },
): Promise<void> {
  const path = journalPath(sessionDir);
  let handle: Awaited<ReturnType<FileOps['open']>> | undefined;
  try {
    handle = await ops.open(path, 'a', STATE_FILE_MODE);
    await handle.writeFile(line, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
  } catch (error) {
    await handle?.close().catch(() => {});
    throw writeFailed(path, error);
  }
  if (options.created) await syncDirectory(ops, sessionDir);
}
