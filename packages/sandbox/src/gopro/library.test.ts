import { describe, expect, it } from 'vitest';
import { GoProLibrary } from './library.js';
import { descriptorEntries, originalObjects } from './media-objects.js';
import { listedFileSize } from './media-record.js';

const layout = { rawLocation: 'variations', includeConcat: true } as const;

describe('the emulated GoPro library', () => {
  it('is the same for the same seed and different for another seed', () => {
    const a = new GoProLibrary(7, { extra: 50 });
    const b = new GoProLibrary(7, { extra: 50 });
    const c = new GoProLibrary(8, { extra: 50 });
    expect(a.media.map((m) => m.id)).toEqual(b.media.map((m) => m.id));
    expect(a.media.map((m) => m.id)).not.toEqual(c.media.map((m) => m.id));
    expect(a.media).toHaveLength(60);
  });

  it('lists items newest capture first', () => {
    const lib = new GoProLibrary(1, { extra: 200 });
    for (let i = 1; i < lib.media.length; i++) {
      expect(lib.media[i - 1]!.capturedMs).toBeGreaterThanOrEqual(lib.media[i]!.capturedMs);
    }
  });

  it('holds every fixture kind of spec §5', () => {
    const lib = new GoProLibrary(1);
    const fixture = (name: string) => lib.byId(lib.fixtureId(name))!;
    const chaptered = fixture('chaptered-video');
    expect(chaptered.partSizes).toHaveLength(3);
    expect(listedFileSize(chaptered)).toBe(chaptered.partSizes.reduce((a, b) => a + b));
    expect(originalObjects(chaptered, layout).map((o) => o.original)).toEqual([
      'chapter-1',
      'chapter-2',
      'chapter-3',
    ]);
    expect(originalObjects(fixture('burst'), layout)).toHaveLength(6);
    const edit = fixture('edit');
    expect([edit.filename, edit.fileExtension, listedFileSize(edit)]).toEqual(['', 'json', null]);
    expect(originalObjects(edit, layout).map((o) => o.label)).toEqual(['baked_source']);
    const raw = originalObjects(fixture('raw-photo'), layout);
    expect(raw.map((o) => [o.original, o.type])).toEqual([
      ['source', 'jpg'],
      ['raw', 'gpr'],
    ]);
    expect(listedFileSize(fixture('raw-photo'))).toBe(raw[0]!.size);
    const max = fixture('max360');
    expect(max.fileExtension).toBe('360');
    expect(originalObjects(max, layout).map((o) => [o.original, o.type])).toEqual([
      ['source', '360'],
      ['rendered', 'mp4'],
    ]);
    expect(fixture('transcoding').readyToView).toBe('transcoding');
    expect(fixture('same-name-a').filename).toBe(fixture('same-name-b').filename);
  });

  it('offers a concat variation that is not an original', () => {
    const lib = new GoProLibrary(1);
    const entries = descriptorEntries(lib.byId(lib.fixtureId('chaptered-video'))!, layout);
    const concat = entries.find((e) => e.object.label === 'concat');
    expect(concat?.object.original).toBeUndefined();
  });

  it('takes explicit size groups, including files of many GiB, without storing bytes', () => {
    const GiB = 1024 ** 3;
    const lib = new GoProLibrary(3, {
      fixtures: false,
      items: [
        { kind: 'video', count: 4, size: 2 * GiB },
        { kind: 'photo', count: 5000, sizeRange: [3_000_000, 8_000_000] },
      ],
    });
    expect(lib.media).toHaveLength(5004);
    expect(lib.media.filter((m) => m.partSizes[0] === 2 * GiB)).toHaveLength(4);
    const photos = lib.media.filter((m) => m.kind === 'photo').map((m) => m.partSizes[0]!);
    expect(Math.min(...photos)).toBeGreaterThanOrEqual(3_000_000);
    expect(Math.max(...photos)).toBeLessThanOrEqual(8_000_000);
  });

  it('spreads extra items over the date range with the kind mix', () => {
    const lib = new GoProLibrary(5, {
      fixtures: false,
      extra: 300,
      mix: { burst: 1 },
      from: '2023-01-01T00:00:00.000Z',
      to: '2023-02-01T00:00:00.000Z',
    });
    expect(new Set(lib.media.map((m) => m.kind))).toEqual(new Set(['burst']));
    for (const m of lib.media) {
      expect(m.capturedMs).toBeGreaterThanOrEqual(Date.parse('2023-01-01T00:00:00.000Z'));
      expect(m.capturedMs).toBeLessThanOrEqual(Date.parse('2023-02-01T00:00:00.000Z'));
    }
  });
});
