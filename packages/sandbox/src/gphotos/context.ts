import type { FaultInjector } from '../shared/faults.js';
import type { AuthStore } from './auth-store.js';
import type { BaseUrls } from './base-urls.js';
import type { FileMetadataReader } from './file-metadata.js';
import type { Library } from './library.js';
import type { GooglePhotosEmulatorOptions } from './options.js';
import type { QuotaCounter } from './quota.js';
import type { UploadSession } from './upload-session.js';
import type { UploadTokens } from './upload-tokens.js';

/** Route names used for fault rules and request counters. */
export type GphotosRoute =
  | 'gphotos.upload'
  | 'gphotos.uploadChunk'
  | 'gphotos.batchCreate'
  | 'gphotos.batchCreate.item'
  | 'gphotos.albums'
  | 'gphotos.list'
  | 'gphotos.token'
  | 'gphotos.auth'
  | 'gphotos.baseUrl';

/** Everything the route handlers share. */
export interface EmulatorContext {
  options: GooglePhotosEmulatorOptions;
  now(): number;
  /** `http://127.0.0.1:<port>`, set once listening. */
  baseUrl: string;
  /** Where resumable upload sessions live (given in `x-goog-upload-url`). */
  uploadBaseUrl: string;
  faults: FaultInjector;
  auth: AuthStore;
  tokens: UploadTokens;
  sessions: Map<string, UploadSession>;
  library: Library;
  baseUrls: BaseUrls;
  quota: QuotaCounter;
  /** Requests seen per route. */
  counters: Map<string, number>;
  /** Users with a batchCreate in flight. */
  writingUsers: Set<string>;
  /** What uploaded files' own metadata says, when known. */
  fileMetadata: FileMetadataReader;
}
