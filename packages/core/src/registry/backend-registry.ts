import { isQ2gError, Q2gError, wrapError } from '../errors/q2g-error.js';
import type { SyncStateBackend } from '../protocol/state-backend.js';
import { uriPassword } from '../util/redact.js';
import { BUILTIN_BACKENDS, builtinPackageFor } from './builtin-backends.js';
import { guardBackend, toBackendError } from './guard-backend.js';
import { importFromDirs, type ModuleImporter, unwrapDefault } from './load-plugin-module.js';
import { parseStateTarget, type StateTarget } from './parse-state-target.js';
import type { BackendCreateOptions, StateBackendPlugin } from './state-plugin.js';
import { validatePlugin } from './validate-plugin.js';

/** Options for {@link createBackendRegistry}. */
export interface BackendRegistryOptions {
  /** The user's project folder: plugin packages and relative paths resolve from here. */
  cwd?: string;
  /** Plugin package names from configuration (`Q2G_PLUGINS`, `--plugin`). */
  plugins?: readonly string[];
  /** Plugins registered in code; they take precedence over the built-in map. */
  register?: readonly StateBackendPlugin[];
  /** More folders to resolve packages from after `cwd` (e.g. the CLI's own install). */
  searchDirs?: readonly string[];
  /** How packages are imported; injectable for tests and bundles. */
  importModule?: ModuleImporter;
}

/** Where a plugin came from. */
export type PluginOrigin = 'registered' | 'builtin' | 'configured';

/** One scheme the registry can open, for `q2google backends`. */
export interface BackendListing {
  scheme: string;
  package: string;
  origin: PluginOrigin;
  /** False when the package is not installed (built-ins only). */
  installed: boolean;
  /** Why it could not be loaded, if it could not. */
  problem?: string;
}

/** Maps state URIs to backend plugins and opens backends. */
export interface BackendRegistry {
  /** Adds a plugin in code. Throws `BACKEND_SCHEME_CONFLICT` when a scheme is taken. */
  register(plugin: StateBackendPlugin): void;
  /** The plugin that opens this URI (none → the JSON backend) and where it came from. */
  resolve(
    uri?: string,
  ): Promise<{ plugin: StateBackendPlugin; origin: PluginOrigin; target: StateTarget }>;
  /** Opens a backend: an instance passes straight through; a URI goes to its plugin. */
  open(
    target?: string | SyncStateBackend,
    options?: Omit<BackendCreateOptions, 'cwd'>,
  ): Promise<SyncStateBackend>;
  /** Every scheme the registry knows, and whether its package can be loaded. */
  list(): Promise<BackendListing[]>;
}

/** Creates a registry. Resolution: instance → registered → built-in map → configured plugins. */
export function createBackendRegistry(options: BackendRegistryOptions = {}): BackendRegistry {
  const cwd = options.cwd ?? process.cwd();
  const searchDirs = [cwd, ...(options.searchDirs ?? [])];
  const importModule = options.importModule ?? importFromDirs;
  const registered = new Map<string, StateBackendPlugin>();
  const builtinCache = new Map<string, Promise<StateBackendPlugin>>();
  let configured: Promise<Map<string, StateBackendPlugin>> | undefined;

  const register = (plugin: StateBackendPlugin) => {
    const valid = validatePlugin(plugin, `The plugin "${plugin?.name ?? '(unnamed)'}"`);
    for (const scheme of valid.schemes) {
      const taken = registered.get(scheme);
      if (taken) throw schemeConflict(scheme, taken.name, valid.name);
    }
    for (const scheme of valid.schemes) registered.set(scheme, valid);
  };
  for (const plugin of options.register ?? []) register(plugin);

  const loadPackage = async (packageName: string, origin: string) => {
    try {
      return validatePlugin(unwrapDefault(await importModule(packageName, searchDirs)), origin);
    } catch (error) {
      if (isQ2gError(error)) throw error;
      throw wrapError(error, 'BACKEND_INVALID_PLUGIN', `${origin} failed to load`);
    }
  };

  const loadBuiltin = (packageName: string) => {
    let pending = builtinCache.get(packageName);
    if (!pending) {
      pending = loadPackage(packageName, `The built-in backend "${packageName}"`);
      builtinCache.set(packageName, pending);
      pending.catch(() => builtinCache.delete(packageName));
    }
    return pending;
  };

  const loadConfigured = () => {
    configured ??= (async () => {
      const byScheme = new Map<string, StateBackendPlugin>();
      for (const name of options.plugins ?? []) {
        const plugin = await loadPackage(name, `The plugin package "${name}"`).catch((error) => {
          throw isQ2gError(error, 'BACKEND_PACKAGE_MISSING')
            ? new Q2gError(
                'BACKEND_PACKAGE_MISSING',
                `The plugin package "${name}" named in Q2G_PLUGINS/--plugin is not installed in ${cwd}.`,
                {
                  hint: `Run \`npm install ${name}\` in that folder, or remove it from Q2G_PLUGINS/--plugin.`,
                },
              )
            : error;
        });
        for (const scheme of plugin.schemes) {
          const other = byScheme.get(scheme) ?? registered.get(scheme);
          const builtin = builtinPackageFor(scheme);
          if (other) throw schemeConflict(scheme, other.name, plugin.name);
          if (builtin && builtin !== plugin.name)
            throw schemeConflict(scheme, builtin, plugin.name);
          byScheme.set(scheme, plugin);
        }
      }
      return byScheme;
    })();
    return configured;
  };

  const resolve: BackendRegistry['resolve'] = async (uri) => {
    const target = parseStateTarget(uri);
    const inCode = registered.get(target.scheme);
    if (inCode) return { plugin: inCode, origin: 'registered', target };
    const configuredPlugins = await loadConfigured();
    const builtin = builtinPackageFor(target.scheme);
    if (builtin) {
      try {
        return { plugin: await loadBuiltin(builtin), origin: 'builtin', target };
      } catch (error) {
        if (!isQ2gError(error, 'BACKEND_PACKAGE_MISSING')) throw error;
        throw new Q2gError(
          'BACKEND_PACKAGE_MISSING',
          `The state location ${target.redacted} needs ${builtin}, which is not installed.`,
          {
            hint: `Run \`npm install ${builtin}\` (next to q2google), or choose another state URI.`,
            details: { scheme: target.scheme, package: builtin },
          },
        );
      }
    }
    const plugin = configuredPlugins.get(target.scheme);
    if (plugin) return { plugin, origin: 'configured', target };
    throw new Q2gError(
      'BACKEND_UNKNOWN_SCHEME',
      `No state backend handles "${target.scheme}:" URIs (${target.redacted}).`,
      {
        hint: `Install a plugin for it (e.g. \`npm install q2google-state-${target.scheme}\`) and name it in Q2G_PLUGINS or --plugin; built-in schemes: ${BUILTIN_BACKENDS.flatMap((b) => b.schemes).join(', ')}.`,
        details: { scheme: target.scheme },
      },
    );
  };

  const open: BackendRegistry['open'] = async (targetOrInstance, createOptions = {}) => {
    if (targetOrInstance && typeof targetOrInstance === 'object') return targetOrInstance;
    const { plugin, target } = await resolve(targetOrInstance);
    const password = uriPassword(target.uri);
    let backend: SyncStateBackend;
    try {
      backend = await plugin.create(target.uri, { ...createOptions, cwd });
    } catch (error) {
      throw toBackendError(error, `could not open ${target.redacted}`, [password]);
    }
    return guardBackend(backend, plugin.name, [password]);
  };

  const list: BackendRegistry['list'] = async () => {
    const rows: BackendListing[] = [];
    for (const [scheme, plugin] of registered) {
      rows.push({ scheme, package: plugin.name, origin: 'registered', installed: true });
    }
    for (const entry of BUILTIN_BACKENDS) {
      const loaded = await loadBuiltin(entry.package).then(
        () => undefined,
        (error: unknown) => (isQ2gError(error) ? error.message : String(error)),
      );
      for (const scheme of entry.schemes) {
        if (registered.has(scheme)) continue;
        rows.push({
          scheme,
          package: entry.package,
          origin: 'builtin',
          installed: loaded === undefined,
          ...(loaded ? { problem: loaded } : {}),
        });
      }
    }
    for (const [scheme, plugin] of await loadConfigured()) {
      rows.push({ scheme, package: plugin.name, origin: 'configured', installed: true });
    }
    return rows;
  };

  return { register, resolve, open, list };
}

function schemeConflict(scheme: string, first: string, second: string) {
  return new Q2gError(
    'BACKEND_SCHEME_CONFLICT',
    `Two state-backend plugins claim "${scheme}:": ${first} and ${second}.`,
    {
      hint: 'Remove one of them from Q2G_PLUGINS/--plugin (or from the plugins registered in code).',
      details: { scheme, plugins: [first, second] },
    },
  );
}
