import { Q2gError } from '@q2google/core';
import { z } from 'zod';

/** Ids of the previous page's tail kept in the cursor, to drop boundary duplicates on resume. */
export const CURSOR_BOUNDARY_IDS = 50;

/** Where a discovery continues: the next page number and the ids seen just before it. */
export const ListCursorSchema = z.object({
  v: z.literal(1),
  page: z.number().int().positive(),
  boundary: z.array(z.string()),
});
/** A value {@link ListCursorSchema} has validated (documented there). */
export type ListCursor = z.infer<typeof ListCursorSchema>;

/** The cursor string saved after a page. */
export function encodeCursor(cursor: ListCursor): string {
  return JSON.stringify(cursor);
}

/** The cursor from its string, or the start when null. */
export function decodeCursor(text: string | null): ListCursor {
  if (text === null) return { v: 1, page: 1, boundary: [] };
  try {
    return ListCursorSchema.parse(JSON.parse(text));
  } catch (cause) {
    throw new Q2gError('STATE_CORRUPT', 'The saved GoPro listing cursor is not readable.', {
      cause,
    });
  }
}
