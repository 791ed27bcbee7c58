import { defineConfig, type Options } from 'tsup';

/** The one tsup configuration every package builds with: ESM, .d.ts, Node 20, sourcemaps. */
export function definePackageBuild(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}
