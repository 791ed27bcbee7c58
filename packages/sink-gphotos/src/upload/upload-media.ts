import { Q2gError, type SinkLimits, type UploadRequest, type UploadResult } from '@q2google/core';
import { rawUpload } from './raw-upload.js';
import { resumableUpload } from './resumable-upload.js';
import type { UploadConfig } from './upload-config.js';

/**
 * Uploads one file's bytes and returns its upload token: a raw request for small files, the
 * resumable protocol for large ones or when a recorded session is passed in `request.resume`.
 */
export async function uploadMedia(
  config: UploadConfig,
  limits: SinkLimits,
  request: UploadRequest,
): Promise<UploadResult> {
  const photo = request.mimeType.startsWith('image/');
  const max = photo ? limits.maxPhotoBytes : limits.maxVideoBytes;
  if (request.size > max) {
    throw new Q2gError(
      'GPHOTOS_FILE_TOO_LARGE',
      `${request.fileName} is ${request.size} bytes; Google Photos accepts ${photo ? 'photos' : 'videos'} up to ${max} bytes.`,
      { details: { size: request.size, limit: max } },
    );
  }
  if (request.size === 0) {
    throw new Q2gError('GPHOTOS_UPLOAD_FAILED', `${request.fileName} is empty.`);
  }
  const useRaw = request.size <= config.rawUploadMaxBytes && request.resume === undefined;
  const uploadToken = useRaw
    ? await rawUpload(config, request)
    : await resumableUpload(config, request);
  const uploadedAt = config.now();
  return {
    uploadToken,
    uploadedAt: new Date(uploadedAt).toISOString(),
    expiresAt: new Date(uploadedAt + limits.uploadTokenTtlMs).toISOString(),
  };
}
