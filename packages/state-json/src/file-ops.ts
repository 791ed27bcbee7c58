/**
 * The file-system calls the JSON backend makes, as one injectable object so tests can make a
 * single step fail (a full disk between write and rename, a refused permission).
 */
import * as fs from 'node:fs/promises';

/** The subset of `node:fs/promises` the backend uses. */
export interface FileOps {
  /** `fs.open`. */
  open: typeof fs.open;
  /** `fs.readFile`. */
  readFile: typeof fs.readFile;
  /** `fs.readdir`. */
  readdir: typeof fs.readdir;
  /** `fs.rename` (the atomic step of every write). */
  rename: typeof fs.rename;
  /** `fs.link` (taking the session lock). */
  link: typeof fs.link;
  /** `fs.unlink`. */
  unlink: typeof fs.unlink;
  /** `fs.mkdir`. */
  mkdir: typeof fs.mkdir;
  /** `fs.stat`. */
  stat: typeof fs.stat;
  /** `fs.rm`. */
  rm: typeof fs.rm;
}

/** The real file system. */
export const nodeFileOps: FileOps = {
  open: fs.open,
  readFile: fs.readFile,
  readdir: fs.readdir,
  rename: fs.rename,
  link: fs.link,
  unlink: fs.unlink,
  mkdir: fs.mkdir,
  stat: fs.stat,
  rm: fs.rm,
};

/** The `code` of a Node system error (`ENOENT`, `ENOSPC`, …), if it has one. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True for "no such file or directory". */
export function isMissing(error: unknown): boolean {
  return errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR';
}

/** True when something exists at `path`. */
export async function pathExists(ops: FileOps, path: string): Promise<boolean> {
  return ops.stat(path).then(
    () => true,
    () => false,
  );
}
