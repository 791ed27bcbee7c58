import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GoProEmulator, startGoProEmulator } from './emulator.js';

let emu: GoProEmulator;
let token: string;

/** Member names and sizes from a zip's central directory. */
function centralDirectory(zip: Buffer): { name: string; size: number }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out: { name: string; size: number }[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    out.push({
      size: zip.readUInt32LE(at + 24),
      name: zip.subarray(at + 46, at + 46 + nameLength).toString(),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

const zipOf = async (ids: string[]) => {
  const res = await fetch(
    `${emu.apiUrl}/media/x/zip/source?ids=${ids.join(',')}&access_token=${token}`,
  );
  return { res, body: Buffer.from(await res.arrayBuffer()) };
};

beforeAll(async () => {
  emu = await startGoProEmulator({ seed: 9 });
  token = emu.issueAccessToken();
});
afterAll(() => emu.close());

describe('the zip export', () => {
  it('streams one member per chapter and frame with no Content-Length', async () => {
    const ids = ['chaptered-video', 'burst'].map((f) => emu.library.fixtureId(f));
    const { res, body } = await zipOf(ids);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBeNull();
    const members = centralDirectory(body);
    const expected = ids.flatMap((id) => emu.expectedUnits(id));
    expect(members).toEqual(expected.map((u) => ({ name: u.cameraName, size: u.size })));
  });

  it('drops a member or ends early when told to', async () => {
    const id = emu.library.fixtureId('chaptered-video');
    emu.addFault({ route: 'gopro.zip', kind: 'drop-member', times: 1 });
    expect(centralDirectory((await zipOf([id])).body)).toHaveLength(2);
    emu.addFault({ route: 'gopro.zip', kind: 'truncate', afterBytes: 5000, times: 1 });
    const cut = (await zipOf([id])).body;
    expect(cut.length).toBe(5000);
    expect(() => centralDirectory(cut)).toThrow();
  });
});
