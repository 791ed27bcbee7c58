import type { GoProEmulator } from '@q2google/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { listAll, startWithSource } from './test-support.js';

let emu: GoProEmulator;
afterEach(() => emu?.close());

const keysOf = (units: { key: string }[]) => units.map((u) => u.key).sort();

describe('listing GoPro media as units', () => {
  it('turns every fixture into its originals, with few extra requests', async () => {
    const started = await startWithSource({ seed: 2 });
    emu = started.emu;
    const { units } = await listAll(started.source);
    const id = (name: string) => emu.library.fixtureId(name);
    const parts = (name: string) => units.filter((u) => u.mediaId === id(name)).map((u) => u.part);
    expect(parts('photo')).toEqual(['source']);
    expect(parts('raw-photo')).toEqual(['source']);
    expect(parts('video')).toEqual(['source']);
    expect(parts('chaptered-video')).toEqual(['chapter-1', 'chapter-2', 'chapter-3']);
    expect(parts('burst')).toEqual([
      'frame-1',
      'frame-2',
      'frame-3',
      'frame-4',
      'frame-5',
      'frame-6',
    ]);
    expect(parts('edit')).toEqual(['render']);
    const max = units.find((u) => u.mediaId === id('max360'));
    expect(max?.skip?.reason).toBe('unsupported-type');
    const transcoding = units.find((u) => u.mediaId === id('transcoding'));
    expect(transcoding?.skip?.reason).toBe('not-ready');
    // only the chaptered video and the burst needed a download descriptor
    expect(emu.requestCount('gopro.download')).toBe(2);
    expect(emu.requestCount('gopro.search')).toBe(1);
    const transferable = units.filter((u) => !u.skip);
    const expected = emu
      .expectedUnits()
      .filter((u) => u.readyToView === 'ready' && u.kind !== 'max360' && u.part !== 'raw');
    expect(keysOf(transferable)).toEqual(
      keysOf(expected.map((u) => ({ key: `${u.mediaId}/${u.part}` }))),
    );
  });

  it('gives sizes, kinds and MIME types, with null where GoPro reports none', async () => {
    const started = await startWithSource({ seed: 2 });
    emu = started.emu;
    const { units } = await listAll(started.source);
    const video = units.find((u) => u.mediaId === emu.library.fixtureId('video'))!;
    expect([video.kind, video.mimeType, video.size]).toEqual([
      'video',
      'video/mp4',
      emu.expectedUnits(video.mediaId)[0]!.size,
    ]);
    const frame = units.find((u) => u.part === 'frame-2')!;
    expect([frame.kind, frame.mimeType, frame.size]).toEqual(['photo', 'image/jpeg', null]);
    const edit = units.find((u) => u.part === 'render')!;
    expect([edit.size, edit.fileName]).toEqual([null, `gopro-${edit.mediaId}.mp4`]);
  });

  it("names units by the camera's file names, as GoPro's apps and rclone keep them", async () => {
    const started = await startWithSource({ seed: 2 });
    emu = started.emu;
    const { units } = await listAll(started.source);
    const camera = new Map(
      emu.expectedUnits().map((u) => [`${u.mediaId}/${u.part}`, u.cameraName]),
    );
    const clash = ['same-name-a', 'same-name-b'].map(
      (f) => units.find((u) => u.mediaId === emu.library.fixtureId(f))!,
    );
    expect(clash.map((u) => u.fileName)).toEqual(['GOPR0001.JPG', 'GOPR0001.JPG']);
    for (const unit of clash) expect(unit.fileName).toBe(camera.get(unit.key));
  });

  it('with fileNameTag names every unit uniquely and identically on every run, even for reused camera names', async () => {
    const started = await startWithSource({ seed: 2 });
    emu = started.emu;
    const tagged = { fileNameTag: true };
    const first = (await listAll(started.source, tagged)).units.map((u) => u.fileName);
    const second = (await listAll(started.source, tagged)).units.map((u) => u.fileName);
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    const { units } = await listAll(started.source, tagged);
    const clash = ['same-name-a', 'same-name-b'].map(
      (f) => units.find((u) => u.mediaId === emu.library.fixtureId(f))!.fileName,
    );
    expect(clash[0]).toMatch(/^GOPR0001_[0-9a-f]{8}\.JPG$/);
    expect(clash[1]).toMatch(/^GOPR0001_[0-9a-f]{8}\.JPG$/);
    expect(clash[0]).not.toBe(clash[1]);
    const chapters = units.filter((u) => u.part.startsWith('chapter-')).map((u) => u.fileName);
    expect(chapters.map((n) => n.slice(0, 4))).toEqual(['GX01', 'GX02', 'GX03']);
  });

  it('takes RAW, .360 renders, not-ready items and edits as the options say', async () => {
    const started = await startWithSource({ seed: 2 });
    emu = started.emu;
    const id = (name: string) => emu.library.fixtureId(name);
    const partsWith = async (options: Record<string, string | boolean>, fixture: string) =>
      (await listAll(started.source, options)).units
        .filter((u) => u.mediaId === id(fixture))
        .map((u) => (u.skip ? `skip:${u.skip.reason}` : `${u.part}:${u.mimeType}`));
    expect(await partsWith({ raw: 'both' }, 'raw-photo')).toEqual([
      'source:image/jpeg',
      'raw:image/x-gopro-gpr',
    ]);
    expect(await partsWith({ raw: 'raw' }, 'raw-photo')).toEqual(['raw:image/x-gopro-gpr']);
    expect(await partsWith({ raw: 'raw' }, 'photo')).toEqual(['source:image/jpeg']);
    expect(await partsWith({ max360: 'rendered' }, 'max360')).toEqual(['rendered:video/mp4']);
    expect(await partsWith({ notReady: 'exclude' }, 'transcoding')).toEqual([]);
    expect(await partsWith({ notReady: 'include' }, 'transcoding')).toEqual(['source:video/mp4']);
    expect(await partsWith({ edits: false }, 'edit')).toEqual([]);
  });

  it('finds RAW companions wherever the descriptor lists them', async () => {
    const started = await startWithSource({ seed: 2, cdn: { rawLocation: 'sidecar_files' } });
    emu = started.emu;
    const { units } = await listAll(started.source, { raw: 'both' });
    const raw = units.find(
      (u) => u.mediaId === emu.library.fixtureId('raw-photo') && u.part === 'raw',
    );
    expect(raw?.fileName).toMatch(/^GOPR\d{4}\.GPR$/);
  });

  it('keeps to the capture range and the media types, also client-side', async () => {
    const started = await startWithSource({
      seed: 4,
      library: { extra: 60 },
      search: { capturedRangeEnd: 'exclusive' },
    });
    emu = started.emu;
    const range = { from: '2025-06-01T08:00:00.000Z', to: '2025-06-03T08:00:00.000Z' };
    const { units } = await listAll(started.source, {}, { range });
    const inRange = emu.library.media.filter(
      (m) => m.capturedMs >= Date.parse(range.from) && m.capturedMs <= Date.parse(range.to),
    );
    expect(new Set(units.map((u) => u.mediaId))).toEqual(new Set(inRange.map((m) => m.id)));
    expect(inRange.length).toBeGreaterThanOrEqual(3); // both ends are inclusive
    const videos = await listAll(started.source, {}, { mediaTypes: ['Video'] });
    expect(new Set(videos.units.map((u) => u.sourceType))).toEqual(new Set(['Video']));
  });

  it('reports each item exactly once despite boundary duplicates and short pages', async () => {
    const started = await startWithSource(
      {
        seed: 6,
        library: { extra: 240, mix: { photo: 1, video: 1 } },
        faults: [
          { route: 'gopro.search', kind: 'boundary-duplicate', probability: 0.4 },
          { route: 'gopro.search', kind: 'short-page', probability: 0.3 },
        ],
      },
      { shortPageRetries: 6 },
    );
    emu = started.emu;
    const { units, pages } = await listAll(started.source, {
      perPage: 20,
      notReady: 'include',
      max360: 'rendered',
    });
    const ids = units.map((u) => u.mediaId);
    expect(new Set(ids).size).toBe(emu.library.media.length);
    expect(new Set(units.map((u) => u.key)).size).toBe(units.length);
    expect(emu.faults.injected.length).toBeGreaterThan(5);
    expect(pages.at(-1)?.cursor).toBeNull();
  });

  it('warns, instead of silently dropping items, when a page stays short after every retry', async () => {
    const started = await startWithSource(
      {
        seed: 6,
        library: { fixtures: false, extra: 30, mix: { photo: 1 } },
        faults: [{ route: 'gopro.search', kind: 'short-page', skip: 1, times: 3 }],
      },
      { shortPageRetries: 2 },
    );
    emu = started.emu;
    const { pages } = await listAll(started.source, { perPage: 10 });
    const warnings = pages.flatMap((p) => p.warnings ?? []);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/search page 2 held 5 of the 10 items .* new session id/);
  });

  it('continues a killed discovery from the saved cursor', async () => {
    const started = await startWithSource({ seed: 8, library: { extra: 90, mix: { photo: 1 } } });
    emu = started.emu;
    const full = await listAll(started.source, { perPage: 25 });
    const partial = [];
    let cursor: string | null = null;
    for await (const page of started.source.listUnits({
      range: { from: '2000-01-01T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' },
      mediaTypes: [],
      options: { perPage: 25 },
      cursor: null,
    })) {
      partial.push(...page.units);
      cursor = page.cursor;
      if (partial.length >= 40) break; // killed after two pages
    }
    expect(cursor).not.toBeNull();
    emu.addFault({ route: 'gopro.search', kind: 'boundary-duplicate', times: 1 });
    const rest = await listAll(started.source, { perPage: 25 }, { cursor });
    expect(keysOf([...partial, ...rest.units])).toEqual(keysOf(full.units));
  });

  it('ends with one empty page for an empty library', async () => {
    const started = await startWithSource({ library: { fixtures: false } });
    emu = started.emu;
    expect((await listAll(started.source)).pages).toEqual([{ units: [], cursor: null }]);
  });
});
