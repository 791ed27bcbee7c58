import { fetchVia, Q2gError, sharedHttpDispatcher } from '@q2google/core';
import { z } from 'zod';
import { authFailure } from './auth-errors.js';
import type { StoredTokens } from './token-file.js';

/** Google's token endpoint (the settings' default; the sandbox's in tests). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** A successful refresh answer (RFC 6749 §5.1); Google may also send a new refresh token. */
const RefreshAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().nonnegative().optional(),
  scope: z.string().optional(),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
});

/** What a refresh needs. */
export interface RefreshGrant {
  tokenUrl?: string;
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * Exchanges the refresh token for a new access token (RFC 6749 §6) with one form POST — the
 * only OAuth call a sync makes, so a run need not load an OAuth library. Failures become the
 * same typed errors as every other token call (`authFailure`); no secret reaches them.
 */
export async function refreshAccessToken(grant: RefreshGrant): Promise<StoredTokens> {
  const send = grant.fetch ?? fetchVia(sharedHttpDispatcher());
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: grant.refreshToken,
    client_id: grant.clientId,
    ...(grant.clientSecret ? { client_secret: grant.clientSecret } : {}),
  });
  let status: number;
  let data: unknown;
  try {
    const res = await send(grant.tokenUrl ?? GOOGLE_TOKEN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    status = res.status;
    data = await res.json().catch(() => undefined);
  } catch (error) {
    throw authFailure(networkReason(error), 'refreshing the access token');
  }
  if (status < 200 || status >= 300) {
    throw authFailure({ response: { status, data } }, 'refreshing the access token');
  }
  const answer = RefreshAnswerSchema.safeParse(data);
  if (!answer.success) {
    throw new Q2gError(
      'GPHOTOS_BAD_RESPONSE',
      "Google's token endpoint answered without an access token.",
      { retryable: true },
    );
  }
  const now = (grant.now ?? Date.now)();
  const { access_token, expires_in, scope, token_type, refresh_token } = answer.data;
  return {
    access_token,
    ...(expires_in === undefined ? {} : { expiry_date: now + expires_in * 1000 }),
    ...(scope ? { scope } : {}),
    ...(token_type ? { token_type } : {}),
    ...(refresh_token ? { refresh_token } : {}),
  };
}

/** Only the failure's code (e.g. `ECONNREFUSED`): the request itself carries the secrets. */
function networkReason(error: unknown): { code?: string } {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  const found = typeof cause?.code === 'string' ? cause.code : code;
  return typeof found === 'string' ? { code: found } : {};
}
