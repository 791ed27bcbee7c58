import { randomBytes } from 'node:crypto';

/** An album as the emulator stores it. */
export interface StoredAlbum {
  id: string;
  title: string;
  /** OAuth client (project) that created it; only that project sees it. */
  clientId: string;
  itemIds: string[];
}

/** A media item as the emulator stores it (metadata only). */
export interface StoredItem {
  id: string;
  filename: string;
  mimeType: string;
  description?: string;
  sha256: string;
  size: number;
  clientId: string;
  /** Capture time from the file's metadata, else the upload time (whole seconds, `Z`). */
  creationTime: string;
  /** Pixel size from the file's metadata, when it has one. */
  width?: number;
  height?: number;
  createdAt: number;
  /** The upload token the item was first created from. */
  uploadToken: string;
}

/** Per content hash: how often an item was created from it and how often create resolved to it. */
export interface ContentRecord {
  sha256: string;
  size: number;
  /** Distinct media items created from these bytes (1 when every file was created once). */
  itemsCreated: number;
  /** Successful create results that resolved to these bytes (re-creates included). */
  createResults: number;
}

/** The emulated library: albums, items, and the content index used for dedup. */
export class Library {
  readonly albums = new Map<string, StoredAlbum>();
  readonly items = new Map<string, StoredItem>();
  readonly #order: string[] = [];
  readonly #byContent = new Map<string, string>();
  readonly contents = new Map<string, ContentRecord>();

  /** Creates an album owned by `clientId`. */
  createAlbum(title: string, clientId: string): StoredAlbum {
    const album = { id: newId('AL'), title, clientId, itemIds: [] };
    this.albums.set(album.id, album);
    return album;
  }

  /** Albums visible to `clientId`, in creation order. */
  visibleAlbums(clientId: string): StoredAlbum[] {
    return [...this.albums.values()].filter((album) => album.clientId === clientId);
  }

  /** Items visible to `clientId`, in creation order. */
  visibleItems(clientId: string): StoredItem[] {
    return this.#order
      .map((id) => this.items.get(id))
      .filter((item): item is StoredItem => item?.clientId === clientId);
  }

  /** The item already holding these bytes, when dedup applies. */
  itemForContent(sha256: string): StoredItem | undefined {
    const id = this.#byContent.get(sha256);
    return id ? this.items.get(id) : undefined;
  }

  /** Adds a new item and indexes its content. */
  addItem(item: Omit<StoredItem, 'id'>): StoredItem {
    const stored = { ...item, id: newId('AM') };
    this.items.set(stored.id, stored);
    this.#order.push(stored.id);
    if (!this.#byContent.has(item.sha256)) this.#byContent.set(item.sha256, stored.id);
    const record = this.#content(item.sha256, item.size);
    record.itemsCreated += 1;
    return stored;
  }

  /** Counts one successful create result for `sha256`. */
  countCreateResult(sha256: string, size: number): void {
    this.#content(sha256, size).createResults += 1;
  }

  /** Places `itemIds` into `album` at `position` (items already there are not repeated). */
  placeInAlbum(album: StoredAlbum, itemIds: string[], index: number): void {
    const fresh = itemIds.filter((id) => !album.itemIds.includes(id));
    album.itemIds.splice(Math.min(index, album.itemIds.length), 0, ...fresh);
  }

  /** Album ids holding `itemId`. */
  albumsOf(itemId: string): string[] {
    return [...this.albums.values()].filter((a) => a.itemIds.includes(itemId)).map((a) => a.id);
  }

  #content(sha256: string, size: number): ContentRecord {
    let record = this.contents.get(sha256);
    if (!record) {
      record = { sha256, size, itemsCreated: 0, createResults: 0 };
      this.contents.set(sha256, record);
    }
    return record;
  }
}

function newId(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}
