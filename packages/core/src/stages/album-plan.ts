import type { ItemState } from '../model/item-state.js';
import type { AlbumUse } from '../model/session-state.js';
import type { StageContext } from './stage-context.js';

/** The units of one create call and the album they go to (none when the session has none). */
export interface PlannedBatch {
  albumId?: string;
  items: ItemState[];
}

/** Google's album titles are at most 500 characters. */
const MAX_TITLE = 500;

/** The title of the `sequence`-th album of `base`: `base`, then `base (2)`, `base (3)`, …. */
export function albumTitle(base: string, sequence: number): string {
  if (sequence <= 1) return base;
  const suffix = ` (${sequence})`;
  return `${[...base].slice(0, MAX_TITLE - suffix.length).join('')}${suffix}`;
}

/**
 * Which album each unit goes to. A unit keeps the album it was first sent to (recorded on the
 * unit as `albumId`), whatever happens later; a new unit goes to the current album while it
 * has room. An album's count is what the sink says it holds when first opened in a run, plus
 * the session's units sent to it whose outcome is not `created` yet (a lost answer may have
 * created them, so they keep their place), plus the units given to it since. When the count
 * reaches the sink's `albumCapacity` the next album of the title is opened.
 */
export class AlbumPlan {
  readonly #ctx: StageContext;
  readonly #counts = new Map<string, number>();
  #current: AlbumUse | undefined;

  constructor(ctx: StageContext) {
    this.#ctx = ctx;
  }

  /** The next batch of at most `size` units out of `ready` (non-empty), with its album. */
  async next(ready: ItemState[], size: number): Promise<PlannedBatch> {
    const title = this.#ctx.store.state.options.album;
    if (!title) return { items: ready.slice(0, size) };
    const placed = ready.find((item) => item.albumId !== undefined);
    if (placed) {
      const items = ready.filter((item) => item.albumId === placed.albumId).slice(0, size);
      return { albumId: placed.albumId!, items };
    }
    const album = await this.#withRoom(title);
    const room = this.#capacity() - (this.#counts.get(album.id) ?? 0);
    const items = ready.slice(0, Math.min(size, room));
    this.#counts.set(album.id, (this.#counts.get(album.id) ?? 0) + items.length);
    return { albumId: album.id, items };
  }

  #capacity(): number {
    return this.#ctx.sink.limits.albumCapacity ?? Number.POSITIVE_INFINITY;
  }

  /** The current album, moving on to the title's next album while it is full. */
  async #withRoom(base: string): Promise<AlbumUse> {
    const used = this.#ctx.store.state.albums ?? [];
    let album = this.#current ?? used.at(-1) ?? (await this.#open(base, 1));
    if (!this.#counts.has(album.id)) album = await this.#open(base, album.sequence);
    while ((this.#counts.get(album.id) ?? 0) >= this.#capacity()) {
      album = await this.#open(base, album.sequence + 1);
    }
    this.#current = album;
    return album;
  }

  /** Finds or creates the title's `sequence`-th album, counts it, and records it. */
  async #open(base: string, sequence: number): Promise<AlbumUse> {
    const { store, sink, signal, budget } = this.#ctx;
    const endReservation = await budget.reserveAlbumOpen();
    const found = await sink
      .ensureAlbum(albumTitle(base, sequence), signal)
      .finally(endReservation);
    let open = 0;
    for (const item of Object.values(store.state.items)) {
      if (item.albumId === found.id && item.status !== 'created') open += 1;
    }
    this.#counts.set(found.id, (found.itemCount ?? 0) + open);
    const album: AlbumUse = { id: found.id, title: found.title, sequence };
    const used = store.state.albums ?? [];
    if (!used.some((known) => known.id === album.id)) {
      store.updateMeta({
        albums: [...used, album],
        ...(store.state.albumId ? {} : { albumId: album.id }),
      });
      await store.flush({ force: true });
    }
    return album;
  }
}
