import { basename, delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
// Node 20's `import.meta.resolve` takes no parent URL without --experimental-import-meta-resolve,
// and `require.resolve` never matches an `import`-only export (the usual ESM-only plugin), so the
// ESM resolution algorithm comes from `import-meta-resolve`, Node's own code extracted — imported
// when a plugin package is looked up, since most runs name none (it is ~5 MiB resident).
import { Q2gError } from '../errors/q2g-error.js';

/** Imports a package by name; injectable so tests and bundlers can supply modules. */
export type ModuleImporter = (
  packageName: string,
  searchDirs: readonly string[],
) => Promise<unknown>;

/**
 * Resolves `packageName` from each folder in turn (the user's project first) the way `import`
 * would from a file there, and imports it.
 *
 * @param packageName - the plugin package, e.g. `q2google-state-lines`.
 * @param searchDirs - folders to resolve from, first match wins.
 * @returns the module namespace of the package.
 * @throws Q2gError `BACKEND_PACKAGE_MISSING` when no folder has it.
 */
export const importFromDirs: ModuleImporter = async (packageName, searchDirs) => {
  const { moduleResolve } = await import('import-meta-resolve');
  const conditions = resolveConditions();
  for (const dir of [...searchDirs, ...nodePathDirs()]) {
    let resolved: URL;
    try {
      resolved = moduleResolve(
        packageName,
        pathToFileURL(join(dir, '__q2google_resolve__.js')),
        conditions,
      );
    } catch (error) {
      if (isNotFound(error)) continue;
      throw error;
    }
    return import(resolved.href);
  }
  throw new Q2gError('BACKEND_PACKAGE_MISSING', `The package "${packageName}" is not installed.`, {
    details: { packageName, searchDirs },
  });
};

/**
 * NODE_PATH's folders, as places to resolve from after `searchDirs` (`require` honoured them;
 * pnpm sets it for the binaries it runs). Each names a `node_modules` folder, so resolution
 * starts in the folder that holds it.
 */
function nodePathDirs(value = process.env.NODE_PATH ?? ''): string[] {
  return value
    .split(delimiter)
    .filter((dir) => basename(dir) === 'node_modules')
    .map((dir) => join(dir, '..'));
}

/**
 * The export conditions `import` uses in this process: `node`, `import` and any given with
 * `--conditions` / `-C` (on the command line or in NODE_OPTIONS), as Node itself would.
 */
export function resolveConditions(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): Set<string> {
  const conditions = new Set(['node', 'import']);
  const args = [...execArgv, ...nodeOptions.split(/\s+/).filter(Boolean)];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const inline = /^(?:--conditions|-C)=(.+)$/.exec(arg);
    if (inline?.[1]) conditions.add(inline[1]);
    else if ((arg === '--conditions' || arg === '-C') && args[i + 1])
      conditions.add(args[++i] as string);
  }
  return conditions;
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
}

/**
 * The plugin object a module provides: its `default` export, unwrapped twice for CJS interop.
 *
 * @param module - a module namespace, as `import()` returns it.
 * @returns the innermost `default`, or the module itself when it has none.
 */
export function unwrapDefault(module: unknown): unknown {
  let value = module;
  for (let i = 0; i < 2; i++) {
    if (value && typeof value === 'object' && 'default' in value) {
      value = (value as { default: unknown }).default;
    }
  }
  return value;
}
