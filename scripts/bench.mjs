#!/usr/bin/env node
// `pnpm bench [--quick] [--only=a,b] [--profile]`: runs bench/src/main.ts on the TypeScript
// sources (no build step) and forwards its exit code. See bench/README.md.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../bench/src/main.ts', import.meta.url));
const child = spawn(
  process.execPath,
  ['--conditions=q2google-source', '--import', 'tsx', main, ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: fileURLToPath(new URL('../bench/', import.meta.url)) },
);
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
