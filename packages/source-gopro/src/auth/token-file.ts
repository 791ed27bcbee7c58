import { chmod, readFile, stat } from 'node:fs/promises';
import { Q2gError, writeSecretFileAtomic } from '@q2google/core';
import {
  type GoProTokenStore,
  type StoredGoProCredentials,
  StoredGoProCredentialsSchema,
} from './credentials.js';

/** Options of {@link createGoProTokenFile}. */
export interface GoProTokenFileOptions {
  /** What to do with a file other users can read: refuse it (default) or warn and tighten it. */
  onInsecure?: 'refuse' | 'warn';
  /** Receives the warning (never containing secrets). */
  warn?: (message: string) => void;
}

/**
 * A token store in one JSON file written atomically with mode 0600. A file readable by group
 * or others is refused (CONFIG_INVALID) or, with `onInsecure: 'warn'`, tightened to 0600.
 */
export function createGoProTokenFile(
  path: string,
  options: GoProTokenFileOptions = {},
): GoProTokenStore {
  return {
    async load() {
      let text: string;
      try {
        const info = await stat(path);
        if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
          const mode = (info.mode & 0o777).toString(8);
          if (options.onInsecure !== 'warn') {
            throw new Q2gError(
              'CONFIG_INVALID',
              `The GoPro token file ${path} is readable by others (mode ${mode}).`,
              {
                hint: `Run: chmod 600 ${path}`,
              },
            );
          }
          options.warn?.(`The GoPro token file ${path} had mode ${mode}; it is now 0600.`);
          await chmod(path, 0o600);
        }
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Q2gError('CONFIG_INVALID', `The GoPro token file ${path} is not valid JSON.`);
      }
      const result = StoredGoProCredentialsSchema.safeParse(parsed);
      if (!result.success) {
        const field = result.error.issues[0]?.path.join('.') || '(file)';
        throw new Q2gError(
          'CONFIG_INVALID',
          `The GoPro token file ${path} is invalid at "${field}".`,
        );
      }
      return result.data;
    },
    async save(credentials: StoredGoProCredentials) {
      const data = `${JSON.stringify(StoredGoProCredentialsSchema.parse(credentials), null, 2)}\n`;
      await writeSecretFileAtomic(path, data);
    },
  };
}
