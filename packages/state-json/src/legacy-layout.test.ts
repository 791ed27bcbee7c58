import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSession } from '@q2google/state-conformance';
import { describe, expect, test } from 'vitest';
import { createJsonBackend, type FileOps, nodeFileOps } from './index.js';
import { systemError, tempStateRoot } from './test-support.js';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('the v0 flat layout (<dir>/<sessionId>.json)', () => {
  test('is loaded and listed transparently', async () => {
    const root = await tempStateRoot();
    const state = buildSession({ items: 9, batches: 2 });
    await writeFile(join(root, `${state.id}.json`), JSON.stringify(state, null, 2));
    const backend = createJsonBackend({ directory: root });
    expect(await backend.load(state.id)).toStrictEqual(state);
    const listed = await backend.listSessions!();
    expect(listed.map((s) => s.id)).toEqual([state.id]);
    expect(listed[0]?.counts.discovered).toBe(2);
    await backend.close!();
  });

  test('is converted to the directory layout on the next save, then removed', async () => {
    const root = await tempStateRoot();
    const state = buildSession({ items: 5, batches: 1 });
    await writeFile(join(root, `${state.id}.json`), JSON.stringify(state));
    const backend = createJsonBackend({ directory: root });
    const loaded = (await backend.load(state.id))!;
    await backend.save({ ...loaded, updatedAt: '2025-03-01T00:00:00.000Z' });
    expect(await exists(join(root, `${state.id}.json`))).toBe(false);
    expect((await readdir(join(root, state.id, 'items'))).length).toBe(5);
    await backend.close!();
    const reopened = createJsonBackend({ directory: root });
    expect(await reopened.load(state.id)).toStrictEqual({
      ...state,
      updatedAt: '2025-03-01T00:00:00.000Z',
    });
    await reopened.close!();
  });

  test('an incremental save converts it too, merging the change', async () => {
    const root = await tempStateRoot();
    const state = buildSession({ items: 3, batches: 0 });
    await writeFile(join(root, `${state.id}.json`), JSON.stringify(state));
    const backend = createJsonBackend({ directory: root });
    const { items: _i, batches: _b, ...meta } = state;
    const item = { ...state.items['unit-0']!, attempts: 5 };
    await backend.saveChanges!({ sessionId: state.id, meta, items: [item], batches: [] });
    expect(await exists(join(root, `${state.id}.json`))).toBe(false);
    expect(await backend.load(state.id)).toStrictEqual({
      ...state,
      items: { ...state.items, 'unit-0': item },
    });
    await backend.close!();
  });

  test('stays the source of truth when the conversion fails half way', async () => {
    const root = await tempStateRoot();
    const state = buildSession({ items: 4, batches: 0 });
    const flat = JSON.stringify(state);
    await writeFile(join(root, `${state.id}.json`), flat);
    const ops: FileOps = {
      ...nodeFileOps,
      rename: async (from, to) => {
        if (String(to).endsWith('meta.json')) throw systemError('ENOSPC', String(to));
        return nodeFileOps.rename(from, to);
      },
    };
    const failing = createJsonBackend({ directory: root, fileOps: ops });
    await expect(
      failing.save({ ...state, updatedAt: '2025-05-05T00:00:00.000Z' }),
    ).rejects.toMatchObject({ code: 'BACKEND_WRITE_FAILED' });
    await failing.close!();
    expect(await readFile(join(root, `${state.id}.json`), 'utf8')).toBe(flat);
    const backend = createJsonBackend({ directory: root });
    expect(await backend.load(state.id)).toStrictEqual(state);
    await backend.close!();
  });
});
