import { defineConfig } from 'vite';

/** Builds the browser client (src/client) into dist/client, served by the web server. */
export default defineConfig({
  root: 'src/client',
  base: '/',
  build: { outDir: '../../dist/client', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
