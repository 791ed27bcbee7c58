/**
 * Writing a file that holds credentials: a random temp name in the same folder created with
 * O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600 (so a planted file or symlink makes it fail instead of
 * being written through), fsynced, renamed over the target, and the folder fsynced.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const EXCLUSIVE =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Replaces `path` atomically with `data`, readable by this user only (folder 0700, file 0600). */
export async function writeSecretFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`);
  const handle = await open(temp, EXCLUSIVE, 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(data, 'utf8');
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
  const folder = await open(dir, 'r').catch(() => undefined);
  await folder
    ?.sync()
    .catch(() => {})
    .finally(() => folder.close());
}
