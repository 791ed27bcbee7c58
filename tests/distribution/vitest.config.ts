import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

// Packing and npm installs are slow; the files run one after the other to spare the CPU.
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({ test: { testTimeout: 180_000, hookTimeout: 240_000, fileParallelism: false } }),
);
