import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const OUT_ROOT = fileURLToPath(new URL('../../.cache/jobs/', import.meta.url));
const compiled = new Map<string, Promise<string>>();

/**
 * Installed packages are imported from where pnpm put them (an absolute path, so a bundle in
 * `.cache` finds what only a workspace package depends on); workspace packages and this
 * package's own files are bundled from their TypeScript sources (`q2google-source`).
 */
const importInstalledInPlace: Plugin = {
  name: 'import-installed-in-place',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'in-place' || args.path.startsWith('@q2google/')) return undefined;
      if (args.path.startsWith('node:') || builtinModules.includes(args.path)) {
        return { path: args.path, external: true };
      }
      const found = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'in-place',
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: found.path, external: true };
    });
  },
};

/**
 * A job script (`src/jobs/<name>`) compiled once per run into plain ESM under `.cache/jobs`:
 * the measured process then runs JavaScript like the installed CLI, without tsx's loader
 * thread (about 32 MiB resident and its compile CPU, which no user's run has).
 */
export function compiledJob(name: string, source: string): Promise<string> {
  const done = compiled.get(name);
  if (done) return done;
  const outdir = `${OUT_ROOT}${name.replace(/\.ts$/, '')}`;
  const entry = build({
    entryPoints: [source],
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['q2google-source'],
    plugins: [importInstalledInPlace],
    logLevel: 'error',
  }).then(() => `${outdir}/${name.replace(/\.ts$/, '.mjs')}`);
  compiled.set(name, entry);
  return entry;
}
