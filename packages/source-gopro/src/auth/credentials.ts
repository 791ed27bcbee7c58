import { z } from 'zod';

/** What every API call needs: the access token and, when known, the account id. */
export interface GoProCredentials {
  accessToken: string;
  /** The `gp_user_id` cookie value (the account UUID). */
  userId?: string;
}

/**
 * Supplies credentials to the API client. `current()` renews ahead of expiry where it can;
 * `renew()` is called after a 401 with the token that failed.
 */
export interface GoProAuth {
  /** Whether this auth can obtain a new access token by itself (password/refresh grant). */
  readonly canRenew: boolean;
  /** The credentials to use now, renewed first when they are about to expire. */
  current(signal?: AbortSignal): Promise<GoProCredentials>;
  /** New credentials after `failedToken` was refused; throws GOPRO_AUTH_EXPIRED when it cannot. */
  renew(failedToken: string, signal?: AbortSignal): Promise<GoProCredentials>;
  /** Every secret this auth holds, so messages can be scrubbed of them. */
  secrets(): string[];
}

/** Credentials as persisted by a token store. */
export const StoredGoProCredentialsSchema = z.object({
  version: z.literal(1),
  accessToken: z.string().min(1),
  userId: z.string().min(1).optional(),
  refreshToken: z.string().min(1).optional(),
  /** When the access token expires, if known (password-grant tokens only). */
  expiresAt: z.iso.datetime().optional(),
  /** When the access token was issued, if known. */
  issuedAt: z.iso.datetime().optional(),
});
/** A value {@link StoredGoProCredentialsSchema} has validated (documented there). */
export type StoredGoProCredentials = z.infer<typeof StoredGoProCredentialsSchema>;

/** Where credentials are kept between runs. */
export interface GoProTokenStore {
  /** The saved credentials, or null when none are saved. */
  load(): Promise<StoredGoProCredentials | null>;
  /** Saves credentials (readable by this user only). */
  save(credentials: StoredGoProCredentials): Promise<void>;
}

/** The hint of GOPRO_AUTH_EXPIRED for a pasted token, which cannot be renewed. */
export const PASTED_TOKEN_HINT =
  'Log in at https://gopro.com, open the browser DevTools (Application/Storage → Cookies, or the ' +
  'Cookie header of any api.gopro.com request in the Network panel), copy the gp_access_token ' +
  'cookie (and gp_user_id), and pass the new value; or use email + password login so tokens renew.';
