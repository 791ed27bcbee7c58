import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { q2google, startQ2google } from './cli-process.js';
import { emptyProject, npmInstall, packAll, tarballFile, tarballFiles } from './pack.js';
import { examplePlugin, jsonBlocksOf, publishedPackages, REPO_ROOT } from './workspace.js';

const run = promisify(execFile);

/** The packages `npm install @q2google/cli` brings, as tarballs stand in for the registry. */
const CLI_CLOSURE = [
  '@q2google/cli',
  '@q2google/core',
  '@q2google/sandbox',
  '@q2google/sink-gphotos',
  '@q2google/source-gopro',
  '@q2google/state-json',
  '@q2google/web',
];

let tarballs: Map<string, string>;
const tarballOf = (name: string) => {
  const path = tarballs.get(name);
  if (!path) throw new Error(`no tarball for ${name}`);
  return path;
};

beforeAll(async () => {
  tarballs = await packAll([...publishedPackages(), examplePlugin()]);
});

describe('every tarball', () => {
  test('ships the root LICENSE and only built files (no tests, no TypeScript sources)', async () => {
    const license = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
    expect(license).toContain('Copyright (c) 2026 the q2google authors');
    expect(tarballs.size).toBe(publishedPackages().length + 1);
    for (const [name, tarball] of tarballs) {
      const files = await tarballFiles(tarball);
      expect(files, name).toContain('LICENSE');
      expect(files, name).toContain('package.json');
      expect(await tarballFile(tarball, 'LICENSE'), name).toBe(license);
      const sourceOnly = files.filter(
        (file) =>
          /\.test\.|(^|\/)(src|test|fixtures)\//.test(file) ||
          (/\.(ts|tsx|mts|cts)$/.test(file) && !/\.d\.(ts|mts|cts)$/.test(file)),
      );
      expect(sourceOnly, name).toStrictEqual([]);
      const manifest = JSON.parse(await tarballFile(tarball, 'package.json'));
      expect(JSON.stringify(manifest), name).not.toMatch(/workspace:|catalog:/);
    }
  });
});

describe('a user: the CLI with only @q2google/state-postgres, and a third-party plugin', () => {
  let project: string;

  beforeAll(async () => {
    project = await emptyProject('q2g-user-');
    const specs = [...CLI_CLOSURE, '@q2google/state-postgres', 'q2google-state-lines'];
    await npmInstall(project, specs.map(tarballOf));
    const { stdout } = await run('du', ['-sh', 'node_modules'], { cwd: project });
    console.log(`installed size (cli + state-postgres + example plugin): ${stdout.trim()}`);
  });

  test('the pg driver is installed and mongodb is not', () => {
    const modules = join(project, 'node_modules');
    expect(existsSync(join(modules, 'pg', 'package.json'))).toBe(true);
    expect(existsSync(join(modules, '@q2google', 'state-postgres'))).toBe(true);
    expect(existsSync(join(modules, 'mongodb'))).toBe(false);
    expect(existsSync(join(modules, '@q2google', 'state-mongo'))).toBe(false);
  });

  test('`q2google backends` shows what is installed and how to add MongoDB', async () => {
    const { code, stdout, stderr } = await q2google(project, ['backends']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/postgres:\s+@q2google\/state-postgres\s+builtin\s+available/);
    expect(stdout).toMatch(/mongodb:\s+@q2google\/state-mongo\s+builtin\s+not installed/);
    expect(stdout).toContain('npm install @q2google/state-mongo');
  });

  test('`q2google demo` syncs between the emulators', async () => {
    const { code, stdout, stderr } = await q2google(project, ['demo', '--items', '3']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/: complete/);
    expect(stdout).toMatch(/Emulated Google Photos now holds [1-9]\d* items/);
  });

  test('an ESM-only plugin named in Q2G_PLUGINS loads from the user folder and syncs', async () => {
    const exports = JSON.parse(
      readFileSync(join(project, 'node_modules', 'q2google-state-lines', 'package.json'), 'utf8'),
    ).exports['.'];
    expect(exports.import).toBeDefined();
    expect(exports.require ?? exports.default ?? exports.node).toBeUndefined();
    await copyFile(
      join(REPO_ROOT, 'tests/distribution/fixtures/plugin-sync.mjs'),
      join(project, 'plugin-sync.mjs'),
    );
    const { stdout } = await run(process.execPath, ['plugin-sync.mjs'], {
      cwd: project,
      env: { ...process.env, NODE_PATH: '', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const result = JSON.parse(/RESULT (.*)/.exec(stdout)![1]!);
    expect(result.code, stdout).toBe(0);
    expect(result.created).toBeGreaterThan(0);
    expect(await readdir(join(project, 'lines-state'))).not.toHaveLength(0);
  });

  test('`q2google web --demo --port 0` serves the dashboard', async () => {
    const { child, match } = await startQ2google(
      project,
      ['web', '--demo', '--port', '0'],
      /(http:\/\/127\.0\.0\.1:\d+)\/auth\?token=\S+/,
    );
    try {
      const origin = match[1]!;
      expect((await fetch(`${origin}/`)).status).toBe(401);
      // The printed link trades its one-time token for a session cookie.
      const login = await fetch(match[0], { redirect: 'manual' });
      const cookie = login.headers.get('set-cookie')?.split(';')[0];
      expect(cookie).toBeTruthy();
      const response = await fetch(`${origin}/`, { headers: { cookie: cookie! } });
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/<html/i);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  });
});

describe('a plugin author following docs/backends.md', () => {
  /** The manifest docs/backends.md gives plugin authors. */
  const documented = jsonBlocksOf('docs/backends.md').find(
    (block) => (block as { peerDependencies?: object }).peerDependencies,
  ) as { name: string; peerDependencies: Record<string, string> };

  /** A plugin tarball with the given peer range on @q2google/core. */
  async function pluginTarball(name: string, peer: string) {
    const dir = await emptyProject('q2g-plugin-');
    const manifest = {
      name,
      version: '1.0.0',
      type: 'module',
      exports: { '.': { import: './index.js' } },
      peerDependencies: { '@q2google/core': peer },
    };
    await writeFile(join(dir, 'package.json'), JSON.stringify(manifest));
    await writeFile(join(dir, 'index.js'), 'export default {};\n');
    await mkdir(join(dir, 'out'));
    await run('npm', ['pack', '--pack-destination', 'out'], { cwd: dir });
    return join(dir, 'out', `${name}-1.0.0.tgz`);
  }

  test('the documented peer range installs beside the released core without warnings', async () => {
    const range = documented.peerDependencies['@q2google/core']!;
    const project = await emptyProject('q2g-author-');
    const output = await npmInstall(project, [
      tarballOf('@q2google/core'),
      await pluginTarball('q2google-state-documented', range),
    ]);
    expect(`${output.stdout}\n${output.stderr}`).not.toMatch(/ERESOLVE|peer dep|conflicting peer/i);
    expect(existsSync(join(project, 'node_modules', 'q2google-state-documented'))).toBe(true);
  });

  test('a range core does not satisfy is refused (the check can fail)', async () => {
    const project = await emptyProject('q2g-author-');
    const install = npmInstall(project, [
      tarballOf('@q2google/core'),
      await pluginTarball('q2google-state-future', '^99.0.0'),
    ]);
    await expect(install).rejects.toMatchObject({ stderr: expect.stringMatching(/ERESOLVE/) });
  });
});
