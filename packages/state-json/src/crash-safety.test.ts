import { readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildItem, buildSession } from '@q2google/state-conformance';
import { describe, expect, test } from 'vitest';
import { createJsonBackend, encodeKey, type FileOps, nodeFileOps } from './index.js';
import { systemError, tempStateRoot } from './test-support.js';

const itemFile = (root: string, id: string, key: string) =>
  join(root, id, 'items', `${encodeKey(key)}.json`);

async function savedSession(items = 6) {
  const root = await tempStateRoot();
  const state = buildSession({ items, batches: 1 });
  const backend = createJsonBackend({ directory: root });
  await backend.save(state);
  await backend.close!();
  return { root, state };
}

function failOn(op: 'rename' | 'open', pathEnd: string, code: string): FileOps {
  return {
    ...nodeFileOps,
    rename: async (from, to) => {
      if (op === 'rename' && String(to).endsWith(pathEnd)) throw systemError(code, String(to));
      return nodeFileOps.rename(from, to);
    },
    open: (async (path: string, flags?: string, mode?: number) => {
      if (op === 'open' && flags === 'wx' && String(path).includes(pathEnd)) {
        throw systemError(code, String(path));
      }
      return nodeFileOps.open(path, flags, mode);
    }) as FileOps['open'],
  };
}

describe('crash safety', () => {
  test('a leftover temp file from a crash is ignored and cleaned up', async () => {
    const { root, state } = await savedSession();
    const leftover = join(root, state.id, 'items', '.unit-0.json.999.abcdef.tmp');
    await writeFile(leftover, '{"key": "unit-0", "stat');
    const backend = createJsonBackend({ directory: root });
    expect(await backend.load(state.id)).toStrictEqual(state);
    expect(await readdir(join(root, state.id, 'items'))).not.toContain(
      '.unit-0.json.999.abcdef.tmp',
    );
    await backend.close!();
  });

  test('a truncated meta.json gives STATE_CORRUPT naming the file', async () => {
    const { root, state } = await savedSession();
    await truncate(join(root, state.id, 'meta.json'), 40);
    const backend = createJsonBackend({ directory: root });
    const error = await backend.load(state.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STATE_CORRUPT' });
    expect((error as Error).message).toContain(join(root, state.id, 'meta.json'));
    await backend.close!();
  });

  test('a truncated unit file gives STATE_CORRUPT naming that file', async () => {
    const { root, state } = await savedSession();
    const path = itemFile(root, state.id, 'unit-3');
    await truncate(path, 10);
    const backend = createJsonBackend({ directory: root });
    const error = await backend.load(state.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STATE_CORRUPT' });
    expect((error as Error).message).toContain(path);
    await backend.close!();
  });

  test.each([
    ['a full disk while renaming', 'rename', 'ENOSPC'],
    ['a refused permission while creating the temp file', 'open', 'EACCES'],
  ] as const)(
    '%s gives BACKEND_WRITE_FAILED with path and cause; the old state stays readable',
    async (_, op, code) => {
      const { root, state } = await savedSession();
      const target = `${encodeKey('unit-2')}.json`;
      const backend = createJsonBackend({ directory: root, fileOps: failOn(op, target, code) });
      const next = structuredClone(state);
      next.items['unit-2'] = buildItem('failed', 2);
      const error = await backend.save(next).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'BACKEND_WRITE_FAILED', cause: { code } });
      expect((error as Error).message).toContain(itemFile(root, state.id, 'unit-2'));
      expect((error as Error).message).toContain(code);
      await backend.close!();
      const files = await readdir(join(root, state.id, 'items'));
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const reader = createJsonBackend({ directory: root });
      expect((await reader.load(state.id))?.items['unit-2']).toStrictEqual(state.items['unit-2']);
      await reader.close!();
    },
  );

  test('a write killed half way never leaves a half-written file in place', async () => {
    const { root, state } = await savedSession();
    const path = itemFile(root, state.id, 'unit-1');
    const before = await readFile(path, 'utf8');
    const ops: FileOps = {
      ...nodeFileOps,
      open: (async (p: string, flags?: string, mode?: number) => {
        const handle = await nodeFileOps.open(p, flags, mode);
        if (flags !== 'wx' || !String(p).includes(encodeKey('unit-1'))) return handle;
        return Object.assign(Object.create(handle), {
          writeFile: async (data: string) => {
            await handle.writeFile(data.slice(0, 20));
            throw systemError('EIO', p);
          },
          close: () => handle.close(),
        });
      }) as FileOps['open'],
    };
    const backend = createJsonBackend({ directory: root, fileOps: ops });
    const next = structuredClone(state);
    next.items['unit-1'] = { ...next.items['unit-1']!, attempts: 7 };
    await expect(backend.save(next)).rejects.toMatchObject({ code: 'BACKEND_WRITE_FAILED' });
    await backend.close!();
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  test('an incremental save whose journal append fails half way leaves meta.json as it was and no temp file; the next save is whole', async () => {
    const { root, state } = await savedSession();
    const metaPath = join(root, state.id, 'meta.json');
    const metaBefore = await readFile(metaPath, 'utf8');
    let failing = true;
    const ops: FileOps = {
      ...nodeFileOps,
      open: (async (p: string, flags?: string, mode?: number) => {
        const handle = await nodeFileOps.open(p, flags, mode);
        if (!failing || flags !== 'a') return handle;
        return Object.assign(Object.create(handle), {
          writeFile: async (data: string) => {
            await handle.writeFile(data.slice(0, 30));
            throw systemError('ENOSPC', p);
          },
          close: () => handle.close(),
        });
      }) as FileOps['open'],
    };
    const backend = createJsonBackend({ directory: root, fileOps: ops });
    const loaded = (await backend.load(state.id))!;
    const changed = [3, 4, 5].map((index) => buildItem('failed', index));
    const { items: _items, batches: _batches, ...meta } = loaded;
    const change = {
      sessionId: state.id,
      meta: { ...meta, albumId: 'album-after' },
      items: changed,
      batches: [],
    };
    await expect(backend.saveChanges!(change)).rejects.toMatchObject({
      code: 'BACKEND_WRITE_FAILED',
    });
    expect(await readFile(metaPath, 'utf8')).toBe(metaBefore);
    const left = await readdir(join(root, state.id), { recursive: true });
    expect(left.filter((name) => String(name).endsWith('.tmp'))).toEqual([]);
    failing = false;
    await backend.saveChanges!(change);
    await backend.close!();
    const reader = createJsonBackend({ directory: root });
    const after = (await reader.load(state.id))!;
    await reader.close!();
    expect(after.albumId).toBe('album-after');
    for (const item of changed) expect(after.items[item.key]).toStrictEqual(item);
    const counts = JSON.parse(await readFile(metaPath, 'utf8')).counts as Record<string, number>;
    const expected: Record<string, number> = {};
    for (const item of Object.values(after.items))
      expected[item.status] = (expected[item.status] ?? 0) + 1;
    expect(counts).toStrictEqual(expected);
  });

  test('save rewrites only changed files and removes files of units that are gone', async () => {
    const { root, state } = await savedSession(8);
    const backend = createJsonBackend({ directory: root });
    const loaded = (await backend.load(state.id))!;
    const stamp = async (key: string) => {
      const s = await stat(itemFile(root, state.id, key), { bigint: true });
      return `${s.ino}:${s.mtimeNs}`;
    };
    const before = await Promise.all(['unit-0', 'unit-1', 'unit-5'].map(stamp));
    const next = structuredClone(loaded);
    next.items['unit-1'] = { ...next.items['unit-1']!, attempts: 9 };
    delete next.items['unit-7'];
    await backend.save(next);
    expect(await stamp('unit-0')).toBe(before[0]);
    expect(await stamp('unit-5')).toBe(before[2]);
    expect(await stamp('unit-1')).not.toBe(before[1]);
    expect(await readdir(join(root, state.id, 'items'))).toHaveLength(7);
    expect(await backend.load(state.id)).toStrictEqual(next);
    await backend.close!();
  });
});
