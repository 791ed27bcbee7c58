import type { GoProEmulator } from '../gopro/emulator.js';

/**
 * What a file's own metadata says (EXIF `DateTimeOriginal`, the MP4 header's creation time,
 * the pixel size). Google fills `mediaMetadata` from it: `creationTime` is the capture time,
 * not the upload time, which Google uses only for a file without such metadata.
 */
export interface FileMetadata {
  /** Capture instant (ISO). */
  creationTime: string;
  width?: number;
  height?: number;
}

/**
 * Reads the metadata inside an uploaded file. The emulator keeps a hash of the bytes, never the
 * bytes, so it asks by content; `undefined` means a file without metadata.
 */
export type FileMetadataReader = (content: {
  sha256: string;
  size: number;
}) => FileMetadata | undefined;

/**
 * The GoPro emulator's originals as their own metadata describes them: each file's capture
 * time. Content hashes are computed lazily, once per file size asked about.
 */
export function goproFileMetadata(
  gopro: Pick<GoProEmulator, 'expectedUnits' | 'expectedSha256'>,
): FileMetadataReader {
  const bySha = new Map<string, FileMetadata>();
  const sizesRead = new Set<number>();
  return ({ sha256, size }) => {
    if (!sizesRead.has(size)) {
      sizesRead.add(size);
      for (const unit of gopro.expectedUnits()) {
        if (unit.size !== size) continue;
        bySha.set(gopro.expectedSha256(unit.mediaId, unit.part), {
          creationTime: unit.capturedAt,
        });
      }
    }
    return bySha.get(sha256);
  };
}
