import type { Library, StoredAlbum, StoredItem } from './library.js';

/** A media item in the API's JSON shape (64-bit numbers as strings), with `baseUrl` when given. */
export function mediaItemJson(
  item: StoredItem,
  processing: boolean,
  baseUrl?: string,
): Record<string, unknown> {
  const video = item.mimeType.startsWith('video/');
  return {
    id: item.id,
    ...(baseUrl ? { baseUrl } : {}),
    ...(item.description ? { description: item.description } : {}),
    productUrl: `https://photos.google.com/lr/photo/${item.id}`,
    mimeType: item.mimeType,
    filename: item.filename,
    mediaMetadata: {
      creationTime: item.creationTime,
      width: String(item.width ?? (video ? 3840 : 4000)),
      height: String(item.height ?? (video ? 2160 : 3000)),
      ...(video ? { video: { status: processing ? 'PROCESSING' : 'READY' } } : { photo: {} }),
    },
  };
}

/** An album in the API's JSON shape (`mediaItemsCount` omitted when 0, as proto3 JSON does). */
export function albumJson(album: StoredAlbum): Record<string, unknown> {
  const count = album.itemIds.length;
  return {
    id: album.id,
    title: album.title,
    productUrl: `https://photos.google.com/lr/album/${album.id}`,
    isWriteable: true,
    ...(count > 0
      ? { mediaItemsCount: String(count), coverPhotoMediaItemId: album.itemIds[0] }
      : {}),
  };
}

/** Page token for an offset into a listing. */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/** Offset from a page token; undefined when the token is not one of ours. */
export function decodePageToken(token: string | undefined | null): number | undefined {
  if (!token) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    return typeof parsed.o === 'number' && parsed.o >= 0 ? parsed.o : undefined;
  } catch {
    return undefined;
  }
}

/** One page of `all` from `offset`, with the next token (repeating one item when `overlap`). */
export function paginate<T>(
  all: T[],
  offset: number,
  pageSize: number,
  overlap: boolean,
): { page: T[]; nextPageToken?: string } {
  const page = all.slice(offset, offset + pageSize);
  const end = offset + page.length;
  if (end >= all.length) return { page };
  const next = overlap && page.length > 1 ? end - 1 : end;
  return { page, nextPageToken: encodePageToken(next) };
}

/** Library snapshot entry for inspection. */
export function inspectItem(library: Library, item: StoredItem) {
  return {
    id: item.id,
    filename: item.filename,
    mimeType: item.mimeType,
    creationTime: item.creationTime,
    sha256: item.sha256,
    size: item.size,
    albumIds: library.albumsOf(item.id),
    uploadToken: item.uploadToken,
    clientId: item.clientId,
    createdAt: new Date(item.createdAt).toISOString(),
  };
}
