/**
 * The file-system calls the JSON backend makes, as one injectable object so tests can make a
 * single step fail (a full disk between write and rename, a refused permission).
 */
import * as fs from 'node:fs/promises';

/** The subset of `node:fs/promises` the backend uses. */
export interface FileOps {
  open: typeof fs.open;
  readFile: typeof fs.readFile;
  readdir: typeof fs.readdir;
  rename: typeof fs.rename;
  link: typeof fs.link;
  unlink: typeof fs.unlink;
  mkdir: typeof fs.mkdir;
  stat: typeof fs.stat;
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
