import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startGoProEmulator } from '@q2google/sandbox';
import { describe, expect, it } from 'vitest';
import { createPastedTokenAuth } from './auth/pasted-token-auth.js';
import { createGoProSource } from './gopro-source.js';
import { ALL_TIME, instantRetry } from './test-support.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

describe('listing a large library', () => {
  it('sees each of 100,000 items exactly once in bounded memory', async () => {
    const count = 100_000;
    const emu = await startGoProEmulator({
      seed: 61,
      library: { fixtures: false, extra: count, mix: { photo: 3, video: 1 } },
    });
    try {
      const source = createGoProSource({
        auth: createPastedTokenAuth({ accessToken: emu.issueAccessToken() }),
        baseUrl: emu.apiUrl,
        retry: instantRetry(),
      });
      // one flag per item (ids map to library positions), so the test itself retains ~nothing
      const index = new Map(emu.library.media.map((m, i) => [m.id, i]));
      const seen = new Uint8Array(count);
      const baseline = heap();
      let peak = 0;
      let pages = 0;
      for await (const page of source.listUnits({
        range: ALL_TIME,
        mediaTypes: [],
        options: { perPage: 5000 },
        cursor: null,
      })) {
        for (const unit of page.units) seen[index.get(unit.mediaId)!]! += 1;
        if (++pages % 5 === 0) peak = Math.max(peak, heap() - baseline);
      }
      const growth = heap() - baseline;
      expect(seen.every((n) => n === 1)).toBe(true);
      expect(pages).toBe(20);
      expect(emu.requestCount('gopro.download')).toBe(0);
      // a page of 5,000 items is a few MB in flight; retained growth must stay far below the
      // ~100 MB that keeping every page would cost
      expect(peak).toBeLessThan(40 * 1024 * 1024);
      expect(growth).toBeLessThan(10 * 1024 * 1024);
    } finally {
      await emu.close();
    }
  });
});
