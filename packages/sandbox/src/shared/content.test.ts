import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ContentGenerator } from './content.js';
import { FaultInjector } from './faults.js';

const concat = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks]);

describe('generated content', () => {
  const generator = new ContentGenerator(42);

  it('serves the same bytes for a range as for the whole file', () => {
    const whole = concat(generator.read('media-1/source', 0, 3_500_000, 70_000));
    const tail = concat(generator.read('media-1/source', 1_048_570, 3_500_000));
    expect(whole.length).toBe(3_500_000);
    expect(whole.subarray(1_048_570).equals(tail)).toBe(true);
  });

  it('gives different files different bytes and the same seed the same bytes', () => {
    const a = concat(generator.read('a', 0, 4096));
    const b = concat(generator.read('b', 0, 4096));
    expect(a.equals(b)).toBe(false);
    expect(concat(new ContentGenerator(42).read('a', 0, 4096)).equals(a)).toBe(true);
    expect(concat(new ContentGenerator(43).read('a', 0, 4096)).equals(a)).toBe(false);
  });

  it('hashes what it serves', () => {
    const bytes = concat(generator.read('h', 0, 2_000_001));
    expect(generator.sha256('h', 2_000_001)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('fault injection', () => {
  it('fires scripted faults after the skipped requests, a bounded number of times', () => {
    const faults = new FaultInjector([{ route: 'cdn.get', kind: 'http-500', skip: 1, times: 2 }]);
    const fired = [1, 2, 3, 4].map(() => faults.next('cdn.get')?.rule.kind ?? 'ok');
    expect(fired).toEqual(['ok', 'http-500', 'http-500', 'ok']);
    expect(faults.next('gopro.search')).toBeUndefined();
    expect(faults.injected).toHaveLength(2);
  });

  it('fires probabilistic faults reproducibly from the seed', () => {
    const run = (seed: number) => {
      const faults = new FaultInjector([{ route: '*', kind: 'http-429', probability: 0.3 }], seed);
      return Array.from({ length: 200 }, () => (faults.next('x') ? 1 : 0)).join('');
    };
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
    const hits = run(7)
      .split('')
      .filter((c) => c === '1').length;
    expect(hits).toBeGreaterThan(30);
    expect(hits).toBeLessThan(90);
  });
});
