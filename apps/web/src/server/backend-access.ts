/**
 * How the web app reaches the state backend. Backends that allow several users of a session
 * (memory, PostgreSQL, MongoDB) are opened once and shared. A backend that locks sessions to one
 * writer (the JSON backend locks every session it loads until it is closed) is opened per use
 * and closed after it, so looking at a session in the browser never blocks the CLI from running
 * it; a session running in this server is read through its run's own instance.
 */
import {
  type BackendRegistry,
  parseStateTarget,
  resolveCapabilities,
  type SyncStateBackend,
} from '@q2google/core';

/** Opens, shares and closes state-backend instances for the app. */
export interface BackendAccess {
  /** The state URI with secrets redacted (or a description of an injected instance). */
  readonly displayUri: string;
  /** Runs `use` with a backend; `sessionId` lets a running session be read through its run. */
  read<T>(use: (backend: SyncStateBackend) => Promise<T>, sessionId?: string): Promise<T>;
  /** A backend for one run of `sessionId`, released when the run ends. */
  forRun(sessionId: string): Promise<SyncStateBackend>;
  /** Ends a run's use of its backend. */
  releaseRun(sessionId: string): Promise<void>;
  /** Closes every instance. */
  close(): Promise<void>;
}

/** Options of {@link createBackendAccess}. */
export interface BackendAccessOptions {
  /** A ready instance (always shared) or a state URI / path opened through `registry`. */
  target: SyncStateBackend | string | undefined;
  registry: BackendRegistry;
}

/** Creates the app's backend access for a URI or a ready instance. */
export async function createBackendAccess(options: BackendAccessOptions): Promise<BackendAccess> {
  const { target, registry } = options;
  const displayUri =
    typeof target === 'object'
      ? `(${target.name ?? 'custom'} backend instance)`
      : parseStateTarget(target).redacted;
  const open = () => registry.open(target);
  const first = await open();
  const exclusive =
    typeof target !== 'object' && resolveCapabilities(first).concurrency === 'exclusive';
  const runs = new Map<string, SyncStateBackend>();
  let shared: SyncStateBackend | undefined = first;
  if (exclusive) {
    await first.close?.();
    shared = undefined;
  }
  // Per-session queue: a short-lived reader and a run never hold one session's lock at once.
  const queues = new Map<string, Promise<unknown>>();
  const queued = <T>(sessionId: string, task: () => Promise<T>): Promise<T> => {
    const next = (queues.get(sessionId) ?? Promise.resolve()).then(task, task);
    const tail = next.catch(() => {});
    queues.set(sessionId, tail);
    void tail.then(() => {
      if (queues.get(sessionId) === tail) queues.delete(sessionId);
    });
    return next;
  };
  const withFresh = async <T>(use: (backend: SyncStateBackend) => Promise<T>) => {
    const backend = await open();
    try {
      return await use(backend);
    } finally {
      await backend.close?.();
    }
  };
  return {
    displayUri,
    async read(use, sessionId) {
      if (shared) return use(shared);
      if (!sessionId) return withFresh(use);
      return queued(sessionId, () => {
        const running = runs.get(sessionId);
        return running ? use(running) : withFresh(use);
      });
    },
    async forRun(sessionId) {
      if (shared) return shared;
      return queued(sessionId, async () => {
        const backend = await open();
        runs.set(sessionId, backend);
        return backend;
      });
    },
    async releaseRun(sessionId) {
      if (shared) return;
      await queued(sessionId, async () => {
        const backend = runs.get(sessionId);
        runs.delete(sessionId);
        await backend?.close?.();
      });
    },
    async close() {
      await Promise.allSettled([...runs.values()].map((b) => b.close?.()));
      runs.clear();
      await shared?.close?.();
    },
  };
}
