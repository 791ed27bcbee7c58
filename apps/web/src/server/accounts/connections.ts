/**
 * The accounts the dashboard connects and the cloud clients built from them. The routes and the
 * run manager only see this interface; `createConnections` wires the real GoPro source and
 * Google Photos sink, and tests pass simple fakes.
 */
import type { MediaSink, MediaSource } from '@q2google/core';
import type { AccountsStatus, GoProLoginBody, GoProTokenBody } from '../../shared/api-types.js';

/** A source and a sink for one run; `close` releases what they hold. */
export interface SyncClients {
  source: MediaSource;
  sink: MediaSink;
  /** Releases what the source and sink hold. */
  close?(): Promise<void>;
}

/** Connected accounts, their flows, and the clients built from them. */
export interface Connections {
  /** Which accounts are connected (no secret in it). */
  status(): Promise<AccountsStatus>;
  /** Starts Google's OAuth flow: the consent URL, redirecting back to `redirectUri`. */
  googleStart(redirectUri: string): Promise<{ authUrl: string }>;
  /** Finishes Google's OAuth flow from the callback's query; throws a Q2gError when refused. */
  googleCallback(query: URLSearchParams): Promise<void>;
  /** Logs in to GoPro with e-mail and password, checks the login works and saves it. */
  goproLogin(body: GoProLoginBody): Promise<void>;
  /** Checks a pasted GoPro token works and saves it. */
  goproToken(body: GoProTokenBody): Promise<void>;
  /** Checks that saved credentials still work: the account id or granted scopes. */
  verify(account: 'google' | 'gopro'): Promise<{ ok: true; label?: string }>;
  /** Forgets an account's saved credentials. */
  signOut(account: 'google' | 'gopro'): Promise<void>;
  /** A source and a sink from the connected accounts; throws a Q2gError naming what is missing. */
  clients(): Promise<SyncClients>;
  /** Every secret these connections hold, for scrubbing messages. */
  secrets(): string[];
}
