/** @q2google/sink-gphotos — Google Photos as q2google's media sink, plus its OAuth helpers. */
export {
  createOAuthAuth,
  createStaticAuth,
  type GooglePhotosAuth,
  type OAuthAuthOptions,
  type OAuthEndpoints,
} from './auth/google-auth.js';
export {
  type LoopbackAuthorizationOptions,
  type LoopbackAuthorizationResult,
  runLoopbackAuthorization,
} from './auth/loopback.js';
export { OAUTH_TRANSPORTER_OPTIONS, oauthTransporterOptions } from './auth/oauth-transport.js';
export {
  REQUIRED_SCOPES,
  SCOPE_APPENDONLY,
  SCOPE_READONLY_APPCREATED,
  verifyGrantedScopes,
} from './auth/scopes.js';
export {
  type InsecureFilePolicy,
  mergeTokens,
  readTokenFile,
  type StoredTokens,
  StoredTokensSchema,
  writeTokenFile,
} from './auth/token-file.js';
export { MAX_BATCH_SIZE, MAX_FILE_NAME_LENGTH } from './create/create-items.js';
export { errorFromResponse, isDailyQuotaMessage, REAUTH_HINT } from './errors/classify.js';
export { type ParsedErrorBody, parseErrorBody } from './errors/error-body.js';
export { nextPacificMidnight } from './errors/pacific-midnight.js';
export { traceTransport } from './http/trace-transport.js';
export type {
  HttpRequest,
  HttpResponse,
  HttpTransport,
  RequestListener,
} from './http/transport.js';
export { countingTransport, createHttpTransport, nodeTransport } from './http/transport.js';
export {
  DEFAULT_RAW_UPLOAD_MAX_BYTES,
  DEFAULT_RECONCILE_MAX_PAGES,
  GOOGLE_DAILY_REQUESTS,
  GOOGLE_PHOTOS_LIMITS,
  GOOGLE_QUOTA_COUNTER,
  GOOGLE_QUOTA_TIME_ZONE,
  type GoogleRequestQuotaOptions,
  googleRequestQuota,
  MAX_ALBUM_CAPACITY,
} from './limits.js';
export {
  BATCH_GET_LIMIT,
  MAX_IMAGE_BYTES,
  type MediaImage,
  type MediaItemLink,
} from './media/media-items.js';
export {
  createGooglePhotosSinkFromSettings,
  type GoogleHttp,
  type GooglePhotosSinkTuning,
  type GooglePhotosWiringOptions,
  googleAuthFromSettings,
  googleClientOf,
  googleEndpointsOf,
  googleHttpOf,
} from './settings/gphotos-from-settings.js';
export { type GooglePhotosSettings, GPHOTOS_SETTINGS } from './settings/gphotos-settings.js';
export {
  createGooglePhotosSink,
  DEFAULT_BASE_URL,
  type GooglePhotosSink,
  type GooglePhotosSinkOptions,
  type ImageSize,
} from './sink.js';
