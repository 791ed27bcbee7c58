import type { GoProEmulator } from '@q2google/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { RAW_WARNING } from './list-units.js';
import { listAll, startWithSource } from './test-support.js';

let emu: GoProEmulator;
afterEach(() => emu?.close());

async function rawParts(options: Record<string, string>) {
  const started = await startWithSource({
    library: { fixtures: false, items: [{ kind: 'raw-photo', count: 2, size: 10_000 }] },
  });
  emu = started.emu;
  const { units, pages } = await listAll(started.source, options);
  return {
    parts: units.map((u) => `${u.part}:${u.mimeType}`).sort(),
    warnings: pages.flatMap((p) => p.warnings ?? []),
  };
}

describe('the RAW photo choice (spec §7 G6)', () => {
  it('takes only the JPEG by default, without a warning', async () => {
    expect(await rawParts({})).toEqual({
      parts: ['source:image/jpeg', 'source:image/jpeg'],
      warnings: [],
    });
  });

  it("reads the apps' rawPhotos choice, and warns once that Google may refuse .gpr", async () => {
    const both = await rawParts({ rawPhotos: 'both' });
    expect(both.parts.filter((p) => p.startsWith('raw:image/x-gopro-gpr'))).toHaveLength(2);
    expect(both.warnings).toEqual([RAW_WARNING]);
    expect((await rawParts({ rawPhotos: 'jpeg' })).parts).toHaveLength(2);
  });
});
