/** The repository's packages as the distribution tests see them. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** A package of the workspace and its manifest. */
export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: Record<string, unknown> & { name: string; version: string; private?: boolean };
}

function packagesUnder(folder: string): WorkspacePackage[] {
  return readdirSync(join(REPO_ROOT, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const dir = join(REPO_ROOT, folder, entry.name);
      try {
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        return [{ name: manifest.name as string, dir, manifest }];
      } catch {
        return [];
      }
    });
}

/** Every package published to npm: the non-private ones under packages/ and apps/. */
export function publishedPackages(): WorkspacePackage[] {
  return [...packagesUnder('packages'), ...packagesUnder('apps')].filter(
    (pkg) => pkg.manifest.private !== true,
  );
}

/** The example third-party plugin (private: packed by the tests, never published). */
export function examplePlugin(): WorkspacePackage {
  return packagesUnder('examples').find((pkg) => pkg.name === 'q2google-state-lines')!;
}

/** The version of a workspace package. */
export function versionOf(name: string): string {
  const pkg = [...publishedPackages(), examplePlugin()].find((p) => p.name === name);
  if (!pkg) throw new Error(`${name} is not a package of this workspace`);
  return pkg.manifest.version;
}

/** The JSON code blocks of a Markdown file, parsed. */
export function jsonBlocksOf(markdownFile: string): unknown[] {
  const text = readFileSync(join(REPO_ROOT, markdownFile), 'utf8');
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]!));
}
