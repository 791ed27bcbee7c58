import { randomBytes } from 'node:crypto';

/** What the registry knows about a token. */
export interface TokenRecord {
  kind: 'access' | 'refresh';
  userId: string;
  /** Expiry in emulator milliseconds; null = never. */
  expiresAt: number | null;
  revoked: boolean;
}

/** The outcome of checking a token. */
export type TokenStatus = 'ok' | 'expired' | 'revoked' | 'unknown';

const JWE_HEADER = Buffer.from('{"alg":"RSA-OAEP","enc":"A128GCM"}').toString('base64url');

/** A token shaped like GoPro's JWE: five base64url segments, opaque, ~700 characters. */
export function mintJweLikeToken(): string {
  const seg = (n: number) => randomBytes(n).toString('base64url');
  return [JWE_HEADER, seg(256), seg(12), seg(260), seg(16)].join('.');
}

/** Issues, checks, expires and revokes access and refresh tokens against an injected clock. */
export class TokenRegistry {
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Issues a token for `userId` living `ttlSeconds` (null = forever). */
  issue(kind: TokenRecord['kind'], userId: string, ttlSeconds: number | null): string {
    const token = mintJweLikeToken();
    const expiresAt = ttlSeconds === null ? null : this.#now() + ttlSeconds * 1000;
    this.#tokens.set(token, { kind, userId, expiresAt, revoked: false });
    return token;
  }

  /** The record of `token` when it is a valid token of `kind`. */
  check(token: string, kind: TokenRecord['kind']): { status: TokenStatus; record?: TokenRecord } {
    const record = this.#tokens.get(token);
    if (!record || record.kind !== kind) return { status: 'unknown' };
    if (record.revoked) return { status: 'revoked', record };
    if (record.expiresAt !== null && this.#now() >= record.expiresAt) {
      return { status: 'expired', record };
    }
    return { status: 'ok', record };
  }

  /** Revokes one token; true when it existed. */
  revoke(token: string): boolean {
    const record = this.#tokens.get(token);
    if (record) record.revoked = true;
    return Boolean(record);
  }

  /** Revokes every token of `kind` (all kinds when omitted); returns how many. */
  revokeAll(kind?: TokenRecord['kind']): number {
    let count = 0;
    for (const record of this.#tokens.values()) {
      if ((kind === undefined || record.kind === kind) && !record.revoked) {
        record.revoked = true;
        count++;
      }
    }
    return count;
  }

  /** Makes every live token of `kind` expire now. */
  expireAll(kind: TokenRecord['kind'] = 'access'): void {
    const now = this.#now();
    for (const record of this.#tokens.values()) if (record.kind === kind) record.expiresAt = now;
  }
}
