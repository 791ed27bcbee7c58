import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackendRegistry } from '@q2google/core';
import { buildSession } from '@q2google/state-conformance';
import { describe, expect, test } from 'vitest';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A user's project folder with this package installed in node_modules (as a symlink). */
async function projectWithPlugin(): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), 'q2g-lines-project-'));
  await mkdir(join(project, 'node_modules'));
  await symlink(packageRoot, join(project, 'node_modules', 'q2google-state-lines'), 'dir');
  return project;
}

describe('loading q2google-state-lines through the registry', () => {
  test('Q2G_PLUGINS=q2google-state-lines makes lines: URIs open this backend', async () => {
    const cwd = await projectWithPlugin();
    const registry = createBackendRegistry({ cwd, plugins: ['q2google-state-lines'] });
    const backend = await registry.open('lines:./state');
    const state = buildSession({ items: 12, batches: 2, album: 'From a plugin' });
    await backend.save(state);
    expect(await backend.load(state.id)).toStrictEqual(state);
    await backend.close?.();

    const again = await createBackendRegistry({ cwd, plugins: ['q2google-state-lines'] }).open(
      `lines:${join(cwd, 'state')}`,
    );
    expect(await again.load(state.id)).toStrictEqual(state);
  });

  test('without the plugin configured, lines: is an unknown scheme', async () => {
    const cwd = await projectWithPlugin();
    await expect(createBackendRegistry({ cwd }).open('lines:./state')).rejects.toMatchObject({
      code: 'BACKEND_UNKNOWN_SCHEME',
    });
  });
});
