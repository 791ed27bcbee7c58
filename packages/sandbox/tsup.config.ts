import { definePackageBuild } from '../../tsup.base';

export default definePackageBuild({ entry: ['src/index.ts', 'src/cli.ts'] });
