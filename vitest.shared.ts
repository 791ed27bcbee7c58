import { defineConfig } from 'vitest/config';

// Vitest hands these to Node as `--conditions` too; Node adds `import`/`require` itself, and
// listing `import` here would make CommonJS packages (pg) load the ESM builds of their own deps.
const conditions = ['q2google-source', 'node', 'default'];

/** Vitest settings shared by every package: tests run on the TypeScript sources, no build step. */
export const sharedVitestConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.Q2G_TEST_REPORT
      ? [
          'default',
          ['json', { outputFile: process.env.Q2G_TEST_REPORT_FILE ?? '.test-results/vitest.json' }],
        ]
      : ['default'],
  },
});
