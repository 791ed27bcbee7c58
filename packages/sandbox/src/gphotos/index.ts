export { GPHOTOS_USAGE, runGooglePhotosCommand } from './cli-command.js';
export {
  type GooglePhotosEmulator,
  type GrantInput,
  startGooglePhotosEmulator,
} from './emulator.js';
export {
  type FileMetadata,
  type FileMetadataReader,
  goproFileMetadata,
} from './file-metadata.js';
export type { GooglePhotosLibrarySnapshot } from './inspection.js';
export {
  type GooglePhotosEmulatorOptions,
  type GooglePhotosEmulatorOptionsInput,
  GooglePhotosEmulatorOptionsSchema,
  GPHOTOS_SCOPES,
} from './options.js';
export { nextPacificMidnight, type QuotaDay, type QuotaDayRecord } from './quota.js';
export { QUOTA_MESSAGES } from './responses.js';
