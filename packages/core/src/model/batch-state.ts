import { z } from 'zod';
import { IsoInstantSchema } from './media-unit.js';

/** `pending` (planned) → `sent` (recorded before the call) → `done` (results recorded). */
export const BatchStatusSchema = z.enum(['pending', 'sent', 'done']);
/** A value {@link BatchStatusSchema} has validated (documented there). */
export type BatchStatus = z.infer<typeof BatchStatusSchema>;

/** What one `batchCreate` call did for one unit. */
export const BatchItemResultSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('created'),
    mediaItemId: z.string().min(1),
    productUrl: z.string().optional(),
  }),
  z.object({
    outcome: z.literal('failed'),
    code: z.string(),
    message: z.string(),
    retryable: z.boolean(),
  }),
]);
/** A value {@link BatchItemResultSchema} has validated (documented there). */
export type BatchItemResult = z.infer<typeof BatchItemResultSchema>;

/** The units sent in one `batchCreate` call and what became of each. */
export const BatchStateSchema = z.object({
  id: z.string().min(1).max(128),
  itemKeys: z.array(z.string().min(1)).min(1).max(50),
  status: BatchStatusSchema,
  albumId: z.string().optional(),
  createdAt: IsoInstantSchema,
  sentAt: IsoInstantSchema.optional(),
  doneAt: IsoInstantSchema.optional(),
  /** Per-unit outcome keyed by unit key; present once `done`. */
  results: z.record(z.string(), BatchItemResultSchema).optional(),
  /** True when the results came from reconciliation rather than the call's response. */
  reconciled: z.boolean().optional(),
});
/** A value {@link BatchStateSchema} has validated (documented there). */
export type BatchState = z.infer<typeof BatchStateSchema>;
