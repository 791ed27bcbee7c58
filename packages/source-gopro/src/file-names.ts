import { createHash } from 'node:crypto';
import type { MediaKind } from '@q2google/core';

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  gpr: 'image/x-gopro-gpr',
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

function sanitize(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strip control characters
  return name.replace(/[/\\\u0000-\u001f]/g, '_').trim();
}

function split(name: string): [stem: string, ext: string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, ''];
}

/**
 * The Google Photos file name of one unit. Camera names repeat across items (the counter
 * wraps and every camera starts at GOPR0001), so a name taken from the camera gets `_<tag>`
 * (8 hex of the media id's SHA-256) before the extension; a name built from the id already is
 * unique and gets nothing. Pure: the same item and part always give the same name.
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
  const ext = extension.toLowerCase() === 'jpeg' ? 'jpg' : extension;
  let stem: string;
  let fileExt: string;
  if (camera) {
    const [cameraStem, cameraExt] = split(camera);
    stem = `${cameraStem}${label ? `-${label}` : ''}_${idTag(mediaId)}`;
    fileExt = cameraExt.toLowerCase() === ext.toLowerCase() ? cameraExt : ext;
  } else {
    stem = `gopro-${sanitize(mediaId)}${label ? `-${label}` : ''}`;
    fileExt = ext;
  }
  const suffix = fileExt ? `.${fileExt}` : '';
  return `${stem.slice(0, 255 - suffix.length)}${suffix}`;
}
