import { describe, expect, it } from 'vitest';
import { runGoProCommand } from './cli-command.js';

describe('q2google-sandbox gopro', () => {
  it('starts the emulator from flags and prints its URLs, account and a token', async () => {
    const lines: string[] = [];
    const emulator = await runGoProCommand(['--seed', '4', '--items', '3'], (l) => lines.push(l));
    try {
      const printed = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(printed.apiUrl).toBe(emulator.apiUrl);
      expect(printed.items).toBe(13);
      const res = await fetch(`${emulator.apiUrl}/media/user`, {
        headers: { authorization: `Bearer ${printed.accessToken}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  it('refuses a malformed number', async () => {
    await expect(runGoProCommand(['--items', 'many'], () => {})).rejects.toThrow('--items');
  });
});
