/** Opening a URL in the user's browser, on every OS. */

/** What the decision reads from the process (injected so every platform is unit-tested). */
export interface BrowserHost {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
}

/** Starts the browser on `url`; resolves when the opener process has started. */
export type UrlOpener = (url: string) => Promise<{ once(event: 'error', fn: () => void): unknown }>;

/**
 * Whether a browser can be shown here: macOS and Windows always have one; on Linux and the
 * BSDs only a graphical session (DISPLAY or WAYLAND_DISPLAY) has one — over SSH the URL is
 * printed for the user to open elsewhere.
 *
 * @param host - the platform and environment of this process.
 * @returns false when opening would fail or open a text-mode browser in the terminal.
 */
export function hasBrowser(host: BrowserHost): boolean {
  if (host.platform === 'darwin' || host.platform === 'win32') return true;
  return Boolean(host.env.DISPLAY || host.env.WAYLAND_DISPLAY);
}

/**
 * Opens `url` with the `open` package, which passes it to the OS opener without a shell (on
 * Windows through PowerShell's Start-Process, so the `&` in Google's consent URL survives).
 *
 * @param url - the URL to open, unchanged.
 * @param host - the platform and environment of this process.
 * @param opener - the `open` package's default export; injected in tests.
 * @returns true when the opener started, false when there is no browser or it failed.
 */
export async function openBrowserWith(
  url: string,
  host: BrowserHost,
  opener: UrlOpener,
): Promise<boolean> {
  if (!hasBrowser(host)) return false;
  try {
    const child = await opener(url);
    child.once('error', () => {});
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens `url` in this process's browser, loading `open` only when it is needed.
 *
 * @param url - the URL to open.
 * @returns true when a browser was started.
 */
export async function openBrowser(url: string): Promise<boolean> {
  const host = { platform: process.platform, env: process.env };
  if (!hasBrowser(host)) return false;
  const { default: open } = await import('open');
  return openBrowserWith(url, host, (target) => open(target));
}
