/** Ledger: units any session created, looked up by key; the first record of a key wins. */
import type { LedgerEntry } from '@q2google/core';
import { instant, randomSessionId } from '../fixtures.js';
import { type GroupInput, skipGroup, using } from '../harness.js';

const TITLE = 'ledger';

/** Registers the `ledger` group (capability `ledger`). */
export function ledgerGroup(input: GroupInput): void {
  const { api, options, ctx, capabilities } = input;
  const { describe, test, expect } = api;
  if (!capabilities.ledger) {
    skipGroup(api, TITLE, 'the backend does not declare ledger');
    return;
  }
  const open = () => options.create(ctx);
  const entry = (key: string, sessionId = 'session-a'): LedgerEntry => ({
    key,
    sessionId,
    mediaItemId: `AK-${key}`,
    createdAt: instant(5),
  });

  describe(TITLE, () => {
    test('looking up unknown keys gives an empty map', async () => {
      await using(open, async (backend) => {
        const found = await backend.ledgerLookup!([randomSessionId('k'), randomSessionId('k')]);
        expect(found.size).toBe(0);
      });
    });

    test('recorded entries are found by key, exactly; unknown keys are absent', async () => {
      const keys = [randomSessionId('k'), `${randomSessionId('k')}:chapter-2/ü 🎬`];
      const unknown = randomSessionId('k');
      await using(open, async (backend) => {
        await backend.ledgerRecord!(keys.map((k) => entry(k)));
        const found = await backend.ledgerLookup!([...keys, unknown]);
        expect([...found.keys()].sort()).toEqual([...keys].sort());
        for (const key of keys) expect(found.get(key)).toStrictEqual(entry(key));
        expect(found.has(unknown)).toBe(false);
      });
    });

    test('recording a key again keeps the first entry', async () => {
      const key = randomSessionId('k');
      await using(open, async (backend) => {
        await backend.ledgerRecord!([entry(key, 'session-first')]);
        await backend.ledgerRecord!([entry(key, 'session-second')]);
        expect((await backend.ledgerLookup!([key])).get(key)?.sessionId).toBe('session-first');
      });
    });

    test('recording and looking up nothing is a no-op', async () => {
      await using(open, async (backend) => {
        await backend.ledgerRecord!([]);
        expect((await backend.ledgerLookup!([])).size).toBe(0);
      });
    });

    test('a thousand entries recorded at once are all found', async () => {
      const prefix = randomSessionId('bulk');
      const entries = Array.from({ length: 1000 }, (_, i) => entry(`${prefix}-${i}`));
      await using(open, async (backend) => {
        await backend.ledgerRecord!(entries);
        const found = await backend.ledgerLookup!(entries.map((e) => e.key));
        expect(found.size).toBe(1000);
        expect(found.get(`${prefix}-999`)).toStrictEqual(entries[999]);
      });
    });
  });
}
