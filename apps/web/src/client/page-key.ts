/**
 * The page key: `/auth` hands it over once in the URL fragment (never sent to a server); the
 * page keeps it in sessionStorage (this tab and this origin, port included, unlike cookies) and
 * sends it with every API request. Another process's page on 127.0.0.1 gets the cookie but
 * never this key.
 */

const STORAGE_KEY = 'q2g.pageKey';

/** Takes the key from `#key=…` into sessionStorage and removes it from the address bar. */
export function adoptPageKey(): void {
  const key = new URLSearchParams(location.hash.slice(1)).get('key');
  if (!key) return;
  sessionStorage.setItem(STORAGE_KEY, key);
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** The header that authenticates an API request of this page. */
export function pageKeyHeaders(): Record<string, string> {
  const key = sessionStorage.getItem(STORAGE_KEY);
  return key ? { 'x-q2g-key': key } : {};
}
