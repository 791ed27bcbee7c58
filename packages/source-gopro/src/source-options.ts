import { Q2gError } from '@q2google/core';
import { z } from 'zod';

/**
 * The GoPro choices that change what a session transfers (stored with the session as JSON):
 * - `raw`: for RAW photos take the JPEG, the `.gpr`, or both (default `jpeg`);
 * - `max360`: `.360` files are skipped as unsupported (default) or replaced by a rendered MP4;
 * - `notReady`: items still processing are listed as skipped `not-ready` (default), left out,
 *   or transferred anyway (originals are often downloadable before `ready`);
 * - `edits`: include edits and highlights (their rendered MP4), default true;
 * - `perPage`: search page size (default 100).
 */
export const GoProSourceOptionsSchema = z.object({
  raw: z.enum(['jpeg', 'raw', 'both']).default('jpeg'),
  max360: z.enum(['skip', 'rendered']).default('skip'),
  notReady: z.enum(['skip', 'exclude', 'include']).default('skip'),
  edits: z.boolean().default(true),
  perPage: z.number().int().min(1).max(10_000).default(100),
});
/** A value {@link GoProSourceOptionsSchema} has validated (documented there). */
export type GoProSourceOptions = z.infer<typeof GoProSourceOptionsSchema>;
/** What {@link GoProSourceOptionsSchema} accepts, before its defaults apply (documented there). */
export type GoProSourceOptionsInput = z.input<typeof GoProSourceOptionsSchema>;

/**
 * Session options over the source's defaults, validated (CONFIG_INVALID naming the field).
 * `rawPhotos` (what the apps send for the `Q2G_RAW_PHOTOS` setting) is read as `raw`.
 */
export function resolveSourceOptions(
  defaults: GoProSourceOptionsInput,
  session: Record<string, unknown>,
): GoProSourceOptions {
  const { rawPhotos, ...rest } = session;
  const raw = rawPhotos === undefined ? {} : { raw: rawPhotos };
  const result = GoProSourceOptionsSchema.safeParse({ ...defaults, ...raw, ...rest });
  if (!result.success) {
    const field = result.error.issues[0]?.path.join('.') ?? '?';
    throw new Q2gError('CONFIG_INVALID', `Invalid GoPro source option "${field}".`);
  }
  return result.data;
}
