import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importFromDirs, resolveConditions } from './load-plugin-module.js';

/** A folder with `node_modules/<name>` holding the given package.json and files. */
async function folderWith(name: string, manifest: object, files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'q2g-resolve-'));
  const root = join(dir, 'node_modules', name);
  await mkdir(join(root, 'dist'), { recursive: true });
  await writeFile(join(root, 'package.json'), JSON.stringify({ name, ...manifest }));
  for (const [file, text] of Object.entries(files)) await writeFile(join(root, file), text);
  return dir;
}

describe('importFromDirs', () => {
  test('loads an ESM-only package whose exports have only an `import` condition', async () => {
    const dir = await folderWith(
      'esm-only-plugin',
      {
        type: 'module',
        exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
      },
      { 'dist/index.js': 'export default { name: "esm-only" };' },
    );
    const module = (await importFromDirs('esm-only-plugin', [dir])) as { default: unknown };
    expect(module.default).toStrictEqual({ name: 'esm-only' });
  });

  test('loads a CommonJS package with only `main`', async () => {
    const dir = await folderWith(
      'cjs-plugin',
      { main: './dist/index.js' },
      { 'dist/index.js': 'module.exports = { name: "cjs" };' },
    );
    const module = (await importFromDirs('cjs-plugin', [dir])) as { default: unknown };
    expect(module.default).toStrictEqual({ name: 'cjs' });
  });

  test('searches the folders in order: the first that has the package wins', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'q2g-resolve-empty-'));
    const first = await folderWith(
      'ordered',
      { type: 'module', exports: { import: './dist/a.js' } },
      {
        'dist/a.js': 'export const from = "first";',
      },
    );
    const second = await folderWith(
      'ordered',
      { type: 'module', exports: { import: './dist/a.js' } },
      {
        'dist/a.js': 'export const from = "second";',
      },
    );
    const module = (await importFromDirs('ordered', [empty, first, second])) as { from: string };
    expect(module.from).toBe('first');
  });

  test('a package no folder has is BACKEND_PACKAGE_MISSING, naming it', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'q2g-resolve-empty-'));
    await expect(importFromDirs('q2google-not-installed', [empty])).rejects.toMatchObject({
      code: 'BACKEND_PACKAGE_MISSING',
      message: expect.stringContaining('q2google-not-installed'),
    });
  });

  test('a package that exports nothing for `import` counts as missing', async () => {
    const dir = await folderWith(
      'require-only',
      { exports: { require: './dist/index.cjs' } },
      { 'dist/index.cjs': 'module.exports = {};' },
    );
    await expect(importFromDirs('require-only', [dir])).rejects.toMatchObject({
      code: 'BACKEND_PACKAGE_MISSING',
    });
  });
});

describe('resolveConditions', () => {
  test('node and import, plus --conditions from the command line and NODE_OPTIONS', () => {
    expect([...resolveConditions([], '')]).toStrictEqual(['node', 'import']);
    expect([
      ...resolveConditions(
        ['--conditions=dev', '-C', 'edge', '--import', 'tsx'],
        '-C=x --conditions y',
      ),
    ]).toStrictEqual(['node', 'import', 'dev', 'edge', 'x', 'y']);
  });
});
