import { defineConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared';

// Vitest hands these conditions to Node as `--conditions`; with `import` among them, pg's
// CommonJS `require('pg-pool')` loads pg-pool's ESM build and `class … extends Pool` breaks.
// Node adds `import`/`require` itself, so only the source condition is needed here.
const conditions = ['q2google-source', 'node', 'default'];

export default defineConfig({
  ...sharedVitestConfig,
  resolve: { ...sharedVitestConfig.resolve, conditions },
  ssr: { ...sharedVitestConfig.ssr, resolve: { ...sharedVitestConfig.ssr?.resolve, conditions } },
});
