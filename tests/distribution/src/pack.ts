/** Packing workspace packages and installing tarballs with npm, as a user would. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { WorkspacePackage } from './workspace.js';

const run = promisify(execFile);

/** npm or pnpm output, both streams. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/**
 * `pnpm pack` of each package into one folder (pnpm rewrites `workspace:` and `catalog:` ranges
 * and runs `prepack`, which copies the LICENSE). Returns the tarball path of each package name.
 */
export async function packAll(packages: readonly WorkspacePackage[]): Promise<Map<string, string>> {
  const dest = await mkdtemp(join(tmpdir(), 'q2g-tarballs-'));
  const tarballs = new Map<string, string>();
  const queue = [...packages];
  const worker = async () => {
    for (let pkg = queue.shift(); pkg; pkg = queue.shift()) {
      const before = new Set(await readdir(dest));
      await run('pnpm', ['pack', '--pack-destination', dest], { cwd: pkg.dir });
      const expected = `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.manifest.version}.tgz`;
      if (before.has(expected) || !(await readdir(dest)).includes(expected)) {
        throw new Error(`pnpm pack of ${pkg.name} did not write ${expected}`);
      }
      tarballs.set(pkg.name, join(dest, expected));
    }
  };
  await Promise.all([worker(), worker()]);
  return tarballs;
}

/** An empty folder with a bare package.json, as `npm init -y` would leave it. */
export async function emptyProject(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'user-project', private: true }),
  );
  return dir;
}

/** `npm install --no-audit --no-fund <specs>` in `dir`; third-party packages come from the registry. */
export async function npmInstall(dir: string, specs: readonly string[]): Promise<CommandOutput> {
  return run('npm', ['install', '--no-audit', '--no-fund', ...specs], {
    cwd: dir,
    env: { ...process.env, NODE_PATH: '', npm_config_update_notifier: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** The file list of a tarball (paths without the leading `package/`). */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = await run('tar', ['-tzf', tarball], { maxBuffer: 16 * 1024 * 1024 });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^package\//, ''));
}

/** One file of a tarball, as text. */
export async function tarballFile(tarball: string, path: string): Promise<string> {
  const { stdout } = await run('tar', ['-xzOf', tarball, `package/${path}`]);
  return stdout;
}
