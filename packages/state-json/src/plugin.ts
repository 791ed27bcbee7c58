/**
 * The `file` scheme plugin: `file:` URLs and plain paths (relative ones resolved against the
 * project folder); `options.namespace` becomes a sub-folder.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BackendCreateOptions,
  Q2gError,
  STATE_PLUGIN_API_VERSION,
  type StateBackendPlugin,
} from '@q2google/core';
import { createJsonBackend } from './json-backend.js';

/** The state directory a `file:` URL or path names, resolved against `cwd`. */
export function resolveStateDirectory(uri: string, cwd: string): string {
  let path = uri.trim();
  if (/^file:\/\//i.test(path)) {
    try {
      path = fileURLToPath(path);
    } catch (error) {
      throw new Q2gError('BACKEND_INVALID_URI', `"${uri}" is not a usable file: URL.`, {
        cause: error,
        hint: 'Use file:///absolute/path or a plain path such as ./state.',
      });
    }
  } else if (/^file:/i.test(path)) {
    path = decodeURIComponent(path.slice('file:'.length));
  }
  if (path === '') {
    throw new Q2gError('BACKEND_INVALID_URI', 'The state path is empty.', {
      hint: 'Give a folder such as ./.q2google/state.',
    });
  }
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** The JSON backend as a state-backend plugin for the `file` scheme. */
export const jsonStatePlugin: StateBackendPlugin = {
  name: '@q2google/state-json',
  apiVersion: STATE_PLUGIN_API_VERSION,
  schemes: ['file'],
  create(uri: string, options: BackendCreateOptions) {
    const directory = resolveStateDirectory(uri, options.cwd);
    if (
      options.namespace !== undefined &&
      !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(options.namespace)
    ) {
      throw new Q2gError(
        'BACKEND_INVALID_URI',
        `"${options.namespace}" is not a usable namespace.`,
        {
          hint: 'Use letters, digits, ".", "_" or "-".',
        },
      );
    }
    return createJsonBackend({
      directory: options.namespace ? join(directory, options.namespace) : directory,
    });
  },
};
