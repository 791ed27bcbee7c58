import { describe, expect, test, vi } from 'vitest';
import { hasBrowser, openBrowserWith } from './open-browser.js';

const CONSENT =
  'https://accounts.google.com/o/oauth2/v2/auth?client_id=a&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000&scope=x&state=s';

const started = () => Promise.resolve({ once: () => undefined });

describe('opening the consent URL', () => {
  test.each(['win32', 'darwin'] as const)(
    '%s: the whole URL, & included, reaches the opener',
    async (platform) => {
      const opener = vi.fn(started);
      expect(await openBrowserWith(CONSENT, { platform, env: {} }, opener)).toBe(true);
      expect(opener).toHaveBeenCalledWith(CONSENT);
    },
  );

  test('linux with a graphical session opens; over SSH (no DISPLAY) it does not try', async () => {
    const opener = vi.fn(started);
    expect(
      await openBrowserWith(CONSENT, { platform: 'linux', env: { DISPLAY: ':0' } }, opener),
    ).toBe(true);
    expect(
      await openBrowserWith(CONSENT, { platform: 'linux', env: { WAYLAND_DISPLAY: 'w' } }, opener),
    ).toBe(true);
    expect(opener).toHaveBeenCalledTimes(2);
    expect(await openBrowserWith(CONSENT, { platform: 'linux', env: {} }, opener)).toBe(false);
    expect(hasBrowser({ platform: 'freebsd', env: {} })).toBe(false);
    expect(opener).toHaveBeenCalledTimes(2);
  });

  test('an opener that fails resolves false (the URL is printed anyway)', async () => {
    const opener = () => Promise.reject(new Error('spawn xdg-open ENOENT'));
    expect(
      await openBrowserWith(CONSENT, { platform: 'linux', env: { DISPLAY: ':0' } }, opener),
    ).toBe(false);
  });
});
