/**
 * Atomic file writes: the data goes to a temp file in the same directory, is fsynced, renamed
 * over the target, and the directory is fsynced. A crash leaves either the old file or the new
 * one, plus at most a temp file (`.<name>.<pid>.<random>.tmp`) that readers ignore.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { Q2gError } from '@q2google/core';
import { errnoCode, type FileOps, isMissing } from './file-ops.js';

/** State files hold upload tokens and product URLs: this user only, whatever the umask. */
export const STATE_FILE_MODE = 0o600;
/** Folders of the state: this user only. */
export const STATE_DIR_MODE = 0o700;

/** True for a temp file left by {@link writeFileAtomic}. */
export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/** A temp-file path next to `path`. */
export function tempPathFor(path: string): string {
  const nonce = randomBytes(6).toString('hex');
  return join(dirname(path), `.${basename(path)}.${process.pid}.${nonce}.tmp`);
}

/** The error for a failed write: BACKEND_WRITE_FAILED naming the path and the cause. */
export function writeFailed(path: string, error: unknown): Q2gError {
  const code = errnoCode(error);
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  const hint =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'Free some disk space, then run the same command again to resume.'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'Make the state folder writable for this user, then run the same command again.'
        : 'Check the state folder, then run the same command again to resume.';
  return new Q2gError('BACKEND_WRITE_FAILED', `Could not write ${path} (${reason}).`, {
    cause: error,
    hint,
    retryable: code === 'ENOSPC' || code === 'EAGAIN' || code === 'EBUSY',
    details: { path, errno: code },
  });
}

/** fsyncs a directory so a rename inside it is durable; ignored where unsupported. */
export async function syncDirectory(ops: FileOps, dir: string): Promise<void> {
  let handle: Awaited<ReturnType<FileOps['open']>> | undefined;
  try {
    handle = await ops.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = errnoCode(error);
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') {
      throw writeFailed(dir, error);
    }
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** Writes `data` to a temp file beside `path` and fsyncs it; returns the temp path. */
export async function writeTemp(ops: FileOps, path: string, data: string): Promise<string> {
  const temp = tempPathFor(path);
  let handle: Awaited<ReturnType<FileOps['open']>> | undefined;
  try {
    handle = await ops.open(temp, 'wx', STATE_FILE_MODE);
    await handle.writeFile(data, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    return temp;
  } catch (error) {
    await handle?.close().catch(() => {});
    await ops.unlink(temp).catch(() => {});
    throw writeFailed(path, error);
  }
}

/** A complete, fsynced temp file waiting to be renamed over its target. */
export interface StagedFile {
  path: string;
  temp: string;
}

/** Writes `data` beside `path` (temp file, fsync) without putting it in place yet. */
export async function stageFile(ops: FileOps, path: string, data: string): Promise<StagedFile> {
  return { path, temp: await writeTemp(ops, path, data) };
}

/** Puts a staged file in place (rename); the directory still needs an fsync to be durable. */
export async function commitStaged(ops: FileOps, staged: StagedFile): Promise<void> {
  try {
    await ops.rename(staged.temp, staged.path);
  } catch (error) {
    await ops.unlink(staged.temp).catch(() => {});
    throw writeFailed(staged.path, error);
  }
}

/** Removes staged files that will not be committed (after another write failed). */
export async function discardStaged(ops: FileOps, staged: StagedFile[]): Promise<void> {
  await Promise.all(staged.map((file) => ops.unlink(file.temp).catch(() => {})));
}

/** Replaces `path` with `data` atomically (temp file, fsync, rename). */
export async function writeFileAtomic(
  ops: FileOps,
  path: string,
  data: string,
  options: { syncDir?: boolean } = {},
): Promise<void> {
  await commitStaged(ops, await stageFile(ops, path, data));
  if (options.syncDir !== false) await syncDirectory(ops, dirname(path));
}

/**
 * Creates `path` with `data` only if it does not exist (atomic, first writer wins): temp file,
 * then `link` (fails if the target exists). Returns false when the file already existed.
 */
export async function createFileExclusive(
  ops: FileOps,
  path: string,
  data: string,
): Promise<boolean> {
  const temp = await writeTemp(ops, path, data);
  try {
    await ops.link(temp, path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw writeFailed(path, error);
  } finally {
    await ops.unlink(temp).catch(() => {});
  }
}

/** Removes a file; a missing file is fine. */
export async function removeFile(ops: FileOps, path: string): Promise<void> {
  try {
    await ops.unlink(path);
  } catch (error) {
    if (!isMissing(error)) throw writeFailed(path, error);
  }
}
