import { createHash } from 'node:crypto';
import type { RetryPolicy, UploadProgress, UploadRequest } from '@q2google/core';
import {
  type GooglePhotosEmulator,
  type GooglePhotosEmulatorOptionsInput,
  startGooglePhotosEmulator,
} from '@q2google/sandbox';
import {
  createGooglePhotosSink,
  type GooglePhotosSink,
  type GooglePhotosSinkOptions,
} from '../sink.js';

/** The OAuth client the tests use. */
export const CLIENT = {
  clientId: 'q2google-test.apps.googleusercontent.com',
  clientSecret: 'test-secret-value',
};

/** Retries without real waiting. */
export const FAST_RETRY: RetryPolicy = {
  retries: 4,
  baseDelayMs: 1,
  maxDelayMs: 4,
  maxRetryAfterMs: 60_000,
};

/** An emulator plus a sink pointed at it through the real OAuth refresh path. */
export interface Harness {
  emulator: GooglePhotosEmulator;
  sink: GooglePhotosSink;
  refreshToken: string;
  /** Another sink on the same account (a rerun). */
  newSink(overrides?: Partial<GooglePhotosSinkOptions>): GooglePhotosSink;
  close(): Promise<void>;
}

/** Starts an emulator (granularity 1 KiB unless set) and a sink with fast retries. */
export async function startHarness(
  options: {
    emulator?: GooglePhotosEmulatorOptionsInput;
    sink?: Partial<GooglePhotosSinkOptions>;
    scopes?: string[];
  } = {},
): Promise<Harness> {
  const emulator = await startGooglePhotosEmulator({ granularity: 1024, ...options.emulator });
  const refreshToken = emulator.issueRefreshToken({
    clientId: CLIENT.clientId,
    scopes: options.scopes,
  });
  const newSink = (overrides: Partial<GooglePhotosSinkOptions> = {}) =>
    createGooglePhotosSink({
      auth: { ...CLIENT, tokens: { refresh_token: refreshToken }, endpoints: emulator.endpoints },
      baseUrl: emulator.url,
      retry: FAST_RETRY,
      rateLimitFloorMs: 2,
      rawUploadMaxBytes: 8 * 1024,
      ...options.sink,
      ...overrides,
    });
  return { emulator, sink: newSink(), refreshToken, newSink, close: () => emulator.close() };
}

/** `size` deterministic bytes that differ by `seed`. */
export function bytesOf(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Hex SHA-256. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** An upload request over in-memory bytes that records every `open` offset and progress. */
export function uploadOf(
  fileName: string,
  data: Uint8Array,
  extra: Partial<UploadRequest> & { failAfterBytes?: number } = {},
): UploadRequest & { opens: number[]; progress: UploadProgress[] } {
  const opens: number[] = [];
  const progress: UploadProgress[] = [];
  const { failAfterBytes, ...rest } = extra;
  return {
    fileName,
    mimeType: fileName.endsWith('.MP4') ? 'video/mp4' : 'image/jpeg',
    size: data.length,
    opens,
    progress,
    async open(offset) {
      opens.push(offset);
      return (async function* () {
        for (let at = offset; at < data.length; at += 700) {
          if (failAfterBytes !== undefined && at >= failAfterBytes) throw new Error('source broke');
          yield data.subarray(at, Math.min(at + 700, data.length));
        }
      })();
    },
    onProgress(p) {
      progress.push(p);
    },
    ...rest,
  };
}

/** Uploads and creates one item; returns the created media item id. */
export async function uploadAndCreate(sink: GooglePhotosSink, fileName: string, data: Uint8Array) {
  const uploaded = await sink.upload(uploadOf(fileName, data));
  const [result] = await sink.createItems([
    { key: fileName, uploadToken: uploaded.uploadToken, fileName },
  ]);
  return result;
}
