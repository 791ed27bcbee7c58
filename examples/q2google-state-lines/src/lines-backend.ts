/**
 * A small third-party q2google state backend: one append-only JSON-lines file per session,
 * `<dir>/<sessionId>.jsonl`. `save` rewrites the file atomically (temp + rename), which also
 * compacts it; `saveChanges` appends. One writer at a time (concurrency `unsafe`).
 */
import { appendFile, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type BackendCapabilities,
  createBackendFrame,
  defineStateBackend,
  parseSessionDocument,
  Q2gError,
  SessionIdSchema,
  type SessionState,
  type SyncStateBackend,
  wrapError,
} from '@q2google/core';
import { type Line, replay, toLines } from './lines-file.js';

/** What this backend declares. */
export const LINES_CAPABILITIES: BackendCapabilities = {
  incrementalSave: true,
  concurrency: 'unsafe',
};

/**
 * Opens the lines backend over a directory. Core's `defineStateBackend` adds what every backend
 * shares: BACKEND_CLOSED after `close()`, and failures named after the operation (a failed write
 * is BACKEND_WRITE_FAILED with the original error as `cause`).
 */
export function createLinesBackend(options: { directory: string }): SyncStateBackend {
  const { directory } = options;

  const fileOf = (sessionId: string) => {
    if (!SessionIdSchema.safeParse(sessionId).success) {
      throw new Q2gError('STATE_INVALID', `"${sessionId}" is not a valid session id.`);
    }
    return join(directory, `${sessionId}.jsonl`);
  };

  const write = async (path: string, text: string, append: boolean) => {
    await mkdir(directory, { recursive: true });
    if (append) return await appendFile(path, text, { flush: true });
    const temp = `${path}.${process.pid}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path).catch(async (error: unknown) => {
      await unlink(temp).catch(() => {});
      throw error;
    });
  };

  const methods = {
    async load(sessionId) {
      const path = fileOf(sessionId);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return null;
        throw wrapError(
          error,
          'BACKEND_UNAVAILABLE',
          `q2google-state-lines could not read ${path}`,
        );
      }
      return parseSessionDocument(replay(text, path), { source: path });
    },

    async save(state: SessionState) {
      const { items, batches, ...meta } = state;
      const lines: Line[] = [
        { type: 'meta', meta },
        ...Object.values(items).map((item): Line => ({ type: 'item', item })),
        ...Object.values(batches).map((batch): Line => ({ type: 'batch', batch })),
      ];
      await write(fileOf(state.id), toLines(lines), false);
    },

    async saveChanges(change) {
      const path = fileOf(change.sessionId);
      if (
        !change.meta &&
        (await stat(path).then(
          () => false,
          () => true,
        ))
      ) {
        throw new Q2gError('STATE_INVALID', `Session "${change.sessionId}" does not exist yet.`);
      }
      // A meta line goes first so a file created by an append still starts with a session.
      const lines: Line[] = [
        ...(change.meta ? [{ type: 'meta', meta: change.meta } as const] : []),
        ...change.items.map((item): Line => ({ type: 'item', item })),
        ...change.batches.map((batch): Line => ({ type: 'batch', batch })),
      ];
      await write(path, toLines(lines), true);
    },
  } satisfies SyncStateBackend;
  const frame = createBackendFrame({ name: 'lines', where: directory });
  return defineStateBackend(frame, { capabilities: LINES_CAPABILITIES, methods });
}
