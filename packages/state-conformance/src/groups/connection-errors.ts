/**
 * Connection errors: storage that cannot be reached or used fails with the right code (by
 * default BACKEND_UNAVAILABLE), saying where, and with no secret anywhere in the error.
 */
import { inspect } from 'node:util';
import { buildSession } from '../fixtures.js';
import { caught, closeQuietly, expectCode, type GroupInput, skipGroup } from '../harness.js';

const TITLE = 'connection-errors';

/** Everything an error could print: its text, its JSON and its inspected tree (with causes). */
const everything = (error: unknown) =>
  `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 6 })}`;

/** Registers the `connection-errors` group (needs the `unreachable` option). */
export function connectionErrorsGroup(input: GroupInput): void {
  const { api, options, ctx } = input;
  const { describe, test, expect } = api;
  const target = options.unreachable;
  if (!target) {
    skipGroup(api, TITLE, 'no `unreachable` storage was given to fail against');
    return;
  }
  const codes = target.codes ?? ['BACKEND_UNAVAILABLE'];
  const title = [
    `unusable storage gives ${codes.join(' or ')}`,
    ...(target.mentions !== undefined ? ['saying where'] : []),
    ...(target.secret !== undefined ? ['with no secret anywhere in the error'] : []),
  ].join(', ');

  describe(TITLE, () => {
    test(title, async () => {
      const error = await caught(async () => {
        const backend = await target.open(ctx);
        try {
          const state = buildSession({ items: 2, batches: 1 });
          await backend.load(state.id);
          await backend.save(state);
        } finally {
          await closeQuietly(backend);
        }
      });
      expectCode(api, error, ...codes);
      if (target.retryable !== undefined) expect(error.retryable).toBe(target.retryable);
      if (target.mentions !== undefined) expect(error.message).toContain(target.mentions);
      if (target.secret !== undefined) {
        expect(`${String(error.message)} ${String(error.hint)}`).not.toContain(target.secret);
        expect(everything(error)).not.toContain(target.secret);
      }
    });
  });
}
