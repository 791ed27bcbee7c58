/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `a / b`, or NaN when `b` is zero. */
export function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}

/** Runs `pair()` `repetitions` times and returns every result (interleaving keeps drift fair). */
export async function repeat<T>(repetitions: number, run: (index: number) => Promise<T>) {
  const results: T[] = [];
  for (let i = 0; i < repetitions; i++) results.push(await run(i));
  return results;
}

/** Bytes as MiB with one decimal. */
export const mib = (bytes: number): number => Math.round((bytes / 1024 ** 2) * 10) / 10;

/** A number rounded to `digits` decimals. */
export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
