import { definePackageBuild } from '../../tsup.base.ts';

export default definePackageBuild();
