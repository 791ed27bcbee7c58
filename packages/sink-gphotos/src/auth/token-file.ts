import { readFile, stat } from 'node:fs/promises';
import { Q2gError, writeSecretFileAtomic } from '@q2google/core';
import { z } from 'zod';

/** What q2google keeps of a Google OAuth grant (google-auth-library's credential names). */
export const StoredTokensSchema = z.looseObject({
  refresh_token: z.string().min(1).optional().nullable(),
  access_token: z.string().optional().nullable(),
  expiry_date: z.number().optional().nullable(),
  scope: z.string().optional(),
  token_type: z.string().optional().nullable(),
});
/** A value {@link StoredTokensSchema} has validated (documented there). */
export type StoredTokens = z.infer<typeof StoredTokensSchema>;

/** What to do with a token file that others can read. */
export type InsecureFilePolicy = 'refuse' | 'warn';

/**
 * Reads the token file; undefined when it does not exist. A file readable by group or others
 * is refused (or, with `warn`, reported through `warn`) — never silently used.
 */
export async function readTokenFile(
  path: string,
  options: { insecure?: InsecureFilePolicy; warn?: (message: string) => void } = {},
): Promise<StoredTokens | undefined> {
  let text: string;
  try {
    const info = await stat(path);
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      const message = `The Google token file ${path} is readable by other users (mode ${(info.mode & 0o777).toString(8)}).`;
      if ((options.insecure ?? 'refuse') === 'refuse') {
        throw new Q2gError('CONFIG_INVALID', message, {
          hint: `Run \`chmod 600 ${path}\` or authorise again.`,
        });
      }
      options.warn?.(`${message} Run \`chmod 600 ${path}\`.`);
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = StoredTokensSchema.safeParse(safeJson(text));
  if (!parsed.success) {
    throw new Q2gError('CONFIG_INVALID', `The Google token file ${path} is not valid.`, {
      hint: 'Delete it and run `q2google auth google`.',
    });
  }
  return parsed.data;
}

/** Writes the token file atomically with mode 0600 (random exclusive temp name, fsync, rename). */
export async function writeTokenFile(path: string, tokens: StoredTokens): Promise<void> {
  await writeSecretFileAtomic(path, `${JSON.stringify(tokens, null, 2)}\n`);
}

/** `update` merged over `current`, keeping fields (e.g. the refresh token) the update lacks. */
export function mergeTokens(current: StoredTokens | undefined, update: StoredTokens): StoredTokens {
  const merged: StoredTokens = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value !== undefined && value !== null) merged[key] = value;
  }
  return merged;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
