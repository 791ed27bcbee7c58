/** The plugin object q2google's registry loads: scheme `lines:` → {@link createLinesBackend}. */
import { isAbsolute, join, resolve } from 'node:path';
import { Q2gError, STATE_PLUGIN_API_VERSION, type StateBackendPlugin } from '@q2google/core';
import { createLinesBackend } from './lines-backend.js';

/** `lines:<dir>` (absolute, or relative to the project folder) plus an optional namespace. */
export const linesStatePlugin = {
  name: 'q2google-state-lines',
  apiVersion: STATE_PLUGIN_API_VERSION,
  schemes: ['lines'],
  create(uri, options) {
    const path = uri.replace(/^lines:(\/\/(?=\/))?/i, '');
    if (path === '') {
      throw new Q2gError('BACKEND_INVALID_URI', 'A lines: URI needs a folder, e.g. lines:./state.');
    }
    const base = isAbsolute(path) ? path : resolve(options.cwd, path);
    return createLinesBackend({
      directory: options.namespace ? join(base, options.namespace) : base,
    });
  },
} satisfies StateBackendPlugin;
