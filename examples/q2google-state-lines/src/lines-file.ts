/**
 * The file format: one JSON value per line. A full save writes a snapshot (a `meta` line, then
 * one line per unit and batch); an incremental save appends the changed records and a new
 * `meta` line. On load later lines win. A torn last line (a crash mid-append) is ignored.
 */
import { Q2gError } from '@q2google/core';
import { z } from 'zod';

/** One line of a session file. */
export const LineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('meta'), meta: z.unknown() }),
  z.object({ type: z.literal('item'), item: z.looseObject({ key: z.string() }) }),
  z.object({ type: z.literal('batch'), batch: z.looseObject({ id: z.string() }) }),
]);
export type Line = z.infer<typeof LineSchema>;

/** Lines → the whole-session document the lines describe (not yet validated). */
export function replay(text: string, path: string): unknown {
  const rows = text.split('\n');
  if (!text.endsWith('\n')) rows.pop();
  const items: Record<string, unknown> = {};
  const batches: Record<string, unknown> = {};
  let meta: unknown;
  rows.forEach((row, index) => {
    if (row.trim() === '') return;
    let line: Line;
    try {
      line = LineSchema.parse(JSON.parse(row));
    } catch (error) {
      if (index === 0) {
        throw new Q2gError('STATE_FOREIGN', `${path} is not a q2google-state-lines file.`, {
          cause: error,
        });
      }
      throw new Q2gError('STATE_CORRUPT', `${path} line ${index + 1} is damaged.`, {
        cause: error,
        hint: 'Restore the file from a backup or start a new session.',
      });
    }
    if (index === 0 && line.type !== 'meta') {
      throw new Q2gError('STATE_FOREIGN', `${path} does not start with a session line.`);
    }
    if (line.type === 'meta') meta = line.meta;
    else if (line.type === 'item') items[line.item.key] = line.item;
    else batches[line.batch.id] = line.batch;
  });
  if (meta === undefined) {
    throw new Q2gError('STATE_CORRUPT', `${path} has no complete session line.`);
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return meta;
  return { ...meta, items, batches };
}

/** Records → text, one line each. */
export function toLines(lines: Line[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}
