import {
  type ByteRequest,
  byteRequestVia,
  DEFAULT_RETRY_POLICY,
  fetchVia,
  type MediaSource,
  type RetryNotice,
  type RetryPolicy,
  sharedHttpDispatcher,
} from '@q2google/core';
import { GoProApi } from './api-client.js';
import type { GoProAuth } from './auth/credentials.js';
import { DescriptorCache } from './descriptor-cache.js';
import { listGoProUnits } from './list-units.js';
import { openGoProUnit } from './open-unit.js';
import { UserSchema } from './schemas.js';
import type { GoProSourceOptionsInput } from './source-options.js';
import { fetchGoProThumbnail, type GoProThumbnail } from './thumbnail.js';

/** Options of {@link createGoProSource}. */
export interface GoProSourceConfig {
  /** `createPasswordAuth(…)` or `createPastedTokenAuth(…)`. */
  auth: GoProAuth;
  /** API base URL; `https://api.gopro.com` by default (the sandbox's `apiUrl` in tests). */
  baseUrl?: string;
  /** Injected fetch (through the proxy-aware shared dispatcher by default). Used for the API and thumbnails. */
  fetch?: typeof fetch;
  /** What downloads media bytes from the CDN (undici's `request` through the shared dispatcher by default). */
  download?: ByteRequest;
  /** Retry policy for API calls, downloads and mid-body resumes. */
  retry?: RetryPolicy;
  /** Defaults for the per-session choices (`raw`, `max360`, `notReady`, `edits`, `perPage`). */
  defaults?: GoProSourceOptionsInput;
  /** How long download descriptors (signed URLs) are reused; 4 minutes by default. */
  descriptorTtlMs?: number;
  /** Descriptors fetched at once while listing multi-file items; 4 by default. */
  descriptorConcurrency?: number;
  /** Re-requests of a search page that came back short; 3 by default. */
  shortPageRetries?: number;
  /** Listing passes at most when the library changes while it is listed; 3 by default. */
  listingPasses?: number;
  /** Sent as Origin/Referer on API calls when set (e.g. `https://plus.gopro.com`). */
  origin?: string;
  /** Told about every retry (for logs and progress events; carries no secrets). */
  onRetry?: (notice: RetryNotice) => void;
  /** Clock for descriptor ages; injected by tests. */
  now?: () => number;
}

/** A GoPro source with the cheap credential check always present, plus thumbnails. */
export type GoProSource = MediaSource &
  Required<Pick<MediaSource, 'verify'>> & {
    /** A media item's thumbnail, or null when GoPro has none (yet). */
    fetchThumbnail(mediaId: string, signal?: AbortSignal): Promise<GoProThumbnail | null>;
  };

/** The GoPro cloud as a q2google media source. */
export function createGoProSource(config: GoProSourceConfig): GoProSource {
  const fetchImpl = config.fetch ?? fetchVia(sharedHttpDispatcher());
  const retry = config.retry ?? DEFAULT_RETRY_POLICY;
  const api = new GoProApi({
    auth: config.auth,
    fetch: fetchImpl,
    retry,
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
    ...(config.origin ? { origin: config.origin } : {}),
    ...(config.onRetry ? { onRetry: config.onRetry } : {}),
  });
  const descriptors = new DescriptorCache(api, {
    ...(config.descriptorTtlMs !== undefined ? { ttlMs: config.descriptorTtlMs } : {}),
    ...(config.now ? { now: config.now } : {}),
  });
  const lister = {
    api,
    descriptors,
    defaults: config.defaults ?? {},
    shortPageRetries: config.shortPageRetries ?? 3,
    descriptorConcurrency: config.descriptorConcurrency ?? 4,
    listingPasses: config.listingPasses ?? 3,
  };
  const opener = {
    descriptors,
    download: config.download ?? byteRequestVia(sharedHttpDispatcher()),
    retry,
    ...(config.onRetry ? { onRetry: config.onRetry } : {}),
  };
  return {
    name: 'gopro',
    listUnits: (request) => listGoProUnits(lister, request),
    openUnit: (unit, offset, signal) => openGoProUnit(opener, unit, offset, signal),
    fetchThumbnail: (mediaId, signal) =>
      fetchGoProThumbnail({ api, fetch: fetchImpl }, mediaId, signal),
    async verify(signal) {
      const user = await api.get(
        'GoPro account check',
        '/media/user',
        undefined,
        UserSchema,
        signal,
      );
      return { accountId: user.id };
    },
  };
}
