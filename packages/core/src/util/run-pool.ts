/**
 * Runs `worker` over `inputs` with at most `concurrency` at once, pulling inputs lazily so the
 * list may grow while it runs. Stops taking new inputs once `signal` aborts; waits for the
 * running ones; rejects with the first error a worker throws (after the others settle).
 */
export async function runPool<T>(
  inputs: Iterable<T> | (() => T | undefined),
  concurrency: number,
  worker: (input: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const next =
    typeof inputs === 'function'
      ? inputs
      : (() => {
          const iterator = inputs[Symbol.iterator]();
          return () => {
            const step = iterator.next();
            return step.done ? undefined : step.value;
          };
        })();
  let firstError: unknown;
  let failed = false;
  const lane = async () => {
    while (!failed && !signal?.aborted) {
      const input = next();
      if (input === undefined) return;
      try {
        await worker(input);
      } catch (error) {
        if (!failed) [failed, firstError] = [true, error];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  if (failed) throw firstError;
}

/**
 * Maps `inputs` through `fn` with at most `limit` calls in flight and returns the results in
 * input order. On the first failure it takes no new inputs, lets the running ones settle, and
 * rejects with that error.
 */
export async function mapLimit<T, R>(
  inputs: readonly T[],
  limit: number,
  fn: (input: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(inputs.length);
  await runPool(inputs.keys(), limit, async (index) => {
    out[index] = await fn(inputs[index]!);
  });
  return out;
}
