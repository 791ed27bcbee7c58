import { definePackageBuild } from '../../tsup.base.ts';

export default definePackageBuild({ entry: ['src/index.ts', 'src/cli.ts'] });
