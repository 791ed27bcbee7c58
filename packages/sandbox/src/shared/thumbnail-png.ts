/**
 * Small generated pictures for the emulators' thumbnails: a PNG per seed (a sky gradient, a sun
 * and a hill in colours derived from the seed), encoded with node:zlib, so a demo shows real
 * images without an image library.
 */
import { deflateSync } from 'node:zlib';
import { hashString } from './random.js';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGB pixels (`width * height * 3` bytes, row by row) as a PNG. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(
      raw,
      y * (width * 3 + 1) + 1,
    );
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

const MAX_SIDE = 512;

/** A landscape picture for `seed`, `width` × `height` pixels (each clamped to 1–512). */
export function thumbnailPng(seed: string, width = 128, height = 96): Buffer {
  const w = Math.max(1, Math.min(MAX_SIDE, Math.round(width)));
  const h = Math.max(1, Math.min(MAX_SIDE, Math.round(height)));
  const hash = hashString(seed);
  const hue = hash % 360;
  const sky = [hsl(hue, 0.55, 0.72), hsl((hue + 40) % 360, 0.6, 0.45)];
  const hill = hsl((hue + 150) % 360, 0.45, 0.35);
  const sun = hsl((hue + 200) % 360, 0.9, 0.65);
  const sunX = w * (0.2 + ((hash >>> 9) % 60) / 100);
  const sunY = h * 0.35;
  const sunR = Math.max(2, Math.min(w, h) * 0.14);
  const phase = ((hash >>> 17) % 628) / 100;
  const rgb = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const ground = h * (0.68 + 0.12 * Math.sin((x / w) * 6.28 + phase));
      let colour: number[];
      if (y > ground) colour = hill;
      else if ((x - sunX) ** 2 + (y - sunY) ** 2 < sunR ** 2) colour = sun;
      else colour = mix(sky[0]!, sky[1]!, y / h);
      rgb.set(colour, (y * w + x) * 3);
    }
  }
  return encodePng(w, h, rgb);
}

function mix(a: number[], b: number[], t: number): number[] {
  return a.map((v, i) => Math.round(v + (b[i]! - v) * t));
}

function hsl(h: number, s: number, l: number): number[] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0), f(8), f(4)].map((v) => Math.round(v * 255));
}
