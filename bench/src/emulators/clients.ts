import type { MediaSink, MediaSource, RetryPolicy } from '@q2google/core';
import { createGooglePhotosSinkFromSettings } from '@q2google/sink-gphotos';
import { createGoProSourceFromSettings } from '@q2google/source-gopro';
import type { Wiring } from './wiring.js';

/** Sink tuning a benchmark may set (the raw-upload threshold). */
export interface SinkTuning {
  rawUploadMaxBytes?: number;
}

const RETRY: RetryPolicy = { retries: 8, baseDelayMs: 20, maxDelayMs: 500, maxRetryAfterMs: 5_000 };

/**
 * The real GoPro source and Google Photos sink (with its OAuth flow), built from the sandbox's
 * settings by the plugins' factories, like the CLI builds them.
 */
export async function buildClients(
  wiring: Wiring,
  tuning: SinkTuning = {},
): Promise<{ source: MediaSource; sink: MediaSink }> {
  return {
    source: await createGoProSourceFromSettings(wiring.goproSettings, { retry: RETRY }),
    sink: createGooglePhotosSinkFromSettings(wiring.googleSettings, {
      retry: RETRY,
      rateLimitFloorMs: 10,
      ...tuning,
    }),
  };
}
