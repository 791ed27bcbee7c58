/**
 * Who may use the dashboard. Each launch mints one random one-time access token (printed in the
 * launch URL); exchanging it sets an HttpOnly, SameSite=Strict session cookie and redirects to
 * `/#key=<page key>`. Cookies are not isolated by port (a page of any other process on
 * 127.0.0.1 receives them), so the cookie alone opens only the static pages: every API request
 * and the event stream also need the page key, which the dashboard's page keeps in
 * sessionStorage (per origin, port included) and sends in the `x-q2g-key` header. Writes also
 * need a same-origin Origin/Sec-Fetch-Site and the session's CSRF token. Sessions idle longer
 * than `idleMs` expire. Google's OAuth `state` is bound to the session that started the flow.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie that carries the browser session. */
export const SESSION_COOKIE = 'q2g_session';
/** The header that carries the CSRF token on POST and DELETE. */
export const CSRF_HEADER = 'x-csrf-token';
/** The header that carries the page key on every API request. */
export const PAGE_KEY_HEADER = 'x-q2g-key';
/** The cookie that ties Google's OAuth callback to the browser that started the flow. */
export const OAUTH_COOKIE = 'q2g_oauth';
/** How long a started OAuth flow may take (as the Google connection's own pending limit). */
export const OAUTH_TTL_MS = 10 * 60_000;
/** Sessions unused this long expire (an open page's event stream counts as use). */
export const DEFAULT_IDLE_MS = 60 * 60_000;

/** One browser session granted by the access token. */
export interface BrowserSession {
  id: string;
  /** The secret the page sends in {@link PAGE_KEY_HEADER}; never in a cookie. */
  pageKey: string;
  csrfToken: string;
  createdAt: number;
  lastSeen: number;
}

interface OAuthBinding {
  sessionId: string;
  nonce: string;
  expiresAt: number;
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
  readonly #oauth = new Map<string, OAuthBinding>();
  readonly #maxSessions: number;
  readonly #idleMs: number;
  readonly #now: () => number;

  constructor(
    options: {
      accessToken?: string;
      maxSessions?: number;
      idleMs?: number;
      now?: () => number;
    } = {},
  ) {
    this.#accessToken = options.accessToken ?? token();
    this.#maxSessions = options.maxSessions ?? 8;
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.#now = options.now ?? Date.now;
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
    const now = this.#now();
    const session: BrowserSession = {
      id: token(),
      pageKey: token(),
      csrfToken: token(),
      createdAt: now,
      lastSeen: now,
    };
    this.#sessions.set(session.id, session);
    while (this.#sessions.size > this.#maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) break;
      this.#sessions.delete(oldest);
    }
    return session;
  }

  /**
   * The live session a cookie value names, if this launch granted it (pages need only this).
   * A session idle past the limit is forgotten; a found one counts as used now.
   */
  session(cookie: string | undefined): BrowserSession | null {
    const session = this.#live(cookie);
    if (session) session.lastSeen = this.#now();
    return session;
  }

  /**
   * The session of an API request: the cookie's session, and only with its page key (a request
   * with the cookie alone neither opens it nor keeps it alive).
   */
  apiSession(cookie: string | undefined, pageKey: string | undefined): BrowserSession | null {
    const session = this.#live(cookie);
    if (!session || !pageKey || !same(pageKey, session.pageKey)) return null;
    session.lastSeen = this.#now();
    return session;
  }

  #live(cookie: string | undefined): BrowserSession | null {
    if (!cookie) return null;
    const now = this.#now();
    for (const session of this.#sessions.values()) {
      if (now - session.lastSeen > this.#idleMs) {
        this.#sessions.delete(session.id);
        continue;
      }
      if (same(cookie, session.id)) return session;
    }
    return null;
  }

  /** Marks a session as used (an open event stream keeps its page's session alive). */
  touch(session: BrowserSession): void {
    if (this.#sessions.get(session.id) === session) session.lastSeen = this.#now();
  }

  /** Binds an OAuth `state` to the session that started the flow; returns the cookie's nonce. */
  bindOAuthState(session: BrowserSession, state: string): string {
    const now = this.#now();
    for (const [key, binding] of this.#oauth) {
      if (binding.expiresAt < now) this.#oauth.delete(key);
    }
    const nonce = token();
    this.#oauth.set(state, { sessionId: session.id, nonce, expiresAt: now + OAUTH_TTL_MS });
    return nonce;
  }

  /**
   * Consumes an OAuth `state`: true only once, before it expires, with the nonce of the cookie
   * set when it was bound, while the session that started it is still live.
   */
  takeOAuthState(state: string, nonce: string | undefined): boolean {
    const binding = this.#oauth.get(state);
    if (!binding || !nonce || !same(nonce, binding.nonce)) return false;
    this.#oauth.delete(state);
    const session = this.#sessions.get(binding.sessionId);
    return (
      binding.expiresAt >= this.#now() &&
      session !== undefined &&
      this.#now() - session.lastSeen <= this.#idleMs
    );
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

/** Where `/auth` sends the browser: the page key rides in the fragment (never sent to a server). */
export function landingUrl(session: BrowserSession): string {
  return `/#key=${session.pageKey}`;
}

/**
 * The `Set-Cookie` value binding an OAuth flow: SameSite=Lax, since the callback is a top-level
 * navigation back from Google (a Strict cookie is not sent on it), and only on the callback path.
 */
export function oauthCookie(nonce: string): string {
  return `${OAUTH_COOKIE}=${nonce}; HttpOnly; SameSite=Lax; Path=/oauth/google/callback; Max-Age=${OAUTH_TTL_MS / 1000}`;
}
