import { afterEach, describe, expect, it } from 'vitest';
import { bytesOf, type Harness, startHarness, uploadOf } from './testing/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('request budget', () => {
  it('spends at most 1.03 Library API requests per photo (upload + 1/50 batchCreate)', async () => {
    h = await startHarness({ emulator: { uploadBytesPerSecond: 50_000_000 } });
    const items = [];
    for (let i = 0; i < 100; i++) {
      const fileName = `P${i}.JPG`;
      const uploaded = await h.sink.upload(uploadOf(fileName, bytesOf(2000, i + 1)));
      items.push({ key: fileName, uploadToken: uploaded.uploadToken, fileName });
    }
    for (let i = 0; i < items.length; i += 50) await h.sink.createItems(items.slice(i, i + 50));
    const { 'gphotos.token': _token, ...library } = h.emulator.requestCounts();
    const total = Object.values(library).reduce((sum, n) => sum + n, 0);
    expect(total / items.length).toBeLessThanOrEqual(1.03);
    expect(h.emulator.inspect().contents.every((c) => c.itemsCreated === 1)).toBe(true);
    expect(h.emulator.inspect().items).toHaveLength(100);
  });
});
