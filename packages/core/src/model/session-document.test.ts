import { describe, expect, it } from 'vitest';
import { isQ2gError } from '../errors/q2g-error.js';
import {
  createItemState,
  createSessionState,
  parseSessionDocument,
  sessionToJSON,
} from './session-document.js';
import { CURRENT_SCHEMA_VERSION } from './session-state.js';

const session = () => {
  const state = createSessionState({
    id: 'trip-2025',
    range: { from: '2025-01-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' },
    options: { album: 'Trips 🏔️', source: { raw: 'both' } },
    now: new Date('2026-01-01T00:00:00.000Z'),
  });
  const item = createItemState({
    key: 'abc#frame-3',
    mediaId: 'abc',
    part: 'frame-3',
    fileName: 'Ünïcødé 写真 3.JPG',
    mimeType: 'image/jpeg',
    kind: 'photo',
    size: 5_000_000_000,
    capturedAt: '2025-07-14T09:12:33.000Z',
  });
  state.items[item.key] = item;
  return state;
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isQ2gError(error) ? error.code : 'not-typed';
  }
  return undefined;
}

describe('session documents', () => {
  it('round-trip exactly through JSON', () => {
    const state = session();
    const text = JSON.stringify(sessionToJSON(state));
    expect(parseSessionDocument(JSON.parse(text))).toEqual(state);
  });

  it('reject what is not a q2google session as foreign', () => {
    expect(codeOf(() => parseSessionDocument([1, 2]))).toBe('STATE_FOREIGN');
    expect(codeOf(() => parseSessionDocument({ hello: 'world' }))).toBe('STATE_FOREIGN');
  });

  it('refuse a document from a newer schema with advice to upgrade', () => {
    const doc = { ...session(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 };
    expect(codeOf(() => parseSessionDocument(doc))).toBe('STATE_SCHEMA_TOO_NEW');
  });

  it('name the damaged field of a corrupt document', () => {
    const doc = session() as unknown as { items: Record<string, { size: unknown }> };
    doc.items['abc#frame-3']!.size = 'big';
    try {
      parseSessionDocument(doc, { source: 'meta.json' });
      throw new Error('expected STATE_CORRUPT');
    } catch (error) {
      expect(isQ2gError(error, 'STATE_CORRUPT')).toBe(true);
      expect((error as Error).message).toContain('items.abc#frame-3.size');
      expect((error as Error).message).toContain('meta.json');
    }
  });

  it('migrate older versions through the migration hook', () => {
    const current = session();
    const old = { ...current, schemaVersion: 0, album: current.options.album } as Record<
      string,
      unknown
    >;
    delete old.options;
    const migrated = parseSessionDocument(old, {
      migrations: {
        0: ({ album, ...rest }) => ({
          ...rest,
          options: { album, mediaTypes: [], source: { raw: 'both' } },
        }),
      },
    });
    expect(migrated).toEqual(current);
  });

  it('reject an invalid session id', () => {
    expect(() =>
      createSessionState({
        id: '../etc',
        range: { from: '2025-01-01T00:00:00Z', to: '2025-01-02T00:00:00Z' },
      }),
    ).toThrow(/session id/);
  });
});
