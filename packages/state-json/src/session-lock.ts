/**
 * One writer per session: `<session>/.lock` holds the owner's pid, hostname, start time and a
 * random token. A second owner is refused with BACKEND_LOCKED naming the pid; a lock left by a
 * dead process on this host is recovered.
 */
import { randomUUID } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { Q2gError } from '@q2google/core';
import { z } from 'zod';
import { createFileExclusive, removeFile } from './atomic-write.js';
import { type FileOps, isMissing } from './file-ops.js';

/** The lock file's name inside a session directory. */
export const LOCK_FILE = '.lock';

/** What a lock file holds. */
export const LockFileSchema = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  startedAt: z.string(),
  token: z.string(),
});
/** What a lock file holds: the owner process and the token of its claim. */
export type LockFile = z.infer<typeof LockFileSchema>;

/** Who takes locks: this process unless a test says otherwise. */
export interface LockOwner {
  pid: number;
  hostname: string;
}

/** True when a process with this pid exists on this host. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Takes and releases session locks for one backend instance. */
export class SessionLocks {
  private readonly held = new Map<string, string>();
  private readonly token = randomUUID();

  constructor(
    private readonly ops: FileOps,
    private readonly owner: LockOwner = { pid: process.pid, hostname: osHostname() },
    private readonly isAlive: (pid: number) => boolean = isProcessAlive,
  ) {}

  /** True when this instance holds the lock of `sessionDir`. */
  holds(sessionDir: string): boolean {
    return this.held.has(sessionDir);
  }

  /** Takes the lock of `sessionDir` (which must exist), or throws BACKEND_LOCKED. */
  async acquire(sessionDir: string, sessionId: string): Promise<void> {
    if (this.held.has(sessionDir)) return;
    const path = join(sessionDir, LOCK_FILE);
    const mine: LockFile = {
      ...this.owner,
      startedAt: new Date().toISOString(),
      token: this.token,
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await createFileExclusive(this.ops, path, `${JSON.stringify(mine)}\n`)) {
        this.held.set(sessionDir, path);
        return;
      }
      const other = await this.read(path);
      if (other === 'missing') continue;
      if (other !== 'unreadable' && !this.isStale(other)) throw this.locked(sessionId, path, other);
      if (other === 'unreadable' && !(await this.isOldFile(path))) {
        throw this.locked(sessionId, path, undefined);
      }
      await removeFile(this.ops, path);
    }
    throw this.locked(sessionId, path, undefined);
  }

  /** Releases every lock this instance holds (only files still holding its token). */
  async releaseAll(): Promise<void> {
    const paths = [...this.held.values()];
    this.held.clear();
    for (const path of paths) {
      const current = await this.read(path);
      if (typeof current === 'object' && current.token === this.token) {
        await removeFile(this.ops, path);
      }
    }
  }

  private isStale(lock: LockFile): boolean {
    if (lock.token === this.token) return true;
    if (lock.hostname !== this.owner.hostname) return false;
    if (lock.pid === this.owner.pid) return false;
    return !this.isAlive(lock.pid);
  }

  private async isOldFile(path: string): Promise<boolean> {
    try {
      const stat = await this.ops.stat(path);
      return Date.now() - stat.mtimeMs > 10_000;
    } catch {
      return true;
    }
  }

  private async read(path: string): Promise<LockFile | 'missing' | 'unreadable'> {
    try {
      const parsed = LockFileSchema.safeParse(JSON.parse(await this.ops.readFile(path, 'utf8')));
      return parsed.success ? parsed.data : 'unreadable';
    } catch (error) {
      return isMissing(error) ? 'missing' : 'unreadable';
    }
  }

  private locked(sessionId: string, path: string, other: LockFile | undefined): Q2gError {
    const who = other
      ? other.pid === this.owner.pid && other.hostname === this.owner.hostname
        ? `another backend instance in this process (pid ${other.pid})`
        : `process ${other.pid} on ${other.hostname} (since ${other.startedAt})`
      : 'another process';
    return new Q2gError('BACKEND_LOCKED', `Session "${sessionId}" is in use by ${who}.`, {
      hint: `Wait for that run to finish or stop it; if no q2google process is running, delete ${path} and try again.`,
      details: { sessionId, lockFile: path, pid: other?.pid, hostname: other?.hostname },
    });
  }
}
