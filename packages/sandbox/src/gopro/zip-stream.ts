import { crc32 } from 'node:zlib';

/** One member of a streamed zip. */
export interface ZipMember {
  name: string;
  size: number;
  /** The member's bytes, produced on demand. */
  bytes: () => Iterable<Uint8Array>;
}

const LIMIT = 0xffff_ffff;

function dosDateTime(date: Date): [number, number] {
  const time =
    (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day =
    ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return [time, day];
}

/**
 * A zip archive produced on the fly (STORED members, sizes and CRCs in data descriptors), so
 * its length is unknown up front, as with GoPro's zip export. Members and the archive must stay
 * under 4 GiB (no ZIP64): a larger member throws.
 */
export function* zipStream(members: Iterable<ZipMember>, date = new Date()): Generator<Uint8Array> {
  const [time, day] = dosDateTime(date);
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const member of members) {
    if (member.size >= LIMIT || offset >= LIMIT)
      throw new Error('zip member over 4 GiB (no ZIP64)');
    const name = Buffer.from(member.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6); // data descriptor + UTF-8 names
    local.writeUInt16LE(0, 8); // STORED
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt16LE(name.length, 26);
    yield local;
    yield name;
    let crc = 0;
    let written = 0;
    for (const chunk of member.bytes()) {
      crc = crc32(chunk, crc);
      written += chunk.length;
      yield chunk;
    }
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(written, 8);
    descriptor.writeUInt32LE(written, 12);
    yield descriptor;
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0808, 8);
    entry.writeUInt16LE(0, 10);
    entry.writeUInt16LE(time, 12);
    entry.writeUInt16LE(day, 14);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(written, 20);
    entry.writeUInt32LE(written, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + written + 16;
    count++;
  }
  const directory = Buffer.concat(central);
  yield directory;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield end;
}
