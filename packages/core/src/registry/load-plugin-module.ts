import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Q2gError } from '../errors/q2g-error.js';

/** Imports a package by name; injectable so tests and bundlers can supply modules. */
export type ModuleImporter = (
  packageName: string,
  searchDirs: readonly string[],
) => Promise<unknown>;

/**
 * Resolves `packageName` from each folder in turn (the user's project first) the way Node
 * would from a file there, and imports it. Throws `BACKEND_PACKAGE_MISSING` when no folder has it.
 */
export const importFromDirs: ModuleImporter = async (packageName, searchDirs) => {
  for (const dir of searchDirs) {
    let resolved: string;
    try {
      resolved = createRequire(join(dir, '__q2google_resolve__.js')).resolve(packageName);
    } catch (error) {
      if (isNotFound(error)) continue;
      throw error;
    }
    return import(pathToFileURL(resolved).href);
  }
  throw new Q2gError('BACKEND_PACKAGE_MISSING', `The package "${packageName}" is not installed.`, {
    details: { packageName, searchDirs },
  });
};

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
}

/** The plugin object a module provides: its `default` export, unwrapped twice for CJS interop. */
export function unwrapDefault(module: unknown): unknown {
  let value = module;
  for (let i = 0; i < 2; i++) {
    if (value && typeof value === 'object' && 'default' in value) {
      value = (value as { default: unknown }).default;
    }
  }
  return value;
}
