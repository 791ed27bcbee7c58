/**
 * Core's built-in scheme map (which first-party package opens which scheme) is kept by hand in
 * core, which must not import a plugin; this checks it against what the plugins declare.
 */
import { BUILTIN_BACKENDS, type StateBackendPlugin } from '@q2google/core';
import jsonPlugin from '@q2google/state-json';
import mongoPlugin from '@q2google/state-mongo';
import postgresPlugin from '@q2google/state-postgres';
import { describe, expect, test } from 'vitest';

const BUILTIN_PLUGINS: StateBackendPlugin[] = [jsonPlugin, mongoPlugin, postgresPlugin];

const byPackage = (rows: readonly { package: string; schemes: readonly string[] }[]) =>
  [...rows]
    .map((row) => ({ package: row.package, schemes: [...row.schemes].sort() }))
    .sort((a, b) => a.package.localeCompare(b.package));

describe("core's built-in scheme map", () => {
  test('equals the schemes each built-in plugin declares, package by package', () => {
    const declared = BUILTIN_PLUGINS.map((p) => ({ package: p.name, schemes: p.schemes }));
    expect(byPackage(BUILTIN_BACKENDS)).toEqual(byPackage(declared));
  });

  test('no scheme is claimed by two built-in packages', () => {
    const schemes = BUILTIN_BACKENDS.flatMap((entry) => entry.schemes);
    expect(new Set(schemes).size).toBe(schemes.length);
  });
});
