import { definePackageBuild } from '../../tsup.base.ts';

export default definePackageBuild({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
});
