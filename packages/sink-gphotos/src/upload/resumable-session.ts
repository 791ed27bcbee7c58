import { Q2gError, type UploadProgress } from '@q2google/core';
import { headerText } from '../errors/classify.js';
import type { ApiClient } from '../http/api-client.js';
import { asciiFileName } from './upload-config.js';

/** What a query says about a session. */
export type SessionState = { status: 'active'; received: number } | { status: 'gone' };

/** Starts a resumable session (spec §3.2) and returns it as UploadProgress at offset 0. */
export async function startSession(
  api: ApiClient,
  file: { fileName: string; mimeType: string; size: number },
  now: () => number,
  signal?: AbortSignal,
): Promise<UploadProgress> {
  const fileName = asciiFileName(file.fileName);
  const response = api.check(
    await api.send({
      method: 'POST',
      url: api.url('/v1/uploads'),
      headers: {
        'content-length': '0',
        'x-goog-upload-command': 'start',
        'x-goog-upload-protocol': 'resumable',
        'x-goog-upload-raw-size': String(file.size),
        'x-goog-upload-content-type': file.mimeType,
        ...(fileName ? { 'x-goog-upload-file-name': fileName } : {}),
      },
      signal,
    }),
    'upload start',
  );
  const url = headerText(response, 'x-goog-upload-url');
  const status = headerText(response, 'x-goog-upload-status');
  if (!url || (status && status.toLowerCase() !== 'active')) {
    throw new Q2gError('GPHOTOS_BAD_RESPONSE', 'Google Photos did not open an upload session.', {
      retryable: true,
      details: { status },
    });
  }
  const granularity = Number(headerText(response, 'x-goog-upload-chunk-granularity'));
  return {
    url,
    offset: 0,
    ...(Number.isSafeInteger(granularity) && granularity > 0 ? { granularity } : {}),
    startedAt: new Date(now()).toISOString(),
  };
}

/**
 * Asks a session how many bytes it holds. `gone` when it is final, cancelled, expired or
 * unknown (4xx): the caller starts a new session. Network errors and 5xx are thrown.
 */
export async function querySession(
  api: ApiClient,
  url: string,
  signal?: AbortSignal,
): Promise<SessionState> {
  const response = await api.send({
    method: 'POST',
    url,
    headers: { 'content-length': '0', 'x-goog-upload-command': 'query' },
    signal,
  });
  if (
    response.status >= 400 &&
    response.status < 500 &&
    ![401, 403, 429].includes(response.status)
  ) {
    return { status: 'gone' };
  }
  api.check(response, 'upload query');
  const status = headerText(response, 'x-goog-upload-status')?.toLowerCase();
  const received = Number(headerText(response, 'x-goog-upload-size-received'));
  if (status !== 'active') return { status: 'gone' };
  if (!Number.isSafeInteger(received) || received < 0) {
    throw new Q2gError('GPHOTOS_BAD_RESPONSE', 'Upload query did not say how many bytes arrived.', {
      retryable: true,
    });
  }
  return { status: 'active', received };
}
