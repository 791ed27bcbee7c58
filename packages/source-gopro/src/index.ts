/** @q2google/source-gopro — the GoPro cloud (GoPro Plus / Quik library) as a q2google media source. */
export { GOPRO_ACCEPT, GoProApi, type GoProApiOptions } from './api-client.js';
export {
  type GoProAuth,
  type GoProCredentials,
  type GoProTokenStore,
  PASTED_TOKEN_HINT,
  type StoredGoProCredentials,
  StoredGoProCredentialsSchema,
} from './auth/credentials.js';
export {
  createPasswordAuth,
  DEFAULT_GOPRO_SCOPE,
  type PasswordAuthOptions,
} from './auth/password-auth.js';
export { createPastedTokenAuth } from './auth/pasted-token-auth.js';
export { createGoProTokenFile, type GoProTokenFileOptions } from './auth/token-file.js';
export { type ListCursor, ListCursorSchema } from './cursor.js';
export { idTag, mediaTypeOf, unitFileName } from './file-names.js';
export { createGoProSource, type GoProSource, type GoProSourceConfig } from './gopro-source.js';
export { ALL_PROCESSING_STATES, SEARCH_FIELDS } from './list-units.js';
export {
  DescriptorEntrySchema,
  DownloadDescriptorSchema,
  SearchItemSchema,
  SearchResponseSchema,
  TokenResponseSchema,
} from './schemas.js';
export { cameraNameOf, findPart, type SelectedPart, selectParts } from './select-parts.js';
export {
  createGoProSourceFromSettings,
  type GoProSourceTuning,
  type GoProWiringOptions,
  goproAuthFromSettings,
  goproClientOf,
  goproDownloadOf,
  goproFetchOf,
} from './settings/gopro-from-settings.js';
export {
  GOPRO_CLIENT_HINT,
  type GoProLogin,
  goproLoginOf,
  requireGoProClient,
  saveGoProLogin,
} from './settings/gopro-login.js';
export { GOPRO_SETTINGS, type GoProSettings } from './settings/gopro-settings.js';
export {
  type GoProSourceOptions,
  type GoProSourceOptionsInput,
  GoProSourceOptionsSchema,
} from './source-options.js';
export { type GoProThumbnail, MAX_THUMBNAIL_BYTES } from './thumbnail.js';
