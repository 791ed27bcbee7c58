/**
 * The JSON state backend: one directory per session (`meta.json`, `items/`, `batches/`),
 * atomic writes, one writer per session (lock file), incremental saves that write only the
 * changed records, and transparent reading of the v0 flat layout (`<dir>/<id>.json`).
 */
import { dirname, resolve } from 'node:path';
import {
  type BackendCapabilities,
  type BackendFrame,
  createBackendFrame,
  defineStateBackend,
  parseSessionDocument,
  Q2gError,
  type SessionChange,
  type SessionMeta,
  type SessionState,
  type SyncStateBackend,
} from '@q2google/core';
import { removeFile, syncDirectory, writeFileAtomic } from './atomic-write.js';
import { type FileOps, nodeFileOps, pathExists } from './file-ops.js';
import { appendJournal, journalLine, readJournal } from './journal.js';
import { addToPending, foldJournal, type PendingJournal, pendingOf } from './journal-checkpoint.js';
import { ledgerLookup, ledgerRecord } from './json-ledger.js';
import { recordRequests, requestsSpent } from './json-request-counts.js';
import { recordFileName, type SessionPaths, sessionPaths } from './layout.js';
import { listJsonSessions } from './list-sessions.js';
import { readJsonFile } from './read-json-file.js';
import {
  type ChangedRecord,
  changedRecords,
  makeDirectory,
  removeStale,
  writeRecords,
} from './record-writer.js';
import { writeSave } from './save-writer.js';
import {
  cachedCounts,
  hashText,
  readRecords,
  removeTempFiles,
  type SessionCache,
  serialize,
} from './session-files.js';
import { type LockOwner, SessionLocks } from './session-lock.js';

/** Options for {@link createJsonBackend}. */
export interface JsonBackendOptions {
  /** The state directory (created when first written). */
  directory: string;
  /** File-system calls; injectable so tests can make one step fail. */
  fileOps?: FileOps;
  /** Who takes session locks (default this process); tests simulate another process with it. */
  lockOwner?: LockOwner;
  /** Whether a pid is alive (default `process.kill(pid, 0)`). */
  isProcessAlive?: (pid: number) => boolean;
}

/** What the JSON backend declares. */
export const JSON_BACKEND_CAPABILITIES: BackendCapabilities = Object.freeze({
  incrementalSave: true,
  listSessions: true,
  ledger: true,
  requestCounts: true,
  concurrency: 'exclusive',
});

/** A journal longer than this many saves is folded into the record files. */
const JOURNAL_MAX_RECORDS = 128;
/** A journal longer than this is folded into the record files. */
const JOURNAL_MAX_BYTES = 4 * 1024 * 1024;

const metaOf = (state: SessionState): SessionMeta => {
  const { items: _items, batches: _batches, ...meta } = state;
  return meta;
};

/** The storage work of the JSON backend; core's frame adds the closed guard and error naming. */
class JsonStore {
  private readonly caches = new Map<string, SessionCache>();
  private readonly chains = new Map<string, Promise<unknown>>();
  /** Record folders this instance has created (or found), so a save does not mkdir each time. */
  private readonly madeDirs = new Set<string>();
  /** Journaled saves not yet folded into the record files, by session id. */
  private readonly journals = new Map<string, { paths: SessionPaths; pending: PendingJournal }>();
  private readonly locks: SessionLocks;

  constructor(
    private readonly root: string,
    private readonly ops: FileOps,
    private readonly frame: BackendFrame,
    owner: LockOwner | undefined,
    isAlive: ((pid: number) => boolean) | undefined,
  ) {
    this.locks = new SessionLocks(ops, owner, isAlive);
  }

  load(sessionId: string): Promise<SessionState | null> {
    return this.serial('load', sessionId, () => this.loadNow(sessionId));
  }

  save(state: SessionState): Promise<void> {
    return this.serial('save', state.id, () => this.saveNow(state));
  }

  saveChanges(change: SessionChange): Promise<void> {
    return this.serial('saveChanges', change.sessionId, () => this.saveChangesNow(change));
  }

  listSessions() {
    return listJsonSessions(this.ops, this.root);
  }

  ledgerLookup(keys: string[]) {
    return ledgerLookup(this.ops, this.root, keys);
  }

  ledgerRecord(entries: Parameters<typeof ledgerRecord>[2]) {
    return ledgerRecord(this.ops, this.root, entries);
  }

  recordRequests(tally: Parameters<typeof recordRequests>[2]) {
    return recordRequests(this.ops, this.root, tally);
  }

  requestsSpent(counter: string, day: string) {
    return requestsSpent(this.ops, this.root, counter, day);
  }

  /** Lets queued operations settle (they refuse once closed), then drops locks and caches. */
  async release(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
    // A fold that fails leaves the journal whole: the next load folds it.
    for (const id of [...this.journals.keys()]) await this.checkpoint(id).catch(() => {});
    await this.locks.releaseAll();
    this.caches.clear();
    this.journals.clear();
    this.madeDirs.clear();
  }

  /** Runs operations on one session one after another; a queued one refuses after close. */
  private serial<T>(operation: string, sessionId: string, fn: () => Promise<T>): Promise<T> {
    const run = async () => {
      this.frame.assertOpen(operation);
      return fn();
    };
    const previous = this.chains.get(sessionId) ?? Promise.resolve();
    const next = previous.then(run, run);
    const tail = next.catch(() => {});
    this.chains.set(sessionId, tail);
    void tail.then(() => {
      if (this.chains.get(sessionId) === tail) this.chains.delete(sessionId);
    });
    return next;
  }

  private async lock(paths: SessionPaths, sessionId: string): Promise<void> {
    if (this.locks.holds(paths.dir)) return;
    await this.mkdir(paths.dir);
    await this.locks.acquire(paths.dir, sessionId);
  }

  private async mkdir(dir: string): Promise<void> {
    await makeDirectory(this.ops, dir);
  }

  private async loadNow(id: string): Promise<SessionState | null> {
    const paths = sessionPaths(this.root, id);
    const hasDir = await pathExists(this.ops, paths.dir);
    const hasFlat = await pathExists(this.ops, paths.flat);
    if (!hasDir && !hasFlat) return null;
    await this.lock(paths, id);
    await removeTempFiles(this.ops, paths.dir, { of: 'meta.json' });
    await this.recoverJournal(id, paths);
    const meta = await readJsonFile(this.ops, paths.meta);
    if (meta === undefined) {
      const flat = await readJsonFile(this.ops, paths.flat);
      return flat === undefined ? null : parseSessionDocument(flat, { source: paths.flat });
    }
    const items = await readRecords(this.ops, paths.items, 'key', true);
    const batches = await readRecords(this.ops, paths.batches, 'id', true);
    const document =
      typeof meta === 'object' && meta !== null && !Array.isArray(meta)
        ? {
            ...meta,
            items: Object.fromEntries(items.records.map((r) => [r.value.key, r.value])),
            batches: Object.fromEntries(batches.records.map((r) => [r.value.id, r.value])),
          }
        : meta;
    const state = parseSessionDocument(document, { source: paths.dir });
    this.caches.set(id, { items: items.infos, batches: batches.infos, meta: metaOf(state) });
    return state;
  }

  /** What is on disk for a session this instance has not read yet (tolerant of damage). */
  private async cacheFor(id: string, paths: SessionPaths): Promise<SessionCache> {
    let cache = this.caches.get(id);
    if (!cache) {
      await this.recoverJournal(id, paths);
      const items = await readRecords(this.ops, paths.items, 'key', false);
      const batches = await readRecords(this.ops, paths.batches, 'id', false);
      cache = { items: items.infos, batches: batches.infos };
      this.caches.set(id, cache);
    }
    return cache;
  }

  private async writeMeta(paths: SessionPaths, cache: SessionCache, meta: SessionMeta) {
    const text = serialize({ ...meta, counts: cachedCounts(cache) });
    const hash = hashText(text);
    if (cache.metaHash === hash) return;
    await writeFileAtomic(this.ops, paths.meta, text);
    cache.metaHash = hash;
    cache.meta = meta;
  }

  /** Removes the v0 flat file once the directory is complete. */
  private async dropFlat(paths: SessionPaths): Promise<void> {
    if (!(await pathExists(this.ops, paths.flat))) return;
    await removeFile(this.ops, paths.flat);
    await syncDirectory(this.ops, dirname(paths.flat));
  }

  private async saveNow(state: SessionState): Promise<void> {
    const paths = sessionPaths(this.root, state.id);
    await this.lock(paths, state.id);
    const cache = await this.cacheFor(state.id, paths);
    // Written straight to the record files: what the journal holds goes there first.
    await this.checkpoint(state.id);
    const items = Object.values(state.items);
    const batches = Object.values(state.batches);
    await writeRecords(
      this.ops,
      paths.items,
      cache.items,
      items.map((i) => ({ id: i.key, value: i, status: i.status })),
    );
    await writeRecords(
      this.ops,
      paths.batches,
      cache.batches,
      batches.map((b) => ({ id: b.id, value: b })),
    );
    await removeStale(
      this.ops,
      paths.items,
      cache.items,
      new Set(items.map((i) => recordFileName(i.key))),
    );
    await removeStale(
      this.ops,
      paths.batches,
      cache.batches,
      new Set(batches.map((b) => recordFileName(b.id))),
    );
    await this.writeMeta(paths, cache, metaOf(state));
    await this.dropFlat(paths);
  }

  private async saveChangesNow(change: SessionChange): Promise<void> {
    const paths = sessionPaths(this.root, change.sessionId);
    // A session this instance has written or read in the directory layout needs no look.
    const known = this.caches.get(change.sessionId)?.meta !== undefined;
    const hasMeta = known || (await pathExists(this.ops, paths.meta));
    const flat = hasMeta ? undefined : await readJsonFile(this.ops, paths.flat);
    if (!hasMeta && flat === undefined && !change.meta) {
      throw new Q2gError(
        'STATE_INVALID',
        `Session "${change.sessionId}" does not exist, so a change without its meta cannot be saved.`,
      );
    }
    await this.lock(paths, change.sessionId);
    if (flat !== undefined) {
      const base = parseSessionDocument(flat, { source: paths.flat });
      const merged: SessionState = { ...base, ...change.meta };
      for (const item of change.items) merged.items[item.key] = item;
      for (const batch of change.batches) merged.batches[batch.id] = batch;
      return this.saveNow(merged);
    }
    const cache = await this.cacheFor(change.sessionId, paths);
    // Without a new meta the stored one is kept; meta.json is still rewritten for its counts.
    const meta = change.meta
      ? metaOf({ items: {}, batches: {}, ...change.meta })
      : (cache.meta ?? (await this.storedMeta(paths)));
    const items = changedRecords(
      paths.items,
      cache.items,
      change.items.map((i) => ({ id: i.key, value: i, status: i.status })),
    );
    const batches = changedRecords(
      paths.batches,
      cache.batches,
      change.batches.map((b) => ({ id: b.id, value: b })),
    );
    try {
      if (items.length > 0) await this.mkdirOnce(paths.items);
      if (batches.length > 0) await this.mkdirOnce(paths.batches);
      // The cache takes the new records first, so meta.json's counts are those after the save;
      // a failed save drops the cache and the next one reads what is really on disk.
      for (const record of items) cache.items.set(record.name, record.info);
      for (const record of batches) cache.batches.set(record.name, record.info);
      const metaValue = { ...meta, counts: cachedCounts(cache) };
      const text = serialize(metaValue);
      const hash = hashText(text);
      if (!hasMeta) {
        // A new session's first save creates its files; the journal needs meta.json in place.
        await writeSave(this.ops, [...items, ...batches], { path: paths.meta, text });
        cache.metaHash = hash;
        cache.meta = meta;
        return;
      }
      const journal = this.journals.get(change.sessionId);
      const lastMetaHash = journal ? hashText(journal.pending.metaText) : cache.metaHash;
      if (items.length === 0 && batches.length === 0 && lastMetaHash === hash) return;
      await this.journalSave(change.sessionId, paths, items, batches, metaValue);
      cache.meta = meta;
    } catch (error) {
      this.caches.delete(change.sessionId);
      this.journals.delete(change.sessionId);
      throw error;
    }
    const pending = this.journals.get(change.sessionId)?.pending;
    if (pending && (pending.count >= JOURNAL_MAX_RECORDS || pending.bytes >= JOURNAL_MAX_BYTES)) {
      // The save is durable in the journal already; a failed fold is retried later.
      await this.checkpoint(change.sessionId).catch(() => {});
    }
  }

  /** Appends one save to the session's journal (one write, one fsync). */
  private async journalSave(
    id: string,
    paths: SessionPaths,
    items: ChangedRecord[],
    batches: ChangedRecord[],
    meta: Record<string, unknown>,
  ): Promise<void> {
    const byName = (records: ChangedRecord[]) =>
      Object.fromEntries(records.map((r) => [r.name, JSON.parse(r.text) as unknown]));
    const record = { items: byName(items), batches: byName(batches), meta };
    const line = journalLine(record);
    let journal = this.journals.get(id);
    await appendJournal(this.ops, paths.dir, line, { created: !journal });
    if (!journal) {
      journal = { paths, pending: { records: new Map(), metaText: '', count: 0, bytes: 0 } };
      this.journals.set(id, journal);
    }
    addToPending(journal.pending, paths, record);
    journal.pending.bytes += Buffer.byteLength(line, 'utf8');
  }

  /** Folds the session's journal into its record files and meta.json, then removes it. */
  private async checkpoint(id: string): Promise<void> {
    const journal = this.journals.get(id);
    if (!journal) return;
    await foldJournal(this.ops, journal.paths, journal.pending);
    this.journals.delete(id);
    const cache = this.caches.get(id);
    if (cache && journal.pending.count > 0) cache.metaHash = hashText(journal.pending.metaText);
  }

  /** Folds a journal left on disk (by a killed or earlier run) before the files are read. */
  private async recoverJournal(id: string, paths: SessionPaths): Promise<void> {
    if (this.journals.has(id)) return this.checkpoint(id);
    const content = await readJournal(this.ops, paths.dir);
    if (content.bytes === 0) return;
    await foldJournal(this.ops, paths, pendingOf(paths, content));
  }

  /** Creates a session's record folder the first time this instance writes into it. */
  private async mkdirOnce(dir: string): Promise<void> {
    if (this.madeDirs.has(dir)) return;
    await this.mkdir(dir);
    this.madeDirs.add(dir);
  }

  /** The meta stored in meta.json (without the counts), validated. */
  private async storedMeta(paths: SessionPaths): Promise<SessionMeta> {
    const raw = (await readJsonFile(this.ops, paths.meta)) as Record<string, unknown> | undefined;
    const { counts: _counts, ...rest } = raw ?? {};
    return metaOf(
      parseSessionDocument({ ...rest, items: {}, batches: {} }, { source: paths.meta }),
    );
  }
}

/** Opens the JSON state backend over `directory`. */
export function createJsonBackend(options: JsonBackendOptions): SyncStateBackend {
  const root = resolve(options.directory);
  const frame = createBackendFrame({
    name: 'json',
    label: 'JSON state',
    where: root,
    // Unexpected file-system failures (the known ones are already named) are worth a retry.
    classifyConnectionError: () => 'retryable',
    unavailableHints: { retryable: 'Check that the state folder is readable and writable.' },
  });
  const store = new JsonStore(
    root,
    options.fileOps ?? nodeFileOps,
    frame,
    options.lockOwner,
    options.isProcessAlive,
  );
  return defineStateBackend(frame, {
    capabilities: JSON_BACKEND_CAPABILITIES,
    methods: store,
    release: () => store.release(),
  });
}
