import type { SinkRequestCosts } from '../protocol/media-sink.js';

/** True when an upload of `size` bytes goes in one simple request (a new, small enough one). */
export function isSimpleUpload(costs: SinkRequestCosts, size: number, resuming: boolean): boolean {
  return !resuming && size <= costs.simpleUploadMaxBytes;
}

/**
 * Requests one upload of `size` bytes costs when nothing fails; `resuming` when it continues a
 * recorded upload session. The one rule the engine's budget reserves by and the quota plan counts by.
 */
export function uploadRequestsOf(costs: SinkRequestCosts, size: number, resuming: boolean): number {
  return isSimpleUpload(costs, size, resuming) ? costs.simpleUpload : costs.resumableUpload;
}

/**
 * Requests one album opening may cost: finding the app's albums, then creating the album when
 * none has its title (the engine reserves both; the plan counts each where it happens).
 */
export function albumOpenRequestsOf(costs: SinkRequestCosts): number {
  return costs.albumLookup + costs.albumCreate;
}
