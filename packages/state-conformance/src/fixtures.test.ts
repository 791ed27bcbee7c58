import { ItemStateSchema, parseSessionDocument, SessionStateSchema } from '@q2google/core';
import { describe, expect, test } from 'vitest';
import {
  ALL_STATUSES,
  buildItem,
  buildSession,
  randomNamespace,
  randomSessionId,
} from './index.js';

describe('fixtures', () => {
  test.each(ALL_STATUSES)('a built "%s" unit is valid for core', (status) => {
    for (const index of [0, 1, 6]) {
      expect(ItemStateSchema.parse(buildItem(status, index))).toStrictEqual(
        buildItem(status, index),
      );
    }
  });

  test('a built session is a valid session document that parses to itself', () => {
    const state = buildSession({ items: 50, batches: 3, album: 'A' });
    expect(parseSessionDocument(state)).toStrictEqual(state);
    expect(SessionStateSchema.safeParse(buildSession({ items: 0, batches: 0 })).success).toBe(true);
  });

  test('a built session holds every status, sizes above 2^32 and null sizes', () => {
    const items = Object.values(buildSession({ items: 14 }).items);
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(ALL_STATUSES));
    expect(items.some((i) => (i.size ?? 0) > 2 ** 32)).toBe(true);
    expect(items.some((i) => i.size === null)).toBe(true);
    expect(items.some((i) => /\p{Extended_Pictographic}/u.test(i.fileName))).toBe(true);
  });

  test('namespaces and session ids are random and safe', () => {
    expect(randomNamespace()).toMatch(/^q2g_[0-9a-f]{12}$/);
    expect(randomNamespace()).not.toBe(randomNamespace());
    expect(randomSessionId()).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/);
  });
});
