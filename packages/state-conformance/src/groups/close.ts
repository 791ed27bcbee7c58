/** Close: closing twice is safe; any use after close fails with BACKEND_CLOSED. */
import { buildSession, randomSessionId } from '../fixtures.js';
import { caught, expectCode, type GroupInput, skipGroup } from '../harness.js';

const TITLE = 'close';

/** Registers the `close` group (needs a `close` method). */
export function closeGroup(input: GroupInput): void {
  const { api, options, ctx, capabilities } = input;
  const { describe, test, expect } = api;
  if (!input.hasClose) {
    skipGroup(api, TITLE, 'the backend has no close()');
    return;
  }

  describe(TITLE, () => {
    test('closing twice is safe', async () => {
      const backend = await options.create(ctx);
      await backend.save(buildSession({ items: 1 }));
      await backend.close!();
      await expect(backend.close!()).resolves.toBeUndefined();
    });

    test('load, save and every declared method give BACKEND_CLOSED after close', async () => {
      const backend = await options.create(ctx);
      const state = buildSession({ items: 2 });
      await backend.save(state);
      await backend.close!();
      const { items: _i, batches: _b, ...meta } = state;
      const calls: [string, () => Promise<unknown>][] = [
        ['load', () => backend.load(state.id)],
        ['save', () => backend.save(state)],
      ];
      if (capabilities.incrementalSave) {
        calls.push([
          'saveChanges',
          () => backend.saveChanges!({ sessionId: state.id, meta, items: [], batches: [] }),
        ]);
      }
      if (capabilities.listSessions) calls.push(['listSessions', () => backend.listSessions!()]);
      if (capabilities.ledger) calls.push(['ledgerLookup', () => backend.ledgerLookup!(['k'])]);
      if (capabilities.leases) {
        const claim = { sessionId: state.id, workerId: 'w', limit: 1, leaseMs: 1000 };
        calls.push(['claimItems', () => backend.claimItems!({ ...claim, statuses: ['failed'] })]);
      }
      for (const [method, call] of calls) {
        const error = await caught(call);
        expect(error.code, `${method} after close`).toBe('BACKEND_CLOSED');
        expectCode(api, error, 'BACKEND_CLOSED');
      }
      await expect(backend.close!()).resolves.toBeUndefined();
    });

    test('closing a backend that never stored anything is safe', async () => {
      const backend = await options.create(ctx);
      await backend.load(randomSessionId());
      await backend.close!();
      await backend.close!();
      expect((await caught(() => backend.load(randomSessionId()))).code).toBe('BACKEND_CLOSED');
    });
  });
}
