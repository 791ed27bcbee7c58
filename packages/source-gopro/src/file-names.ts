import { createHash } from 'node:crypto';
import type { MediaKind } from '@q2google/core';

/** The MIME type of GoPro RAW (`.gpr`) files. */
export const RAW_MIME_TYPE = 'image/x-gopro-gpr';

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  gpr: RAW_MIME_TYPE,
  dng: 'image/x-adobe-dng',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  '360': 'video/mp4',
  lrv: 'video/mp4',
};

/** MIME type and photo/video kind of a file extension (case-insensitive). */
export function mediaTypeOf(extension: string): { mimeType: string; kind: MediaKind } {
  const mimeType = MIME[extension.toLowerCase()] ?? 'application/octet-stream';
  return { mimeType, kind: mimeType.startsWith('video/') ? 'video' : 'photo' };
}

/** A short stable tag of a media id: 8 hex characters of its SHA-256. */
export function idTag(mediaId: string): string {
  return createHash('sha256').update(mediaId).digest('hex').slice(0, 8);
}

/**
 * Path separators, C0/C1 controls, DEL and the invisible Unicode format characters (bidi
 * overrides that disguise an extension, zero-width characters, BOM) — none belong in a name.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is stripped
const UNSAFE = /[/\\\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** A surrogate without its pair (e.g. a name cut in the middle of an emoji). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function sanitize(name: string): string {
  return name.replace(LONE_SURROGATE, '_').replace(UNSAFE, '_').trim();
}

/** An extension as letters and digits only (at most 10), or '' when nothing is left. */
function safeExtension(extension: string): string {
  return extension.replace(/[^A-Za-z0-9]/g, '').slice(0, 10);
}

function split(name: string): [stem: string, ext: string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, ''];
}

/** The longest prefix of `text` (whole code points) that fits in `bytes` bytes of UTF-8. */
function fitBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const char of text) {
    used += Buffer.byteLength(char, 'utf8');
    if (used > bytes) break;
    out += char;
  }
  return out;
}

/**
 * The Google Photos file name of one unit. Camera names repeat across items (the counter
 * wraps and every camera starts at GOPR0001), so a name taken from the camera gets `_<tag>`
 * (8 hex of the media id's SHA-256) before the extension; a name built from the id already is
 * unique and gets nothing. Pure: the same item and part always give the same name. Whatever
 * GoPro sends, the name has no path separator, no control or invisible format character, no
 * broken surrogate, and at most 255 bytes of UTF-8.
 *
 * @param cameraName the camera's name for this file, when known ('' or undefined otherwise)
 * @param label      a suffix telling parts apart when the camera name cannot (e.g. `frame-03`)
 */
export function unitFileName(
  mediaId: string,
  cameraName: string | undefined | null,
  extension: string,
  label?: string,
): string {
  const camera = sanitize(cameraName ?? '');
  const cleanExt = safeExtension(extension);
  const ext = cleanExt.toLowerCase() === 'jpeg' ? 'jpg' : cleanExt;
  let stem: string;
  let fileExt: string;
  if (camera) {
    const [cameraStem, rawCameraExt] = split(camera);
    const cameraExt = safeExtension(rawCameraExt);
    stem = `${cameraStem}${label ? `-${sanitize(label)}` : ''}_${idTag(mediaId)}`;
    fileExt = cameraExt.toLowerCase() === ext.toLowerCase() ? cameraExt : ext;
  } else {
    stem = `gopro-${sanitize(mediaId)}${label ? `-${sanitize(label)}` : ''}`;
    fileExt = ext;
  }
  const suffix = fileExt ? `.${fileExt}` : '';
  // File systems allow 255 bytes; cut on a character boundary, never inside one.
  return `${fitBytes(stem, 255 - suffix.length)}${suffix}`;
}
