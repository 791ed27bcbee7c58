import { isQ2gError, Q2gError } from '@q2google/core';
import { REAUTH_HINT } from '../errors/classify.js';

interface GaxiosLike {
  message?: unknown;
  code?: unknown;
  status?: unknown;
  response?: { status?: unknown; data?: unknown };
}

/**
 * Maps a token-endpoint failure (the refresh, or google-auth-library's code exchange) to a typed
 * error without keeping the original (its request config holds the refresh token and client
 * secret).
 */
export function authFailure(error: unknown, action: string): Q2gError {
  if (isQ2gError(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as GaxiosLike;
  const data = e.response?.data as { error?: unknown; error_description?: unknown } | undefined;
  const oauthError = typeof data?.error === 'string' ? data.error : undefined;
  const status = typeof e.response?.status === 'number' ? e.response.status : undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  if (oauthError === 'invalid_grant' || message === 'invalid_grant') {
    return new Q2gError(
      'GPHOTOS_AUTH_REQUIRED',
      `Google refused the saved authorisation while ${action} (invalid_grant: revoked or expired).`,
      { hint: REAUTH_HINT },
    );
  }
  if (/no refresh token|no access, refresh token/i.test(message)) {
    return new Q2gError('GPHOTOS_AUTH_REQUIRED', `No Google authorisation is saved (${action}).`, {
      hint: REAUTH_HINT,
    });
  }
  if (oauthError === 'invalid_client' || status === 401) {
    return new Q2gError(
      'GPHOTOS_AUTH_REQUIRED',
      `Google rejected the OAuth client while ${action}.`,
      {
        hint: 'Check the client id and secret, then run `q2google auth google`.',
      },
    );
  }
  if (status === undefined || status >= 500) {
    const reason = status
      ? `HTTP ${status}`
      : typeof e.code === 'string'
        ? e.code
        : 'network error';
    return new Q2gError(
      'GPHOTOS_NETWORK',
      `Could not reach Google's token endpoint while ${action} (${reason}).`,
      {
        retryable: true,
      },
    );
  }
  return new Q2gError(
    'GPHOTOS_AUTH_REQUIRED',
    `Google's token endpoint answered HTTP ${status} while ${action}${oauthError ? ` (${oauthError})` : ''}.`,
    {
      hint: REAUTH_HINT,
    },
  );
}
