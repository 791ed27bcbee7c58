import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSession } from '@q2google/state-conformance';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createJsonBackend, nodeFileOps } from './index.js';
import { ledgerRecord } from './json-ledger.js';
import { tempStateRoot } from './test-support.js';

let umask: number;
beforeEach(() => {
  umask = process.umask(0o000);
});
afterEach(() => {
  process.umask(umask);
});

/** Every folder and file under `dir` with its permission bits. */
async function modes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = ((await stat(path)).mode & 0o777).toString(8);
  }
  return out;
}

describe('state file permissions', () => {
  test('folders are 0700 and files 0600 whatever the umask', async () => {
    const root = join(await tempStateRoot(), 'state');
    const backend = createJsonBackend({ directory: root });
    const state = buildSession({ items: 3, batches: 1 });
    await backend.save(state);
    await backend.close!();
    await ledgerRecord(nodeFileOps, root, [
      { key: 'm1#source', sessionId: state.id, mediaItemId: 'g1', createdAt: state.createdAt },
    ]);
    expect(((await stat(root)).mode & 0o777).toString(8)).toBe('700');
    const found = await modes(root);
    expect(Object.keys(found).length).toBeGreaterThan(5);
    for (const [path, mode] of Object.entries(found)) {
      const isDir = (await stat(join(root, path))).isDirectory();
      expect({ path, mode }).toEqual({ path, mode: isDir ? '700' : '600' });
    }
  });
});
