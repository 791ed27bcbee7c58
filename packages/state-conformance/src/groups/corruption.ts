/**
 * Corruption: damaged or foreign stored data gives a typed error (STATE_CORRUPT, STATE_FOREIGN,
 * STATE_SCHEMA_TOO_NEW), never a crash, a null, or a silently emptied session.
 */
import { buildSession, randomSessionId } from '../fixtures.js';
import { caught, expectCode, type GroupInput, skipGroup, using } from '../harness.js';

const TITLE = 'corruption';

/** Registers the `corruption` group (needs the `corrupt` and/or `writeForeign` hooks). */
export function corruptionGroup(input: GroupInput): void {
  const { api, options, ctx } = input;
  const { describe, test, expect } = api;
  const { corrupt, writeForeign } = options;
  if (!corrupt && !writeForeign) {
    skipGroup(api, TITLE, 'no `corrupt` or `writeForeign` hook was given to damage stored data');
    return;
  }
  const open = () => options.create(ctx);

  describe(TITLE, () => {
    test.skipIf(!corrupt)('a damaged session gives a typed error; others still load', async () => {
      const damaged = buildSession({ items: 5 });
      const healthy = buildSession({ items: 5 });
      await using(open, async (backend) => {
        await backend.save(damaged);
        await backend.save(healthy);
      });
      await corrupt!(ctx, damaged.id);
      await using(open, async (backend) => {
        const error = await caught(() => backend.load(damaged.id));
        expectCode(api, error, 'STATE_CORRUPT', 'STATE_FOREIGN', 'STATE_SCHEMA_TOO_NEW');
        expect(await backend.load(healthy.id)).toStrictEqual(healthy);
      });
    });

    test.skipIf(!corrupt || !input.capabilities.listSessions)(
      'listing sessions next to a damaged one does not crash (it may leave it out)',
      async () => {
        const damaged = buildSession({ items: 2 });
        const healthy = buildSession({ items: 2 });
        await using(open, async (backend) => {
          await backend.save(damaged);
          await backend.save(healthy);
        });
        await corrupt!(ctx, damaged.id);
        await using(open, async (backend) => {
          const listed = await backend.listSessions!().catch((error: unknown) => error);
          if (Array.isArray(listed)) {
            expect(listed.map((s: { id: string }) => s.id)).toContain(healthy.id);
          } else {
            expectCode(api, listed as Record<string, unknown>, 'STATE_CORRUPT', 'STATE_FOREIGN');
          }
        });
      },
    );

    test.skipIf(!writeForeign)(
      'data that is not a q2google session gives STATE_FOREIGN',
      async () => {
        const id = randomSessionId('foreign');
        await writeForeign!(ctx, id, { hello: 'world', rows: [1, 2, 3] });
        await using(open, async (backend) => {
          expectCode(api, await caught(() => backend.load(id)), 'STATE_FOREIGN');
        });
      },
    );

    test.skipIf(!writeForeign)(
      'a session from a newer q2google gives STATE_SCHEMA_TOO_NEW',
      async () => {
        const state = buildSession({ items: 0, batches: 0 });
        await writeForeign!(ctx, state.id, { ...state, schemaVersion: 999 });
        await using(open, async (backend) => {
          const error = await caught(() => backend.load(state.id));
          expectCode(api, error, 'STATE_SCHEMA_TOO_NEW');
        });
      },
    );

    test.skipIf(!writeForeign)('a session with an invalid field gives STATE_CORRUPT', async () => {
      const state = buildSession({ items: 0, batches: 0 });
      await writeForeign!(ctx, state.id, { ...state, range: { from: 'yesterday', to: 7 } });
      await using(open, async (backend) => {
        expectCode(api, await caught(() => backend.load(state.id)), 'STATE_CORRUPT');
      });
    });
  });
}
