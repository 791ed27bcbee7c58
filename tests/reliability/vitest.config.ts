import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

// Most of the time goes to child processes and throttled emulators, not this process's CPU:
// run the matrices' files side by side.
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({ test: { testTimeout: 120_000, hookTimeout: 120_000, maxWorkers: 4 } }),
);
