import type { MediaUnit } from '../model/media-unit.js';
import type {
  ListUnitsRequest,
  MediaSource,
  SourceStream,
  UnitPage,
} from '../protocol/media-source.js';

/** Deterministic bytes of a unit: byte i is (hash(key) + i) mod 251. */
export function fakeBytes(key: string, from: number, to: number): Uint8Array {
  let seed = 0;
  for (const char of key) seed = (seed * 31 + char.charCodeAt(0)) % 251;
  const out = new Uint8Array(to - from);
  for (let i = 0; i < out.length; i++) out[i] = (seed + from + i) % 251;
  return out;
}

/** A unit for tests. */
export function fakeUnit(
  key: string,
  size: number | null,
  overrides: Partial<MediaUnit> = {},
): MediaUnit {
  return {
    key,
    mediaId: key.split('#')[0]!,
    part: key.split('#')[1] ?? 'source',
    fileName: `${key.replace(/[^A-Za-z0-9]/g, '_')}.JPG`,
    mimeType: 'image/jpeg',
    kind: 'photo',
    size,
    capturedAt: '2025-06-01T12:00:00.000Z',
    ...overrides,
  };
}

/** An in-memory media source: fixed units, paged, with an optional failure hook per open. */
export class FakeSource implements MediaSource {
  readonly name = 'fake-source';
  opens: { key: string; offset: number }[] = [];
  /** Returns the error opening a unit should fail with, or undefined to let it open. */
  failOpen?: (unit: MediaUnit, offset: number) => Error | undefined;
  /** Milliseconds each open takes, so concurrent work overlaps in tests. */
  openDelayMs = 0;
  /** Bytes served, by key, for units listed without a size (a burst's frames). */
  served: Record<string, number> = {};

  constructor(
    readonly units: MediaUnit[],
    readonly pageSize = 3,
  ) {}

  async *listUnits(request: ListUnitsRequest): AsyncIterable<UnitPage> {
    let index = request.cursor ? Number(request.cursor) : 0;
    while (index < this.units.length) {
      const units = this.units.slice(index, index + this.pageSize);
      index += units.length;
      yield { units, cursor: index < this.units.length ? String(index) : null };
    }
  }

  async openUnit(unit: MediaUnit, offset: number): Promise<SourceStream> {
    this.opens.push({ key: unit.key, offset });
    if (this.openDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.openDelayMs));
    const failure = this.failOpen?.(unit, offset);
    if (failure) throw failure;
    const size = unit.size ?? this.served[unit.key] ?? 0;
    async function* body() {
      for (let at = offset; at < size; at += 1000)
        yield fakeBytes(unit.key, at, Math.min(size, at + 1000));
    }
    return { totalSize: size, offset, body: body() };
  }
}
