// prepack step of every published package: ships the repository's one LICENSE in the tarball
// (the copy is git-ignored; the root file is the single source). Node, so it runs on Windows too.
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
copyFileSync(join(root, 'LICENSE'), join(process.cwd(), 'LICENSE'));
