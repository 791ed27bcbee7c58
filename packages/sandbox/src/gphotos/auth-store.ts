import { createHash, randomBytes } from 'node:crypto';

/** What an access or refresh token stands for. */
export interface Grant {
  user: string;
  clientId: string;
  scopes: string[];
}

interface AccessToken extends Grant {
  expiresAt: number;
}

interface AuthCode extends Grant {
  redirectUri: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresAt: number;
}

/** The emulator's OAuth state: authorization codes, refresh tokens and access tokens. */
export class AuthStore {
  readonly #access = new Map<string, AccessToken>();
  readonly #refresh = new Map<string, Grant & { revoked: boolean }>();
  readonly #codes = new Map<string, AuthCode>();

  constructor(
    private readonly now: () => number,
    private readonly accessTtlSeconds: () => number,
  ) {}

  /** Issues an access token (tests may call this directly to skip OAuth). */
  issueAccessToken(grant: Grant, ttlSeconds = this.accessTtlSeconds()): string {
    const token = `ya29.${randomBytes(24).toString('base64url')}`;
    this.#access.set(token, { ...grant, expiresAt: this.now() + ttlSeconds * 1000 });
    return token;
  }

  /** Issues a refresh token for `grant`. */
  issueRefreshToken(grant: Grant): string {
    const token = `1//${randomBytes(24).toString('base64url')}`;
    this.#refresh.set(token, { ...grant, revoked: false });
    return token;
  }

  /** Revokes one refresh token, or all when none is given. */
  revokeRefreshToken(token?: string): void {
    for (const [key, grant] of this.#refresh) if (!token || key === token) grant.revoked = true;
  }

  /** Makes every access token issued so far expire now. */
  expireAccessTokens(): void {
    for (const token of this.#access.values()) token.expiresAt = this.now() - 1;
  }

  /** The live grant of a refresh token, or undefined when unknown or revoked. */
  refreshGrant(token: string): Grant | undefined {
    const grant = this.#refresh.get(token);
    return grant && !grant.revoked ? grant : undefined;
  }

  /** Resolves a bearer token: the grant, `expired`, or `invalid`. */
  check(token: string | undefined): Grant | 'expired' | 'invalid' {
    const entry = token ? this.#access.get(token) : undefined;
    if (!entry) return 'invalid';
    return entry.expiresAt <= this.now() ? 'expired' : entry;
  }

  /** Records an authorization code from the fake consent screen. */
  issueCode(code: Omit<AuthCode, 'expiresAt'>): string {
    const value = `4/${randomBytes(18).toString('base64url')}`;
    this.#codes.set(value, { ...code, expiresAt: this.now() + 600_000 });
    return value;
  }

  /** Consumes a code, checking redirect URI and PKCE; undefined when it must be refused. */
  redeemCode(code: string, redirectUri: string, verifier: string | undefined): Grant | undefined {
    const entry = this.#codes.get(code);
    this.#codes.delete(code);
    if (!entry || entry.expiresAt <= this.now() || entry.redirectUri !== redirectUri) return;
    if (entry.codeChallenge) {
      if (!verifier) return;
      const computed =
        entry.codeChallengeMethod === 'S256'
          ? createHash('sha256').update(verifier).digest('base64url')
          : verifier;
      if (computed !== entry.codeChallenge) return;
    }
    return { user: entry.user, clientId: entry.clientId, scopes: entry.scopes };
  }
}
