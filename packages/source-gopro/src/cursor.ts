import { Q2gError } from '@q2google/core';
import { z } from 'zod';

/** Ids of the previous page's tail kept in the cursor, to drop boundary duplicates on resume. */
export const CURSOR_BOUNDARY_IDS = 50;

/**
 * Where a discovery continues: the listing pass, its next page and the ids seen just before
 * it, the `_pages.total_items` the pass's page numbers belong to (null before its first page),
 * whether that total changed during the pass, and how many distinct ids the pass has found.
 */
export const ListCursorSchema = z.object({
  v: z.literal(2),
  pass: z.number().int().positive(),
  page: z.number().int().positive(),
  boundary: z.array(z.string()),
  total: z.number().int().nonnegative().nullable(),
  changed: z.boolean(),
  found: z.number().int().nonnegative(),
});
/** A value {@link ListCursorSchema} has validated (documented there). */
export type ListCursor = z.infer<typeof ListCursorSchema>;

/** The cursor of version 1 (before listing passes): page and boundary only. */
const ListCursorV1Schema = z.object({
  v: z.literal(1),
  page: z.number().int().positive(),
  boundary: z.array(z.string()),
});

/** The first page of listing pass `pass`. */
export function passStart(pass: number): ListCursor {
  return { v: 2, pass, page: 1, boundary: [], total: null, changed: false, found: 0 };
}

/** The cursor string saved after a page. */
export function encodeCursor(cursor: ListCursor): string {
  return JSON.stringify(cursor);
}

/** The cursor from its string (a version 1 cursor continues as pass 1), or the start when null. */
export function decodeCursor(text: string | null): ListCursor {
  if (text === null) return passStart(1);
  try {
    const parsed = z.union([ListCursorSchema, ListCursorV1Schema]).parse(JSON.parse(text));
    if (parsed.v === 2) return parsed;
    // its found count is unknown, so the pass ends with another one to check
    return { ...passStart(1), page: parsed.page, boundary: parsed.boundary };
  } catch (cause) {
    throw new Q2gError('STATE_CORRUPT', 'The saved GoPro listing cursor is not readable.', {
      cause,
    });
  }
}
