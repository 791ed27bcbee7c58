import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { thumbnailPng } from './thumbnail-png.js';

describe('generated thumbnails', () => {
  it('are PNGs of the asked size whose pixels decode', () => {
    const png = thumbnailPng('item-1', 40, 30);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(40);
    expect(png.readUInt32BE(20)).toBe(30);
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe((40 * 3 + 1) * 30);
  });

  it('differ per seed, are stable per seed and clamp the size', () => {
    expect(thumbnailPng('a').equals(thumbnailPng('a'))).toBe(true);
    expect(thumbnailPng('a').equals(thumbnailPng('b'))).toBe(false);
    expect(thumbnailPng('a', 5000, 0).readUInt32BE(16)).toBe(512);
  });
});
