import { z } from 'zod';
import { ERROR_CODES } from '../errors/error-codes.js';
import { IsoInstantSchema, MediaUnitSchema } from './media-unit.js';

/** Where a unit is in the pipeline. See `transitions.ts` for the allowed moves. */
export const ItemStatusSchema = z.enum([
  'discovered',
  'uploading',
  'uploaded',
  'creating',
  'created',
  'skipped',
  'failed',
]);
/** A value {@link ItemStatusSchema} has validated (documented there). */
export type ItemStatus = z.infer<typeof ItemStatusSchema>;

/** A resumable upload in progress: the session URL and the offset Google confirmed. */
export const UploadProgressSchema = z.object({
  url: z.string().min(1),
  offset: z.number().int().nonnegative(),
  granularity: z.number().int().positive().optional(),
  startedAt: IsoInstantSchema,
});
/** A value {@link UploadProgressSchema} has validated (documented there). */
export type UploadProgress = z.infer<typeof UploadProgressSchema>;

/** The last error of a unit, kept until it succeeds. */
export const ItemErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  retryable: z.boolean(),
  at: IsoInstantSchema,
});
/** A value {@link ItemErrorSchema} has validated (documented there). */
export type ItemError = z.infer<typeof ItemErrorSchema>;

const ItemStateShape = MediaUnitSchema.extend({
  status: ItemStatusSchema,
  /** How many times this unit has failed. */
  attempts: z.number().int().nonnegative(),
  updatedAt: IsoInstantSchema,
  /** Size the storage actually served, once known (trusted over the reported `size`). */
  servedSize: z.number().int().nonnegative().optional(),
  upload: UploadProgressSchema.optional(),
  uploadToken: z.string().min(1).optional(),
  uploadedAt: IsoInstantSchema.optional(),
  tokenExpiresAt: IsoInstantSchema.optional(),
  batchId: z.string().min(1).optional(),
  mediaItemId: z.string().min(1).optional(),
  productUrl: z.string().optional(),
  createdAt: IsoInstantSchema.optional(),
  error: ItemErrorSchema.optional(),
});

/** The persisted fields each status requires (checked on every load and transition). */
export const REQUIRED_FIELDS_BY_STATUS: Record<ItemStatus, readonly (keyof ItemStateFields)[]> = {
  discovered: [],
  uploading: ['upload'],
  uploaded: ['uploadToken', 'uploadedAt', 'tokenExpiresAt'],
  creating: ['uploadToken', 'tokenExpiresAt', 'batchId'],
  created: ['mediaItemId', 'createdAt'],
  skipped: ['skip'],
  failed: ['error'],
};

type ItemStateFields = z.infer<typeof ItemStateShape>;

/** One unit's state inside a session, keyed by its idempotency key. */
export const ItemStateSchema = ItemStateShape.superRefine((item, ctx) => {
  for (const field of REQUIRED_FIELDS_BY_STATUS[item.status]) {
    if (item[field] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `an item with status "${item.status}" must have "${field}"`,
      });
    }
  }
});
/** A value {@link ItemStateSchema} has validated (documented there). */
export type ItemState = z.infer<typeof ItemStateSchema>;
