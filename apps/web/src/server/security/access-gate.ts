/**
 * Who may use the dashboard. Each launch mints one random one-time access token (printed in the
 * launch URL); exchanging it sets an HttpOnly, SameSite=Strict session cookie and redirects to a
 * clean URL. Every other request needs that cookie; state-changing ones also need a same-origin
 * Origin/Sec-Fetch-Site and the session's CSRF token in the `x-csrf-token` header.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie that carries the browser session. */
export const SESSION_COOKIE = 'q2g_session';
/** The header that carries the CSRF token on POST and DELETE. */
export const CSRF_HEADER = 'x-csrf-token';

/** One browser session granted by the access token. */
export interface BrowserSession {
  id: string;
  csrfToken: string;
  createdAt: number;
}

/** Why a request was refused. */
export type Refusal =
  | 'no-session'
  | 'bad-access-token'
  | 'cross-origin'
  | 'missing-csrf'
  | 'bad-csrf'
  | 'bad-host';

const token = () => randomBytes(32).toString('base64url');
const digest = (value: string) => createHash('sha256').update(value).digest();
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** The launch token, the sessions it granted and the checks every request goes through. */
export class AccessGate {
  #accessToken: string | null;
  readonly #sessions = new Map<string, BrowserSession>();
  readonly #maxSessions: number;

  constructor(options: { accessToken?: string; maxSessions?: number } = {}) {
    this.#accessToken = options.accessToken ?? token();
    this.#maxSessions = options.maxSessions ?? 8;
  }

  /** The one-time token of this launch, or null once it has been exchanged. */
  get accessToken(): string | null {
    return this.#accessToken;
  }

  /** Mints a new one-time token (the old one, if unused, stops working). */
  renewAccessToken(): string {
    this.#accessToken = token();
    return this.#accessToken;
  }

  /** Exchanges the one-time token for a browser session; null when it is wrong or used. */
  exchange(presented: string | undefined): BrowserSession | null {
    const expected = this.#accessToken;
    if (!presented || !expected || !same(presented, expected)) return null;
    this.#accessToken = null;
    const session: BrowserSession = { id: token(), csrfToken: token(), createdAt: Date.now() };
    this.#sessions.set(session.id, session);
    while (this.#sessions.size > this.#maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) break;
      this.#sessions.delete(oldest);
    }
    return session;
  }

  /** The session a cookie value names, if it is one this launch granted. */
  session(cookie: string | undefined): BrowserSession | null {
    if (!cookie) return null;
    for (const session of this.#sessions.values()) {
      if (same(cookie, session.id)) return session;
    }
    return null;
  }

  /**
   * Checks a state-changing request: the browser must say it came from this origin (Origin
   * equal to ours, or Sec-Fetch-Site `same-origin`; a cross-site value of either refuses), and
   * the CSRF header must equal the session's token.
   */
  checkWrite(
    session: BrowserSession,
    headers: { origin?: string; fetchSite?: string; csrf?: string },
    ownOrigins: readonly string[],
  ): Refusal | null {
    const { origin, fetchSite, csrf } = headers;
    if (origin !== undefined && !ownOrigins.includes(origin)) return 'cross-origin';
    if (fetchSite !== undefined && fetchSite !== 'same-origin') {
      return 'cross-origin';
    }
    if (origin === undefined && fetchSite === undefined) return 'cross-origin';
    if (!csrf) return 'missing-csrf';
    return same(csrf, session.csrfToken) ? null : 'bad-csrf';
  }
}

/** The `Set-Cookie` value of a granted session: HttpOnly, SameSite=Strict, whole site. */
export function sessionCookie(session: BrowserSession): string {
  return `${SESSION_COOKIE}=${session.id}; HttpOnly; SameSite=Strict; Path=/`;
}
