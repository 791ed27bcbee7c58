import type { RetryPolicy } from '@q2google/core';
import type { ApiClient } from '../http/api-client.js';

/** Upload tuning shared by the raw and resumable paths. */
export interface UploadConfig {
  api: ApiClient;
  retry: RetryPolicy;
  now: () => number;
  /** Files up to this size go in one raw request. */
  rawUploadMaxBytes: number;
}

/** The file name as an upload header may carry it (ASCII only), or undefined. */
export function asciiFileName(fileName: string): string | undefined {
  return /^[\x20-\x7e]+$/.test(fileName) ? fileName : undefined;
}
