/**
 * The shapes exchanged between the web server and the browser. Request bodies are zod schemas
 * (the server validates them); responses are plain types the client imports as types only, so
 * no validation code ships to the browser. Nothing here ever carries a token or a secret.
 */
import type { ItemStatus, QuotaPlan } from '@q2google/core';
import type { FailureGroup, SyncEvent } from '@q2google/core/engine';
import { z } from 'zod';
import type { RunProgress } from './run-progress.js';

const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });

/** `POST /api/syncs`: start a new session. Dates are whole days (UTC) or ISO instants. */
export const StartSyncBodySchema = z.object({
  sessionId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/)
    .optional(),
  from: z.union([day, instant]),
  to: z.union([day, instant]),
  album: z.string().trim().max(500).optional(),
  mediaTypes: z.array(z.string().min(1).max(40)).max(20).optional(),
  /** Only discover: record the session and answer with its preview and quota plan. */
  dryRun: z.boolean().optional(),
});
/** A value {@link StartSyncBodySchema} has validated (documented there). */
export type StartSyncBody = z.infer<typeof StartSyncBodySchema>;

/** `POST /api/accounts/gopro/login`. */
export const GoProLoginBodySchema = z.object({
  email: z.email(),
  password: z.string().min(1).max(1000),
  twoFactorCode: z.string().max(20).optional(),
});
/** A value {@link GoProLoginBodySchema} has validated (documented there). */
export type GoProLoginBody = z.infer<typeof GoProLoginBodySchema>;

/** `POST /api/accounts/gopro/token`: a pasted `gp_access_token` (and `gp_user_id`). */
export const GoProTokenBodySchema = z.object({
  accessToken: z.string().trim().min(8).max(10_000),
  userId: z.string().trim().max(200).optional(),
});
/** A value {@link GoProTokenBodySchema} has validated (documented there). */
export type GoProTokenBody = z.infer<typeof GoProTokenBodySchema>;

/** `GET /api/sessions/:id/units` query. */
export const UnitQuerySchema = z.object({
  status: z
    .enum(['discovered', 'uploading', 'uploaded', 'creating', 'created', 'skipped', 'failed'])
    .optional(),
  q: z.string().max(200).optional(),
  offset: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(500).default(100),
});

/** How a run of this server ended or stands. */
export type RunState = 'running' | 'finished' | 'stopped' | 'cancelled' | 'failed';

/** One row of the sessions list. */
export interface SessionRow {
  id: string;
  range: { from: string; to: string };
  album: string | null;
  mediaTypes: string[];
  counts: Partial<Record<ItemStatus, number>>;
  total: number;
  /** Bytes of every unit and of the created ones (null when not loaded). */
  bytesTotal: number | null;
  bytesDone: number | null;
  createdAt: string;
  /** When the session last changed: the last time it ran. */
  updatedAt: string;
  /** The run of this server on the session, if any. */
  run: RunState | null;
}

/** One unit, as the browser sees it (no upload URLs or tokens). */
export interface UnitRow {
  key: string;
  fileName: string;
  status: ItemStatus;
  kind: 'photo' | 'video';
  size: number | null;
  capturedAt: string;
  attempts: number;
  updatedAt: string;
  mediaItemId?: string;
  productUrl?: string;
  skip?: { reason: string; detail: string };
  error?: { code: string; message: string; retryable: boolean };
}

/** `GET /api/sessions/:id`. */
export interface SessionDetail extends SessionRow {
  discovery: { status: string; unitsFound: number };
  failures: FailureGroup[];
  skippedByReason: Record<string, number>;
  bytesRemaining: number;
  complete: boolean;
  progress: RunProgress | null;
  /** Every album the session used (`Title`, `Title (2)`, …) with its created units. */
  albums: { id: string; title: string; units: number }[];
}

/** `GET /api/sessions/:id/units`. */
export interface UnitPage {
  units: UnitRow[];
  total: number;
}

/** One entry of a session's event log. */
export type LoggedEvent =
  | SyncEvent
  | { type: 'run'; at: string; state: RunState; message?: string }
  | ProgressSample;

/** A run's counters at one moment, logged every few seconds while it runs (for the charts). */
export interface ProgressSample {
  type: 'sample';
  at: string;
  bytesSent: number;
  bytesToSend: number | null;
  unitsFound: number;
  uploaded: number;
  created: number;
  failed: number;
}

/** `GET /api/quota?session=`: Google requests today against the daily budget. */
export interface QuotaView {
  /**
   * `engine`: what every q2google run recorded in the state backend; `dashboard`: requests of
   * runs this server started; `sandbox`: the emulator's counter.
   */
  source: 'engine' | 'dashboard' | 'sandbox';
  requests: number;
  dailyLimit: number;
  /** The Pacific date counted, `YYYY-MM-DD`. */
  day: string;
  /** Next midnight in America/Los_Angeles, when the count starts again. */
  resetAt: string;
  /** Requests per created unit: measured today, or an estimate. */
  requestsPerUnit: number;
  measured: boolean;
  /** With a session: its units still to transfer and the days they need beyond today. */
  remainingUnits?: number;
  daysLeft?: number;
}

/** `GET /api/accounts`. */
export interface AccountsStatus {
  google: AccountStatus & { oauthConfigured: boolean };
  gopro: AccountStatus;
}

/** One account's connection. */
export interface AccountStatus {
  connected: boolean;
  /** How it was connected (`oauth`, `password`, `token`, `demo`). */
  method?: string;
  /** A non-secret label: an account id or e-mail. */
  label?: string;
}

/** `GET /api/backend`. */
export interface BackendStatus {
  name: string;
  /** The state URI with passwords and secret parameters replaced by `***`. */
  uri: string;
  reachable: boolean;
  problem?: string;
  listsSessions: boolean;
}

/** `GET /api/me`. */
export interface MeResponse {
  csrfToken: string;
  /** In demo mode: the sandbox library's capture range, to prefill the form. */
  demo: null | { from: string; to: string };
}

/** A message on the `/api/stream` Server-Sent Events stream. */
export type StreamMessage =
  | { kind: 'snapshot'; runs: RunProgress[] }
  | { kind: 'progress'; run: RunProgress }
  | { kind: 'event'; sessionId: string; event: LoggedEvent }
  /** The client fell behind and messages were dropped: refetch, a snapshot follows. */
  | { kind: 'resync' };

/** The JSON body of every refused or failed API request. */
export interface ApiError {
  error: { code: string; message: string };
}

/** `POST /api/syncs` with `dryRun`: what the session would transfer and its quota plan. */
export interface SyncPreview {
  sessionId: string;
  /** Units the sync would transfer, and their bytes. */
  toTransfer: number;
  bytes: number;
  /** Units it would skip. */
  skipped: number;
  warnings: string[];
  /** The Google requests the session needs (null: the sink declares no request quota). */
  quotaPlan: QuotaPlan | null;
}
