import { Q2gError } from '@q2google/core';
import { REAUTH_HINT } from '../errors/classify.js';

const PREFIX = 'https://www.googleapis.com/auth/';

/** Upload bytes, create items and albums. */
export const SCOPE_APPENDONLY = `${PREFIX}photoslibrary.appendonly`;
/** Read what this app created (reconciliation, album lookup). */
export const SCOPE_READONLY_APPCREATED = `${PREFIX}photoslibrary.readonly.appcreateddata`;

/** The only scopes q2google asks for (spec §1.1). */
export const REQUIRED_SCOPES: readonly string[] = [SCOPE_APPENDONLY, SCOPE_READONLY_APPCREATED];

/** Scopes from a token response's space-separated `scope`. */
export function splitScopes(scope: string | null | undefined): string[] {
  return (scope ?? '').split(/\s+/).filter(Boolean);
}

/** Throws GPHOTOS_SCOPE_MISSING unless every `required` scope was granted. */
export function verifyGrantedScopes(
  granted: readonly string[],
  required: readonly string[] = REQUIRED_SCOPES,
): void {
  const missing = required.filter((scope) => !granted.includes(scope));
  if (missing.length === 0) return;
  throw new Q2gError(
    'GPHOTOS_SCOPE_MISSING',
    `Google did not grant the permissions q2google needs: ${missing.map((s) => s.slice(PREFIX.length)).join(', ')}.`,
    { hint: `${REAUTH_HINT} Leave every permission box ticked.`, details: { missing } },
  );
}
