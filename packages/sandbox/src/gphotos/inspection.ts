import type { EmulatorContext } from './context.js';
import { inspectItem } from './wire.js';

/** What the emulated library holds, for tests and benchmarks to assert on. */
export function inspectLibrary(ctx: EmulatorContext) {
  const library = ctx.library;
  return {
    items: [...library.items.values()].map((item) => inspectItem(library, item)),
    albums: [...library.albums.values()].map((album) => ({
      id: album.id,
      title: album.title,
      clientId: album.clientId,
      itemIds: [...album.itemIds],
    })),
    /** Per content hash: distinct items created and create results resolved to it. */
    contents: [...library.contents.values()].map((record) => ({ ...record })),
    uploadTokens: ctx.tokens.all().map((entry) => ({
      token: entry.token,
      sha256: entry.sha256,
      size: entry.size,
      mimeType: entry.mimeType,
      fileName: entry.fileName,
      expiresAt: new Date(entry.expiresAt).toISOString(),
      consumedBy: entry.consumedBy,
    })),
    sessions: [...ctx.sessions.values()].map((session) => ({
      id: session.id,
      status: session.status,
      rawSize: session.rawSize,
      committed: session.committed,
    })),
    requests: Object.fromEntries(ctx.counters),
    quota: ctx.quota.today,
  };
}

/** The snapshot `inspectLibrary` returns. */
export type GooglePhotosLibrarySnapshot = ReturnType<typeof inspectLibrary>;
