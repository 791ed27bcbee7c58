import { definePackageBuild } from '../../tsup.base.ts';

// Several entries share one copy of each module (splitting), so `Q2gError` and the registry are
// the same objects whichever entry a consumer imports them through.
export default definePackageBuild({
  entry: {
    index: 'src/index.ts',
    engine: 'src/engine.ts',
    config: 'src/config/index.ts',
    testing: 'src/testing/index.ts',
  },
  splitting: true,
});
