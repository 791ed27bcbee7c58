import type { MediaSink, MediaSource, RetryPolicy } from '@q2google/core';
import { createGooglePhotosSink } from '@q2google/sink-gphotos';
import { createGoProSource, createPastedTokenAuth } from '@q2google/source-gopro';
import type { Wiring } from './wiring.js';

/** Sink tuning a benchmark may set (chunk size, raw-upload threshold). */
export interface SinkTuning {
  chunkSize?: number;
  rawUploadMaxBytes?: number;
}

const RETRY: RetryPolicy = { retries: 8, baseDelayMs: 20, maxDelayMs: 500, maxRetryAfterMs: 5_000 };

/** The real GoPro source and Google Photos sink (with its OAuth flow) pointed at the emulators. */
export function buildClients(
  wiring: Wiring,
  tuning: SinkTuning = {},
): { source: MediaSource; sink: MediaSink } {
  return {
    source: createGoProSource({
      auth: createPastedTokenAuth({ accessToken: wiring.goproToken, userId: wiring.goproUserId }),
      baseUrl: wiring.goproApiUrl,
      retry: RETRY,
    }),
    sink: createGooglePhotosSink({
      baseUrl: wiring.gphotosUrl,
      auth: {
        clientId: 'q2google-sandbox',
        tokens: { refresh_token: wiring.refreshToken },
        endpoints: wiring.endpoints,
      },
      retry: RETRY,
      rateLimitFloorMs: 10,
      ...tuning,
    }),
  };
}
