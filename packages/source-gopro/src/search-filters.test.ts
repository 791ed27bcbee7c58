import type { GoProEmulator } from '@q2google/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { digest, listAll, startWithSource } from './test-support.js';

let emu: GoProEmulator;
afterEach(() => emu?.close());

describe('what the GoPro search asks for (spec §7 G1, G2)', () => {
  it('leaves out the internal export renders of Quik shares', async () => {
    const started = await startWithSource({
      library: {
        fixtures: false,
        items: [
          { kind: 'video', count: 2, size: 50_000 },
          { kind: 'video', count: 1, size: 40_000, exportRender: true },
        ],
      },
    });
    emu = started.emu;
    const exported = emu.library.media.find((m) => m.exportRender)!;
    const { units } = await listAll(started.source);
    expect(units.map((u) => u.mediaId)).not.toContain(exported.id);
    expect(new Set(units.map((u) => u.mediaId))).toEqual(
      new Set(emu.expectedUnits().map((u) => u.mediaId)),
    );
    expect(units).toHaveLength(2);
  });

  it('sends only the processing states the server accepts, for every notReady choice', async () => {
    const started = await startWithSource({
      library: {
        fixtures: false,
        items: [
          { kind: 'photo', count: 2, size: 20_000 },
          { kind: 'video', count: 1, size: 30_000, readyToView: 'transcoding' },
        ],
      },
    });
    emu = started.emu;
    for (const notReady of ['skip', 'exclude', 'include']) {
      const { units } = await listAll(started.source, { notReady });
      expect(units.length, notReady).toBe(notReady === 'exclude' ? 2 : 3);
    }
  });
});

describe('edits without a rendered source (spec §7 G5)', () => {
  it('transfers the first files[] entry of an edit that has no baked_source', async () => {
    const started = await startWithSource({
      library: { fixtures: false, items: [{ kind: 'edit', size: 70_000, renderInFiles: true }] },
    });
    emu = started.emu;
    const { units } = await listAll(started.source);
    expect(units.map((u) => u.part)).toEqual(['render']);
    const [unit] = units;
    const stream = await started.source.openUnit(unit!, 0);
    expect(await digest(stream)).toEqual({
      sha256: emu.expectedSha256(unit!.mediaId, 'render'),
      length: 70_000,
    });
  });
});
