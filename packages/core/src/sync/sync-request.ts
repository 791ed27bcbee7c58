import { z } from 'zod';
import { Q2gError } from '../errors/q2g-error.js';
import { describeIssue } from '../model/session-document.js';
import { DateRangeSchema, SessionIdSchema, type SessionState } from '../model/session-state.js';

/** What one run is asked to do. A new session needs a range; a resumed one reuses its own. */
export const SyncRequestSchema = z.object({
  sessionId: SessionIdSchema,
  range: DateRangeSchema.optional(),
  album: z.string().min(1).max(500).nullable().optional(),
  mediaTypes: z.array(z.string().min(1)).optional(),
  sourceOptions: z.record(z.string(), z.json()).optional(),
  /** Retry failed units whatever their last error and attempt count (the `retry` command). */
  retryFailed: z.boolean().default(false),
  /** Run discovery only and report what would be transferred. */
  dryRun: z.boolean().default(false),
});
/** What {@link SyncRequestSchema} accepts, before its defaults apply (documented there). */
export type SyncRequest = z.input<typeof SyncRequestSchema>;
/** A value {@link SyncRequestSchema} has validated (documented there). */
export type ParsedSyncRequest = z.output<typeof SyncRequestSchema>;

/** Validates a request, naming the bad field. */
export function parseSyncRequest(request: SyncRequest): ParsedSyncRequest {
  const parsed = SyncRequestSchema.safeParse(request);
  if (!parsed.success) {
    throw new Q2gError('CONFIG_INVALID', `Invalid sync request: ${describeIssue(parsed.error)}.`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/**
 * Throws `SYNC_SESSION_MISMATCH` when a request names an existing session but asks for a
 * different range or different result-changing options.
 */
export function assertSameSession(state: SessionState, request: ParsedSyncRequest): void {
  const differences: string[] = [];
  const { range } = request;
  if (
    range &&
    (Date.parse(range.from) !== Date.parse(state.range.from) ||
      Date.parse(range.to) !== Date.parse(state.range.to))
  ) {
    differences.push(`range ${state.range.from} – ${state.range.to}`);
  }
  if (request.album !== undefined && request.album !== state.options.album) {
    differences.push(`album ${JSON.stringify(state.options.album)}`);
  }
  if (request.mediaTypes && sorted(request.mediaTypes) !== sorted(state.options.mediaTypes)) {
    differences.push(`media types ${state.options.mediaTypes.join(',') || '(all)'}`);
  }
  if (
    request.sourceOptions &&
    canonical(request.sourceOptions) !== canonical(state.options.source)
  ) {
    differences.push(`source options ${canonical(state.options.source)}`);
  }
  if (differences.length > 0) {
    throw new Q2gError(
      'SYNC_SESSION_MISMATCH',
      `Session "${state.id}" already exists with ${differences.join(', ')}.`,
      {
        hint: `Resume it without changing those settings, or start a new session with another --session id.`,
      },
    );
  }
}

const sorted = (values: string[]) => [...values].sort().join(',');

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
