import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Q2gError } from '@q2google/core';
import { authFailure } from './auth-errors.js';
import type { OAuthEndpoints } from './google-auth.js';
import { OAUTH_TRANSPORTER_OPTIONS } from './oauth-transport.js';
import { REQUIRED_SCOPES, splitScopes, verifyGrantedScopes } from './scopes.js';
import { mergeTokens, type StoredTokens, writeTokenFile } from './token-file.js';

/** Options of {@link runLoopbackAuthorization}. */
export interface LoopbackAuthorizationOptions {
  clientId: string;
  clientSecret?: string;
  /** Scopes to ask for; appendonly + readonly.appcreateddata by default. */
  scopes?: readonly string[];
  endpoints?: OAuthEndpoints;
  /** Opens the consent URL (e.g. in a browser). When absent the URL is only printed. */
  openBrowser?: (url: string) => void | Promise<void>;
  /** Where the URL is printed; stderr by default. */
  print?: (line: string) => void;
  /** Token file to write (mode 0600) once authorised. */
  tokenFile?: string;
  /** Give up after this long (default 5 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The outcome of a successful authorisation. */
export interface LoopbackAuthorizationResult {
  /** The consent URL that was opened or printed. */
  authUrl: string;
  /** Tokens to persist (the file is already written when `tokenFile` was given). */
  tokens: StoredTokens;
  grantedScopes: string[];
}

/**
 * The desktop OAuth flow with a loopback redirect and PKCE (S256), offline access: listens on
 * 127.0.0.1:0, prints/opens the consent URL, checks `state`, answers the browser with a short
 * page, exchanges the code, verifies the granted scopes and saves the refresh token.
 */
export async function runLoopbackAuthorization(
  options: LoopbackAuthorizationOptions,
): Promise<LoopbackAuthorizationResult> {
  const scopes = options.scopes ?? REQUIRED_SCOPES;
  const state = randomBytes(16).toString('base64url');
  const callback = await listenForCallback(state, options.timeoutMs ?? 300_000, options.signal);
  try {
    // loaded here, for `auth google` only: a sync never needs the OAuth library (~16 MiB)
    const { CodeChallengeMethod, OAuth2Client } = await import('google-auth-library');
    const client = new OAuth2Client({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      redirectUri: callback.redirectUri,
      endpoints: options.endpoints,
      transporterOptions: OAUTH_TRANSPORTER_OPTIONS,
    });
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const authUrl = client.generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      scope: [...scopes],
      state,
      code_challenge_method: CodeChallengeMethod.S256,
      code_challenge: codeChallenge,
    });
    const print = options.print ?? ((line: string) => process.stderr.write(`${line}\n`));
    print(`Open this URL in a browser to let q2google use Google Photos:\n${authUrl}`);
    await options.openBrowser?.(authUrl);
    const code = await callback.code;
    let tokens: StoredTokens;
    try {
      const response = await client.getToken({ code, codeVerifier });
      tokens = mergeTokens(undefined, response.tokens as StoredTokens);
    } catch (error) {
      throw authFailure(error, 'exchanging the authorisation code');
    }
    const grantedScopes = splitScopes(tokens.scope);
    verifyGrantedScopes(grantedScopes, scopes);
    if (!tokens.refresh_token) {
      throw new Q2gError('GPHOTOS_AUTH_REQUIRED', 'Google did not return a refresh token.', {
        hint: 'Remove q2google from https://myaccount.google.com/permissions and authorise again.',
      });
    }
    if (options.tokenFile) await writeTokenFile(options.tokenFile, tokens);
    return { authUrl, tokens, grantedScopes };
  } finally {
    await callback.close();
  }
}

interface Callback {
  redirectUri: string;
  code: Promise<string>;
  close(): Promise<void>;
}

async function listenForCallback(
  state: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Callback> {
  let resolveCode!: (code: string) => void;
  let rejectCode!: (error: unknown) => void;
  const code = new Promise<string>((resolve, reject) => {
    resolveCode = resolve;
    rejectCode = reject;
  });
  code.catch(() => undefined);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    const error = url.searchParams.get('error');
    const ok = !error && url.searchParams.get('state') === state && url.searchParams.get('code');
    res.writeHead(ok ? 200 : 400, {
      'content-type': 'text/html; charset=utf-8',
      connection: 'close',
    });
    res.end(
      page(
        ok
          ? 'q2google is authorised. You can close this tab.'
          : 'Authorisation failed. Return to the terminal.',
      ),
    );
    if (ok) resolveCode(url.searchParams.get('code') ?? '');
    else if (error)
      rejectCode(
        new Q2gError('GPHOTOS_AUTH_REQUIRED', `Google authorisation was not granted (${error}).`, {
          hint: 'Run `q2google auth google` and approve access.',
        }),
      );
    else if (url.searchParams.get('state') !== state) {
      rejectCode(
        new Q2gError(
          'GPHOTOS_AUTH_REQUIRED',
          'The authorisation response did not match this request (state mismatch).',
          { hint: 'Run `q2google auth google` again.' },
        ),
      );
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const timer = setTimeout(
    () =>
      rejectCode(
        new Q2gError('GPHOTOS_AUTH_REQUIRED', 'Timed out waiting for Google authorisation.', {
          hint: 'Run `q2google auth google` again.',
        }),
      ),
    timeoutMs,
  );
  const onAbort = () => rejectCode(new Q2gError('SYNC_ABORTED', 'Authorisation was cancelled.'));
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    code,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function page(message: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>q2google</title></head><body style="font-family:sans-serif"><p>${message}</p></body></html>`;
}
