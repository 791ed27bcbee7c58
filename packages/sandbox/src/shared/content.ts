import { createHash } from 'node:crypto';
import { createRandom, hashString } from './random.js';

const BLOCK = 1 << 20; // 1 MiB
const POOL_WORDS = BLOCK / 4;

/**
 * Deterministic file contents of any size, produced on the fly: byte `n` of the file named
 * `contentKey` is always the same, nothing is stored, and two keys give different bytes.
 * Each 1 MiB block is a shared random pool XOR-ed with a word derived from (key, block).
 */
export class ContentGenerator {
  readonly #pool: Uint32Array;

  constructor(seed: number) {
    const random = createRandom(seed);
    this.#pool = new Uint32Array(POOL_WORDS);
    for (let i = 0; i < POOL_WORDS; i++) this.#pool[i] = Math.floor(random() * 4294967296);
  }

  /** The bytes of `contentKey` in [start, end), yielded in chunks of at most `chunkSize`. */
  *read(
    contentKey: string,
    start: number,
    end: number,
    chunkSize = 256 * 1024,
  ): Generator<Uint8Array> {
    const keyHash = hashString(contentKey);
    let position = start;
    while (position < end) {
      const blockIndex = Math.floor(position / BLOCK);
      const blockStart = blockIndex * BLOCK;
      const from = position - blockStart;
      const to = Math.min(BLOCK, end - blockStart, from + chunkSize);
      yield this.#block(keyHash, blockIndex, from, to);
      position = blockStart + to;
    }
  }

  /** SHA-256 (hex) of the whole content of `contentKey` of `size` bytes. */
  sha256(contentKey: string, size: number): string {
    const hash = createHash('sha256');
    for (const chunk of this.read(contentKey, 0, size, BLOCK)) hash.update(chunk);
    return hash.digest('hex');
  }

  #block(keyHash: number, blockIndex: number, from: number, to: number): Uint8Array {
    const mask = mix32((keyHash + Math.imul(blockIndex + 1, 0x9e3779b9)) >>> 0);
    const wordFrom = Math.floor(from / 4);
    const wordTo = Math.ceil(to / 4);
    const words = new Uint32Array(wordTo - wordFrom);
    const pool = this.#pool;
    for (let i = 0; i < words.length; i++) words[i] = (pool[wordFrom + i] ?? 0) ^ mask;
    const bytes = new Uint8Array(words.buffer);
    return bytes.subarray(from - wordFrom * 4, from - wordFrom * 4 + (to - from));
  }
}

/** A 32-bit integer finaliser (murmur3 fmix32): spreads every input bit over the output. */
function mix32(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
