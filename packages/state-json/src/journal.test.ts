import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { type SessionState, type SyncStateBackend, transitionItem } from '@q2google/core';
import { buildItem, buildSession } from '@q2google/state-conformance';
import { describe, expect, test } from 'vitest';
import { createJsonBackend, encodeKey, type FileOps, nodeFileOps } from './index.js';
import { JOURNAL_NAME } from './journal.js';
import { systemError, tempStateRoot } from './test-support.js';

async function savedSession(items = 6) {
  const root = await tempStateRoot();
  const state = buildSession({ items, batches: 1 });
  const backend = createJsonBackend({ directory: root });
  await backend.save(state);
  await backend.close!();
  return { root, state, journal: join(root, state.id, JOURNAL_NAME) };
}

/** Saves unit `index` as failed (attempt `attempts`) through saveChanges; returns the unit. */
async function saveUnit(backend: SyncStateBackend, state: SessionState, index: number) {
  const item = { ...buildItem('failed', index), attempts: index + 1 };
  const { items: _items, batches: _batches, ...meta } = state;
  await backend.saveChanges!({ sessionId: state.id, meta, items: [item], batches: [] });
  return item;
}

const exists = (path: string) =>
  readFile(path).then(
    () => true,
    () => false,
  );

/** File-system calls that count the writes made, by kind. */
function countingOps() {
  const counts = { tempFiles: 0, appends: 0, syncs: 0, renames: 0 };
  const ops: FileOps = {
    ...nodeFileOps,
    rename: async (from, to) => {
      counts.renames += 1;
      return nodeFileOps.rename(from, to);
    },
    open: (async (path: string, flags?: string, mode?: number) => {
      const handle = await nodeFileOps.open(path, flags, mode);
      if (flags === 'wx') counts.tempFiles += 1;
      if (flags === 'a') counts.appends += 1;
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        counts.syncs += 1;
        return sync();
      };
      return handle;
    }) as FileOps['open'],
  };
  return { ops, counts };
}

describe('save journal', () => {
  test('an incremental save is one journal append and one fsync; record files wait for the checkpoint at close', async () => {
    const { root, state, journal } = await savedSession();
    const { ops, counts } = countingOps();
    const backend = createJsonBackend({ directory: root, fileOps: ops });
    await backend.load(state.id);
    Object.assign(counts, { tempFiles: 0, appends: 0, syncs: 0, renames: 0 });
    await saveUnit(backend, state, 1);
    // The first append creates the journal, so its folder is fsynced once too.
    expect(counts).toStrictEqual({ tempFiles: 0, appends: 1, syncs: 2, renames: 0 });
    const item = await saveUnit(backend, state, 2);
    expect(counts).toStrictEqual({ tempFiles: 0, appends: 2, syncs: 3, renames: 0 });
    expect((await readFile(journal, 'utf8')).split('\n')).toHaveLength(3);
    const unitFile = join(root, state.id, 'items', `${encodeKey('unit-2')}.json`);
    expect(JSON.parse(await readFile(unitFile, 'utf8')).attempts).not.toBe(3);
    await backend.close!();
    expect(await exists(journal)).toBe(false);
    expect(JSON.parse(await readFile(unitFile, 'utf8'))).toStrictEqual(item);
  });

  test('a torn last journal line (killed mid-append) is ignored; the complete ones are applied', async () => {
    const { root, state, journal } = await savedSession();
    // The writer's lock names a pid that is dead by the time the reader looks.
    const writer = createJsonBackend({
      directory: root,
      lockOwner: { pid: 999_999_999, hostname: hostname() },
    });
    await writer.load(state.id);
    const kept = await saveUnit(writer, state, 1);
    const saved = await readFile(journal, 'utf8');
    // A kill after half of the next line was written: no checkpoint, the lock left behind.
    const next = await saveUnit(writer, state, 2);
    const full = await readFile(journal, 'utf8');
    const line = full.slice(saved.length);
    await writeFile(journal, saved + line.slice(0, Math.floor(line.length / 2)));
    const reader = createJsonBackend({ directory: root, isProcessAlive: () => false });
    const loaded = (await reader.load(state.id))!;
    expect(loaded.items['unit-1']).toStrictEqual(kept);
    expect(loaded.items['unit-2']).toStrictEqual(state.items['unit-2']);
    expect(loaded.items['unit-2']).not.toStrictEqual(next);
    // Loading folded the journal away, so the next save appends to a clean one.
    expect(await exists(journal)).toBe(false);
    const again = await saveUnit(reader, loaded, 3);
    await reader.close!();
    const check = createJsonBackend({ directory: root });
    expect((await check.load(state.id))!.items['unit-3']).toStrictEqual(again);
    await check.close!();
  });

  test('a damaged journal line followed by a complete one is STATE_CORRUPT naming the journal', async () => {
    const { root, state, journal } = await savedSession();
    const writer = createJsonBackend({ directory: root });
    await writer.load(state.id);
    await saveUnit(writer, state, 1);
    await copyFile(journal, `${journal}.bak`);
    await writer.close!();
    const line = await readFile(`${journal}.bak`, 'utf8');
    await writeFile(journal, `${line.replace('"failed"', '"lost"')}${line}`);
    const reader = createJsonBackend({ directory: root });
    const error = await reader.load(state.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STATE_CORRUPT' });
    expect((error as Error).message).toContain(journal);
    await reader.close!();
  });

  test('a checkpoint that fails half way keeps the journal; the next load replays it, and replaying a folded journal changes nothing', async () => {
    const { root, state, journal } = await savedSession();
    const target = `${encodeKey('unit-4')}.json`;
    const ops: FileOps = {
      ...nodeFileOps,
      rename: async (from, to) => {
        if (String(to).endsWith(target)) throw systemError('EIO', String(to));
        return nodeFileOps.rename(from, to);
      },
    };
    const writer = createJsonBackend({ directory: root, fileOps: ops });
    await writer.load(state.id);
    const first = await saveUnit(writer, state, 1);
    const fourth = await saveUnit(writer, state, 4);
    await writer.close!();
    // unit-1's file may be folded already, unit-4's is not: the journal stays.
    expect(await exists(journal)).toBe(true);
    await copyFile(journal, `${journal}.bak`);
    const reader = createJsonBackend({ directory: root });
    const loaded = (await reader.load(state.id))!;
    expect(loaded.items['unit-1']).toStrictEqual(first);
    expect(loaded.items['unit-4']).toStrictEqual(fourth);
    await reader.close!();
    expect(await exists(journal)).toBe(false);
    // A kill after the fold but before the journal was removed: the same records again.
    await copyFile(`${journal}.bak`, journal);
    const replay = createJsonBackend({ directory: root });
    expect(await replay.load(state.id)).toStrictEqual(loaded);
    await replay.close!();
    expect(await exists(journal)).toBe(false);
  });

  test('listSessions counts the units saved in the journal before any checkpoint', async () => {
    const { root, state } = await savedSession(4);
    const writer = createJsonBackend({ directory: root });
    await writer.load(state.id);
    const { items: _items, batches: _batches, ...meta } = state;
    const moved = transitionItem(state.items['unit-0']!, 'skipped', {
      skip: { reason: 'excluded', detail: 'by test' },
    });
    await writer.saveChanges!({ sessionId: state.id, meta, items: [moved], batches: [] });
    const lister = createJsonBackend({ directory: root });
    const [summary] = await lister.listSessions!();
    const expected: Record<string, number> = {};
    for (const item of Object.values({ ...state.items, 'unit-0': moved }))
      expected[item.status] = (expected[item.status] ?? 0) + 1;
    expect(summary?.counts).toStrictEqual(expected);
    await lister.close!();
    await writer.close!();
  });

  test('a journal past its bound is folded during a save', async () => {
    const { root, state, journal } = await savedSession(2);
    const writer = createJsonBackend({ directory: root });
    await writer.load(state.id);
    let rounds = 0;
    // Two saves a round (the meta changes back and forth), up to the bound of 128 records.
    for (; rounds < 128; rounds += 1) {
      await saveUnit(writer, { ...state, updatedAt: new Date(rounds * 1000).toISOString() }, 0);
      await saveUnit(writer, state, 1);
      if (!(await exists(journal))) break;
    }
    expect(rounds).toBe(63);
    expect(await readdir(join(root, state.id))).not.toContain(JOURNAL_NAME);
    await writer.close!();
  });
});
