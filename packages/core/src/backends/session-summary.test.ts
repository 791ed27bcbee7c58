import { describe, expect, test } from 'vitest';
import { createSessionState } from '../model/session-document.js';
import type { SessionSummary } from '../protocol/state-backend.js';
import {
  countStatuses,
  newestFirst,
  summarizeSession,
  summarizeStoredSession,
} from './session-summary.js';

const range = { from: '2024-01-01T00:00:00.000Z', to: '2024-02-01T00:00:00.000Z' };
const meta = (id: string, updatedAt: string, createdAt = '2024-03-01T00:00:00.000Z') => {
  const { items: _i, batches: _b, ...rest } = createSessionState({ id, range });
  return { ...rest, createdAt, updatedAt };
};

describe('session summaries', () => {
  test('count units per status, leaving out records without one', () => {
    expect(
      countStatuses([{ status: 'failed' }, { status: 'created' }, { status: 'failed' }, {}]),
    ).toEqual({ failed: 2, created: 1 });
  });

  test('a summary carries the meta fields and the counts, as copies', () => {
    const m = meta('s1', '2024-03-02T00:00:00.000Z');
    const row = summarizeSession(m, { created: 3 });
    expect(row).toEqual({
      id: 's1',
      range,
      options: m.options,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
      counts: { created: 3 },
    });
    row.range.from = 'changed';
    expect(m.range.from).toBe(range.from);
  });

  test('a stored meta that is damaged, foreign or unreadable is left out; other errors propagate', () => {
    const good = meta('s1', '2024-03-02T00:00:00.000Z');
    expect(summarizeStoredSession(() => good, {})?.id).toBe('s1');
    expect(summarizeStoredSession(() => ({ hello: 'world' }), {})).toBeUndefined();
    expect(summarizeStoredSession(() => 'not an object', {})).toBeUndefined();
    expect(summarizeStoredSession(() => ({ ...good, schemaVersion: 999 }), {})).toBeUndefined();
    expect(() =>
      summarizeStoredSession(() => {
        throw new TypeError('driver bug');
      }, {}),
    ).toThrow('driver bug');
  });

  test('newest first: by updatedAt, then createdAt, then id', () => {
    const row = (id: string, updatedAt: string, createdAt?: string): SessionSummary =>
      summarizeSession(meta(id, updatedAt, createdAt), {});
    const sorted = newestFirst([
      row('b', '2024-03-02T00:00:00.000Z'),
      row('a', '2024-03-02T00:00:00.000Z'),
      row('old', '2024-03-01T00:00:00.000Z'),
      row('new', '2024-03-05T00:00:00.000Z'),
      row('later-created', '2024-03-02T00:00:00.000Z', '2024-03-01T12:00:00.000Z'),
    ]);
    expect(sorted.map((r) => r.id)).toEqual(['new', 'later-created', 'a', 'b', 'old']);
  });
});
