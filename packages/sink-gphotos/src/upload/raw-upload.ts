import { Q2gError, type UploadRequest, withRetry } from '@q2google/core';
import { ByteReader } from './byte-reader.js';
import { asciiFileName, type UploadConfig } from './upload-config.js';

/**
 * One `X-Goog-Upload-Protocol: raw` request carrying the whole file, streamed from `open(0)`.
 * A failed attempt re-reads the source from the start (a retry yields another token for the
 * same bytes, which Google deduplicates).
 */
export async function rawUpload(config: UploadConfig, request: UploadRequest): Promise<string> {
  const { api } = config;
  let refreshedAfter401 = false;
  return withRetry(
    async () => {
      const reader = new ByteReader(await request.open(0, request.signal));
      try {
        const fileName = asciiFileName(request.fileName);
        const response = await api.send({
          method: 'POST',
          url: api.url('/v1/uploads'),
          headers: {
            'content-type': 'application/octet-stream',
            'content-length': String(request.size),
            'x-goog-upload-content-type': request.mimeType,
            'x-goog-upload-protocol': 'raw',
            ...(fileName ? { 'x-goog-upload-file-name': fileName } : {}),
          },
          body: reader.take(request.size),
          signal: request.signal,
          onBytesSent: request.onBytesSent,
        });
        if (response.status === 401 && !refreshedAfter401) {
          refreshedAfter401 = true;
          throw new Q2gError('GPHOTOS_HTTP', 'Access token rejected; refreshed it.', {
            retryable: true,
          });
        }
        api.check(response, 'upload');
        const token = response.text.trim();
        if (!token) {
          throw new Q2gError(
            'GPHOTOS_BAD_RESPONSE',
            'Google Photos returned an empty upload token.',
            {
              retryable: true,
            },
          );
        }
        return token;
      } finally {
        await reader.close();
      }
    },
    config.retry,
    { signal: request.signal },
  );
}
