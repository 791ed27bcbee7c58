import { defineConfig } from 'vitest/config';

/** Vitest settings shared by every package: tests run on the TypeScript sources, no build step. */
export const sharedVitestConfig = defineConfig({
  resolve: { conditions: ['q2google-source', 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['q2google-source', 'module', 'node', 'import', 'default'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.Q2G_TEST_REPORT
      ? ['default', ['json', { outputFile: '.test-results/vitest.json' }]]
      : ['default'],
  },
});
