import { Q2gError } from '@q2google/core';
import { type GoProAuth, type GoProCredentials, PASTED_TOKEN_HINT } from './credentials.js';

/**
 * Auth with a `gp_access_token` copied from a browser session (plus `gp_user_id` when known).
 * It cannot renew: once GoPro refuses it, calls fail with GOPRO_AUTH_EXPIRED and a hint on
 * getting a new one.
 */
export function createPastedTokenAuth(credentials: GoProCredentials): GoProAuth {
  const accessToken = credentials.accessToken.trim().replace(/^Bearer\s+/i, '');
  if (!accessToken) throw new Q2gError('CONFIG_INVALID', 'The pasted GoPro access token is empty.');
  const current: GoProCredentials = credentials.userId
    ? { accessToken, userId: credentials.userId }
    : { accessToken };
  return {
    canRenew: false,
    current: async () => current,
    renew: async () => {
      throw new Q2gError(
        'GOPRO_AUTH_EXPIRED',
        'GoPro refused the pasted access token (expired or revoked).',
        {
          hint: PASTED_TOKEN_HINT,
        },
      );
    },
    secrets: () => [accessToken],
  };
}
