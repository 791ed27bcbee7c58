/**
 * The stored document shapes. Session meta, units and batches are kept as JSON text (`json`)
 * beside the indexed fields: q2google keys may contain `.` or start with `$`, which MongoDB
 * field names (and FerretDB in particular) do not allow, and text round-trips exactly.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** `sessions`: one document per session. */
export const SessionDocSchema = z.object({
  _id: z.string(),
  json: z.string(),
  updatedAt: z.string(),
  schemaVersion: z.number(),
});
/** A value {@link SessionDocSchema} has validated (documented there). */
export type SessionDoc = z.infer<typeof SessionDocSchema>;

/** `items` / `batches`: one document per unit or batch of a session. */
export const PartDocSchema = z.object({
  _id: z.string(),
  sessionId: z.string(),
  /** The unit key or batch id. */
  key: z.string(),
  status: z.string(),
  json: z.string(),
  /** Hash of `json`: lets a whole save skip documents that did not change. */
  h: z.string(),
  /** Incremented on every rewrite (a write marker for tests and audits). */
  writes: z.number(),
});
/** A value {@link PartDocSchema} has validated (documented there). */
export type PartDoc = z.infer<typeof PartDocSchema>;

/** `ledger`: one document per created unit, keyed by unit key. */
export const LedgerDocSchema = z.object({
  _id: z.string(),
  sessionId: z.string(),
  mediaItemId: z.string(),
  createdAt: z.string(),
});
/** A value {@link LedgerDocSchema} has validated (documented there). */
export type LedgerDoc = z.infer<typeof LedgerDocSchema>;

/** `request_counts`: one writer's request total for one counter and day. */
export const RequestCountDocSchema = z.object({
  /** `counter`, `day` and `writer` as one JSON array text. */
  _id: z.string(),
  counter: z.string(),
  day: z.string(),
  writer: z.string(),
  requests: z.number(),
});
/** A value {@link RequestCountDocSchema} has validated (documented there). */
export type RequestCountDoc = z.infer<typeof RequestCountDocSchema>;

/** The `_id` of a unit or batch document: session ids cannot contain `/`. */
export function partId(sessionId: string, key: string): string {
  return `${sessionId}/${key}`;
}

/** A short content hash of a JSON text. */
export function hashJson(json: string): string {
  return createHash('sha1').update(json).digest('base64');
}
