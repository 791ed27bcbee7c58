import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LEAN_V8_FLAGS } from './lean-v8.js';

// A fresh process that applies `flags` like `leanV8()`, then keeps many small objects alive (as
// loading modules does) and prints the size of V8's young generation.
const CHILD = `
import v8 from 'node:v8';
for (const flag of JSON.parse(process.argv[1])) v8.setFlagsFromString(flag);
const kept = [];
for (let i = 0; i < 400_000; i++) kept.push({ i, name: 'unit-' + i });
const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
console.log(JSON.stringify({ young: young.space_size, kept: kept.length }));
`;

function youngGenerationBytes(flags: readonly string[]): number {
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', CHILD, JSON.stringify(flags)],
    {
      encoding: 'utf8',
    },
  );
  return (JSON.parse(out) as { young: number }).young;
}

describe('LEAN_V8_FLAGS', () => {
  it('keep the young generation from growing while long-lived objects are made', () => {
    const lean = youngGenerationBytes(LEAN_V8_FLAGS);
    const normal = youngGenerationBytes([]);
    expect(lean).toBeLessThanOrEqual(4 * 1024 ** 2);
    expect(normal).toBeGreaterThan(lean);
  });
});
