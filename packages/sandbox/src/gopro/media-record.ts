import type { EmulatedKind } from './library-spec.js';

/** One media item of the emulated library: scalar facts only, its files are derived on demand. */
export interface EmulatedMedia {
  id: string;
  /** The numeric internal id used in CDN paths. */
  numericId: number;
  kind: EmulatedKind;
  /** GoPro's `type` (`Photo`, `Video`, `Burst`, `MultiClipEdit`, …). */
  type: string;
  filename: string;
  fileExtension: string;
  capturedMs: number;
  createdMs: number;
  readyToView: string;
  /** Bytes of each physical original: one per chapter or frame, one for anything else. */
  partSizes: number[];
  /** Bytes of the RAW `.gpr` companion of a RAW photo, else null. */
  rawSize: number | null;
  /** For `max360`: whether a flat rendered MP4 variation is available. */
  rendered: boolean;
  /** An internal export render, hidden by `xcomposition=export`. */
  exportRender: boolean;
  /** For `edit`: the render is the first `files[]` entry, with no `baked_source` variation. */
  renderInFiles: boolean;
  /** `file_size` is reported this many bytes larger than what is served. */
  staleBytes: number;
  /** The camera's file counter, used to build camera-style names. */
  counter: number;
  cameraModel: string;
  width: number;
  height: number;
  /** The fixture name, for the fixed items of spec §5. */
  fixture?: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The camera's name for chapter `chapter` of a video (`GX01xxxx.MP4`, `GX02xxxx.MP4`, …). */
export function chapterName(media: EmulatedMedia, chapter: number): string {
  const prefix = media.kind === 'max360' ? 'GS' : 'GX';
  const ext = media.kind === 'max360' ? '360' : 'MP4';
  return `${prefix}${pad(chapter, 2)}${pad(media.counter, 4)}.${ext}`;
}

/** The camera's name for frame `frame` of a burst (`G001xxxx.JPG`). */
export function frameName(media: EmulatedMedia, frame: number): string {
  return `G${pad(media.counter % 1000, 3)}${pad(frame, 4)}.JPG`;
}

/** The camera's name for a single photo (`GOPRxxxx.JPG`) or its RAW companion. */
export function photoName(media: EmulatedMedia, raw = false): string {
  return `GOPR${pad(media.counter, 4)}.${raw ? 'GPR' : 'JPG'}`;
}

/** The listed `file_size`: the sum of every original, plus any stale excess; null when unknown. */
export function listedFileSize(media: EmulatedMedia): number | null {
  if (media.kind === 'edit') return null;
  if (media.readyToView === 'registered' || media.readyToView === 'uploading') return null;
  return media.partSizes.reduce((a, b) => a + b, 0) + media.staleBytes;
}
