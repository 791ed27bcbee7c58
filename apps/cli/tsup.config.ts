import { definePackageBuild } from '../../tsup.base.ts';

export default definePackageBuild({
  entry: { bin: 'src/bin.ts', index: 'src/index.ts', 'lean-v8': 'src/runtime/lean-v8.ts' },
  // bin.ts imports the command's modules dynamically, after `leanV8()`: keep them in chunks.
  splitting: true,
  banner: { js: '#!/usr/bin/env node' },
});
