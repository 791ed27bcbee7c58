import { z } from 'zod';
import { ERROR_CODES } from '../errors/error-codes.js';
import type { Q2gError } from '../errors/q2g-error.js';
import type { SessionState } from '../model/session-state.js';

/** Failures of one kind in a summary. */
export const FailureGroupSchema = z.object({
  code: z.enum(ERROR_CODES),
  count: z.number(),
  retryable: z.boolean(),
  /** One message of this kind, as an example. */
  message: z.string(),
  keys: z.array(z.string()),
});
/** A value {@link FailureGroupSchema} has validated (documented there). */
export type FailureGroup = z.infer<typeof FailureGroupSchema>;

/** What a run did and where the session stands. */
export const SyncSummarySchema = z.object({
  sessionId: z.string(),
  /** Units per status in the whole session after the run. */
  counts: z.record(z.string(), z.number()),
  /** Units created in Google Photos by this run. */
  createdThisRun: z.number(),
  skippedByReason: z.record(z.string(), z.number()),
  failures: z.array(FailureGroupSchema),
  /** Bytes confirmed by the sink during this run. */
  bytesTransferred: z.number(),
  /** Bytes of the units not yet created. */
  bytesRemaining: z.number(),
  durationMs: z.number(),
  /** Why the run stopped early, if it did. */
  stopped: z
    .object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      resumeAt: z.string().optional(),
    })
    .optional(),
  /** True when every unit is created or skipped. */
  complete: z.boolean(),
  /** What the source warned about while listing (e.g. items it may have missed). */
  warnings: z.array(z.string()),
});
/** A value {@link SyncSummarySchema} has validated (documented there). */
export type SyncSummary = z.infer<typeof SyncSummarySchema>;

/** Counts, skip reasons, failure groups and remaining bytes of a session. */
export function describeSession(state: SessionState) {
  const counts: Record<string, number> = {};
  const skippedByReason: Record<string, number> = {};
  const failures = new Map<string, FailureGroup>();
  let bytesRemaining = 0;
  for (const item of Object.values(state.items)) {
    counts[item.status] = (counts[item.status] ?? 0) + 1;
    if (item.status === 'skipped' && item.skip) {
      skippedByReason[item.skip.reason] = (skippedByReason[item.skip.reason] ?? 0) + 1;
    }
    if (item.status !== 'created' && item.status !== 'skipped') {
      bytesRemaining += item.servedSize ?? item.size ?? 0;
    }
    if (item.status === 'failed' && item.error) {
      const group = failures.get(item.error.code) ?? {
        code: item.error.code,
        count: 0,
        retryable: item.error.retryable,
        message: item.error.message,
        keys: [],
      };
      group.count += 1;
      group.retryable &&= item.error.retryable;
      if (group.keys.length < 20) group.keys.push(item.key);
      failures.set(item.error.code, group);
    }
  }
  const done = (counts.created ?? 0) + (counts.skipped ?? 0);
  return {
    counts,
    skippedByReason,
    failures: [...failures.values()].sort((a, b) => b.count - a.count),
    bytesRemaining,
    complete: state.discovery.status === 'complete' && done === Object.keys(state.items).length,
    warnings: state.discovery.warnings ?? [],
  };
}

/** What one run did, for {@link summarizeRun}. */
export interface RunTally {
  sessionId: string;
  /** Bytes the sink confirmed and units created by this run. */
  bytes: number;
  created: number;
  /** `Date.now()` when the run started. */
  started: number;
  /** Why the run stopped early, if it did. */
  stopped: Q2gError | undefined;
}

/** The summary of a run: the session as it stands (null: unknown) and what the run did. */
export function summarizeRun(state: Readonly<SessionState> | null, run: RunTally): SyncSummary {
  const described = state
    ? describeSession(state)
    : {
        counts: {},
        skippedByReason: {},
        failures: [],
        bytesRemaining: 0,
        complete: false,
        warnings: [],
      };
  const resumeAt = run.stopped?.details?.resumeAt;
  return {
    sessionId: run.sessionId,
    ...described,
    createdThisRun: run.created,
    bytesTransferred: run.bytes,
    durationMs: Date.now() - run.started,
    ...(run.stopped
      ? {
          stopped: {
            code: run.stopped.code,
            message: run.stopped.userMessage,
            ...(typeof resumeAt === 'string' ? { resumeAt } : {}),
          },
        }
      : {}),
  };
}
