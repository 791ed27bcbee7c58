import { GPHOTOS_SCOPES } from './options.js';

/** The scopes a route accepts (any one suffices), per spec §1.1. */
export const ROUTE_SCOPES = {
  write: [GPHOTOS_SCOPES.appendonly],
  addToAlbum: [GPHOTOS_SCOPES.appendonly, GPHOTOS_SCOPES.edit],
  edit: [GPHOTOS_SCOPES.edit],
  read: [GPHOTOS_SCOPES.readonly],
} as const;

/** True when `granted` holds at least one of `accepted`. */
export function hasScope(granted: readonly string[], accepted: readonly string[]): boolean {
  return accepted.some((scope) => granted.includes(scope));
}
