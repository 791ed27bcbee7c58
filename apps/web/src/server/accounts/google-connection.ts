/**
 * Google Photos for the dashboard: the OAuth authorisation-code flow with PKCE through this
 * server's own callback (`/oauth/google/callback`), the saved grant in the 0600 token file, and
 * the sink built from it. The pending request is bound to a random one-time `state`, which is
 * what authenticates the callback (the browser sends no SameSite=Strict cookie on a redirect
 * back from Google).
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { isQ2gError, Q2gError, wrapError } from '@q2google/core';
import {
  createGooglePhotosSinkFromSettings,
  type GooglePhotosSink,
  googleClientOf,
  mergeTokens,
  OAUTH_TRANSPORTER_OPTIONS,
  REQUIRED_SCOPES,
  readTokenFile,
  type StoredTokens,
  verifyGrantedScopes,
  writeTokenFile,
} from '@q2google/sink-gphotos';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import type { AccountsStatus } from '../../shared/api-types.js';
import type { WebConfig } from '../wiring/web-config.js';

const PENDING_TTL_MS = 10 * 60_000;
const CLIENT_HINT =
  'Set Q2G_GOOGLE_CLIENT_ID and Q2G_GOOGLE_CLIENT_SECRET (a "Desktop app" OAuth client from Google Cloud Console), then restart q2google-web.';

interface Pending {
  codeVerifier: string;
  redirectUri: string;
  expiresAt: number;
}

/** The Google side of the dashboard's connections. */
export class GoogleConnection {
  readonly #config: WebConfig;
  readonly #pending = new Map<string, Pending>();
  readonly #seen = new Set<string>();

  constructor(config: WebConfig) {
    this.#config = config;
  }

  /** Whether a grant is saved (and whether an OAuth client is configured at all). */
  async status(): Promise<AccountsStatus['google']> {
    const oauthConfigured = Boolean(this.#config.googleClientId);
    const tokens = await readTokenFile(this.#config.googleTokenFile).catch(() => undefined);
    if (tokens) this.#remember(tokens);
    const connected = Boolean(tokens?.refresh_token);
    return { oauthConfigured, connected, ...(connected ? { method: 'oauth' } : {}) };
  }

  /** The consent URL of a new authorisation request that returns to `redirectUri`. */
  async start(redirectUri: string): Promise<{ authUrl: string }> {
    const client = this.#client(redirectUri);
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const state = randomBytes(24).toString('base64url');
    const now = Date.now();
    for (const [key, pending] of this.#pending) {
      if (pending.expiresAt < now) this.#pending.delete(key);
    }
    this.#pending.set(state, { codeVerifier, redirectUri, expiresAt: now + PENDING_TTL_MS });
    const authUrl = client.generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      scope: [...REQUIRED_SCOPES],
      state,
      code_challenge_method: CodeChallengeMethod.S256,
      code_challenge: codeChallenge ?? '',
    });
    return { authUrl };
  }

  /** Finishes a request from the callback's query: exchanges the code and saves the grant. */
  async callback(query: URLSearchParams): Promise<void> {
    const state = query.get('state') ?? '';
    const pending = this.#pending.get(state);
    this.#pending.delete(state);
    if (!pending || pending.expiresAt < Date.now()) {
      throw new Q2gError(
        'GPHOTOS_AUTH_REQUIRED',
        'The authorisation response did not match a request of this dashboard (or it expired).',
        { hint: 'Start again from the Accounts page.' },
      );
    }
    const denied = query.get('error');
    if (denied) {
      throw new Q2gError(
        'GPHOTOS_AUTH_REQUIRED',
        `Google authorisation was not granted (${denied}).`,
        {
          hint: 'Start again from the Accounts page and approve access.',
        },
      );
    }
    let tokens: StoredTokens;
    try {
      const client = this.#client(pending.redirectUri);
      const response = await client.getToken({
        code: query.get('code') ?? '',
        codeVerifier: pending.codeVerifier,
      });
      tokens = mergeTokens(undefined, response.tokens as StoredTokens);
    } catch (error) {
      if (isQ2gError(error)) throw error;
      throw new Q2gError('GPHOTOS_AUTH_REQUIRED', 'Google refused the authorisation code.', {
        hint: 'Start again from the Accounts page.',
        cause: error,
      });
    }
    this.#remember(tokens);
    verifyGrantedScopes((tokens.scope ?? '').split(/\s+/).filter(Boolean), REQUIRED_SCOPES);
    if (!tokens.refresh_token) {
      throw new Q2gError('GPHOTOS_AUTH_REQUIRED', 'Google did not return a refresh token.', {
        hint: 'Remove q2google from https://myaccount.google.com/permissions and connect again.',
      });
    }
    await writeTokenFile(this.#config.googleTokenFile, tokens);
  }

  /** Saves a grant obtained elsewhere (the demo's sandbox grant). */
  async save(tokens: StoredTokens): Promise<void> {
    this.#remember(tokens);
    await writeTokenFile(this.#config.googleTokenFile, tokens);
  }

  /** The sink over the saved grant; refuses when there is none. */
  async sink(): Promise<GooglePhotosSink> {
    this.#requireClient();
    if (!(await this.status()).connected) {
      throw new Q2gError('GPHOTOS_AUTH_REQUIRED', 'Google Photos is not connected.', {
        hint: 'Connect it on the Accounts page.',
      });
    }
    return createGooglePhotosSinkFromSettings(this.#config, {
      clientHint: CLIENT_HINT,
      onTokens: (tokens) => this.#remember(tokens),
    });
  }

  /** Checks the saved grant against the API. */
  async verify(): Promise<{ ok: true }> {
    const sink = await this.sink();
    try {
      await sink.verify?.();
    } catch (error) {
      throw wrapError(error, 'GPHOTOS_AUTH_REQUIRED', 'The Google Photos check failed');
    }
    return { ok: true };
  }

  /** Forgets the saved grant. */
  async signOut(): Promise<void> {
    await rm(this.#config.googleTokenFile, { force: true });
  }

  /** The client secret and every token this process has handled. */
  secrets(): string[] {
    return [this.#config.googleClientSecret, ...this.#seen].filter((s): s is string => !!s);
  }

  #remember(tokens: StoredTokens): void {
    for (const value of [tokens.refresh_token, tokens.access_token]) {
      if (value) this.#seen.add(value);
    }
  }

  #requireClient() {
    const client = googleClientOf(this.#config);
    if (!client) {
      throw new Q2gError('GPHOTOS_AUTH_REQUIRED', 'No Google OAuth client is configured.', {
        hint: CLIENT_HINT,
      });
    }
    return client;
  }

  #client(redirectUri: string): OAuth2Client {
    return new OAuth2Client({
      ...this.#requireClient(),
      redirectUri,
      transporterOptions: OAUTH_TRANSPORTER_OPTIONS,
    });
  }
}
