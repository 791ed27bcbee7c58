import { definePackageBuild } from '../../tsup.base.ts';

export default definePackageBuild({
  entry: ['src/bin.ts', 'src/index.ts'],
  banner: { js: '#!/usr/bin/env node' },
});
