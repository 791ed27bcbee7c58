import { z } from 'zod';
import { ERROR_CODES } from '../errors/error-codes.js';
import { ItemStatusSchema } from '../model/item-state.js';
import { SyncSummarySchema } from './sync-summary.js';

/** The three stages of a sync. */
export const StageSchema = z.enum(['discovery', 'transfer', 'create']);
/** A value {@link StageSchema} has validated (documented there). */
export type Stage = z.infer<typeof StageSchema>;

const at = z.string();

/**
 * Everything a sync reports while it runs. The CLI renders these as progress bars or NDJSON;
 * the web app streams them to the browser.
 */
export const SyncEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session'), at, sessionId: z.string(), resumed: z.boolean() }),
  z.object({ type: z.literal('stage-started'), at, stage: StageSchema }),
  z.object({ type: z.literal('discovery-page'), at, unitsFound: z.number(), newUnits: z.number() }),
  z.object({
    type: z.literal('unit-started'),
    at,
    key: z.string(),
    fileName: z.string(),
    size: z.number(),
    offset: z.number(),
  }),
  z.object({ type: z.literal('bytes'), at, key: z.string(), sent: z.number(), size: z.number() }),
  z.object({
    type: z.literal('unit-done'),
    at,
    key: z.string(),
    fileName: z.string(),
    status: ItemStatusSchema,
    detail: z.string().optional(),
  }),
  z.object({
    type: z.literal('stage-done'),
    at,
    stage: StageSchema,
    counts: z.record(z.string(), z.number()),
  }),
  z.object({
    type: z.literal('warning'),
    at,
    message: z.string(),
    code: z.enum(ERROR_CODES).optional(),
    key: z.string().optional(),
  }),
  z.object({
    type: z.literal('error'),
    at,
    message: z.string(),
    code: z.enum(ERROR_CODES),
    key: z.string().optional(),
  }),
  z.object({ type: z.literal('summary'), at, summary: SyncSummarySchema }),
]);
/** A value {@link SyncEventSchema} has validated (documented there). */
export type SyncEvent = z.infer<typeof SyncEventSchema>;

/** A sync event before the engine stamps its time. */
export type SyncEventInput = SyncEvent extends infer E
  ? E extends SyncEvent
    ? Omit<E, 'at'>
    : never
  : never;

/** Receives sync events; must not throw (a throwing listener is ignored). */
export type SyncEventListener = (event: SyncEvent) => void;
