import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, test } from 'vitest';
import { jsonBlocksOf, publishedPackages, REPO_ROOT, versionOf } from './workspace.js';

const changesets = JSON.parse(readFileSync(join(REPO_ROOT, '.changeset/config.json'), 'utf8'));

const ranges = jsonBlocksOf('docs/backends.md').flatMap((block) => {
  const manifest = block as Record<string, Record<string, string> | undefined>;
  return ['peerDependencies', 'dependencies', 'devDependencies'].flatMap((field) =>
    Object.entries(manifest[field] ?? {})
      .filter(([name]) => name.startsWith('@q2google/'))
      .map(([name, range]) => ({ field, name, range })),
  );
});

describe('the ranges docs/backends.md gives plugin authors', () => {
  test('the documented manifest names @q2google/core as a peer', () => {
    expect(ranges).toContainEqual(
      expect.objectContaining({ field: 'peerDependencies', name: '@q2google/core' }),
    );
  });

  test.each(ranges.map((r) => [`${r.field} ${r.name} ${r.range}`, r] as const))(
    '%s is satisfied by the workspace version',
    (_, { name, range }) => {
      expect(semver.validRange(range)).not.toBeNull();
      expect(semver.satisfies(versionOf(name), range)).toBe(true);
    },
  );
});

describe('changesets', () => {
  test('every published @q2google package is in one fixed group, and nothing else is', () => {
    expect(changesets.fixed).toHaveLength(1);
    expect([...changesets.fixed[0]].sort()).toStrictEqual(
      publishedPackages()
        .map((pkg) => pkg.name)
        .sort(),
    );
  });

  test('our plugins peer-depend on core with the documented range, which a core minor keeps', () => {
    const documented = ranges.find(
      (r) => r.field === 'peerDependencies' && r.name === '@q2google/core',
    );
    const nextMinor = semver.inc(versionOf('@q2google/core'), 'minor')!;
    const peers = publishedPackages().flatMap((pkg) => {
      const range = (pkg.manifest.peerDependencies as Record<string, string> | undefined)?.[
        '@q2google/core'
      ];
      return range ? [{ name: pkg.name, range }] : [];
    });
    expect(peers.length).toBeGreaterThanOrEqual(6);
    for (const { name, range } of peers) {
      expect(range, name).toBe(`workspace:${documented!.range}`);
      // changesets bumps a peer dependent a major only when core leaves its range.
      expect(semver.satisfies(nextMinor, range.slice('workspace:'.length)), name).toBe(true);
    }
  });

  test('a core release does not bump the plugins a major (peer dependents only when out of range)', () => {
    expect(
      changesets.___experimentalUnsafeOptions_WILL_CHANGE_IN_PATCH
        .onlyUpdatePeerDependentsWhenOutOfRange,
    ).toBe(true);
  });

  test('nothing published is ignored; the published set is every package with publishConfig', () => {
    const names = publishedPackages().map((pkg) => pkg.name);
    expect(changesets.ignore.filter((name: string) => names.includes(name))).toStrictEqual([]);
    for (const pkg of publishedPackages()) {
      expect(pkg.manifest.publishConfig, pkg.name).toStrictEqual({ access: 'public' });
      expect(pkg.manifest.license, pkg.name).toBe('MIT');
      expect(pkg.manifest.repository, pkg.name).toMatchObject({
        url: 'git+https://github.com/q2google/q2google.git',
        directory: pkg.dir.slice(REPO_ROOT.length + 1),
      });
      expect(pkg.manifest.files, pkg.name).toContain('LICENSE');
      expect((pkg.manifest.scripts as Record<string, string>).prepack, pkg.name).toContain(
        'copy-license',
      );
      expect(pkg.manifest.homepage, pkg.name).toMatch(/^https:\/\/github\.com\/q2google\/q2google/);
      expect(pkg.manifest.bugs, pkg.name).toBeDefined();
      expect(pkg.manifest.keywords, pkg.name).toContain('q2google');
    }
  });
});

test('the API reference requires documentation of every published package', () => {
  const typedoc = JSON.parse(readFileSync(join(REPO_ROOT, 'typedoc.json'), 'utf8'));
  expect(typedoc.validation.notDocumented).toBe(true);
  expect(typedoc.treatValidationWarningsAsErrors).toBe(true);
  expect([...typedoc.packagesRequiringDocumentation].sort()).toStrictEqual(
    publishedPackages()
      .map((pkg) => pkg.name)
      .sort(),
  );
});
