/**
 * Accounts: Google Photos through OAuth (the browser goes to Google's consent page and comes
 * back to this server's callback), GoPro by e-mail + password or a pasted token; each checked
 * before it is kept. Shows what is connected and signs out.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AccountStatus, AccountsStatus } from '../../shared/api-types.js';
import { getJson, send } from '../api.js';

function Connected(props: { status: AccountStatus }) {
  const { status } = props;
  return (
    <p data-testid="account-state">
      {status.connected ? (
        <>
          <span class="dot ok" aria-hidden="true" /> Connected
          {status.method ? ` (${status.method})` : ''}
          {status.label ? ` — ${status.label}` : ''}
        </>
      ) : (
        <>
          <span class="dot bad" aria-hidden="true" /> Not connected
        </>
      )}
    </p>
  );
}

/** The accounts page. */
export function AccountsPage() {
  const [status, setStatus] = useState<AccountsStatus | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [userId, setUserId] = useState('');
  const refresh = () => getJson<AccountsStatus>('/api/accounts').then(setStatus);
  useEffect(() => {
    refresh().catch((e: Error) => setMessage({ text: e.message, error: true }));
  }, []);
  const act = async (run: () => Promise<unknown>, done: string) => {
    setMessage(null);
    try {
      await run();
      await refresh();
      setMessage({ text: done });
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
    }
  };
  const connectGoogle = () =>
    act(async () => {
      const { authUrl } = await send<{ authUrl: string }>('POST', '/api/accounts/google/start');
      window.location.assign(authUrl);
    }, 'Opening Google…');
  if (!status) return <p>Loading…</p>;
  return (
    <section>
      <h1>Accounts</h1>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} class={message.error ? 'error' : 'notice'}>
          {message.text}
        </p>
      ) : null}
      <div class="cards">
        <article class="card" aria-labelledby="google-title">
          <h2 id="google-title">Google Photos</h2>
          <Connected status={status.google} />
          {!status.google.oauthConfigured ? (
            <p class="hint">
              Set Q2G_GOOGLE_CLIENT_ID and Q2G_GOOGLE_CLIENT_SECRET to connect Google Photos.
            </p>
          ) : null}
          <div class="actions">
            <button type="button" onClick={connectGoogle} disabled={!status.google.oauthConfigured}>
              {status.google.connected ? 'Reconnect' : 'Connect Google Photos'}
            </button>
            {status.google.connected ? (
              <>
                <button
                  type="button"
                  class="secondary"
                  onClick={() =>
                    act(() => send('POST', '/api/accounts/google/verify'), 'Google Photos answers.')
                  }
                >
                  Check
                </button>
                <button
                  type="button"
                  class="secondary"
                  onClick={() =>
                    act(
                      () => send('DELETE', '/api/accounts/google'),
                      'Signed out of Google Photos.',
                    )
                  }
                >
                  Sign out
                </button>
              </>
            ) : null}
          </div>
        </article>
        <article class="card" aria-labelledby="gopro-title">
          <h2 id="gopro-title">GoPro</h2>
          <Connected status={status.gopro} />
          {status.gopro.connected ? (
            <div class="actions">
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  act(() => send('POST', '/api/accounts/gopro/verify'), 'GoPro answers.')
                }
              >
                Check
              </button>
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  act(() => send('DELETE', '/api/accounts/gopro'), 'Signed out of GoPro.')
                }
              >
                Sign out
              </button>
            </div>
          ) : null}
          <form
            class="form"
            onSubmit={(e) => {
              e.preventDefault();
              act(
                () => send('POST', '/api/accounts/gopro/login', { email, password }),
                'GoPro login works and is saved.',
              ).then(() => setPassword(''));
            }}
          >
            <h3>Log in</h3>
            <label>
              E-mail
              <input
                type="email"
                autoComplete="username"
                required
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            </label>
            <label>
              Password
              <input
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </label>
            <button type="submit">Log in to GoPro</button>
          </form>
          <form
            class="form"
            onSubmit={(e) => {
              e.preventDefault();
              act(
                () =>
                  send('POST', '/api/accounts/gopro/token', {
                    accessToken: token,
                    ...(userId ? { userId } : {}),
                  }),
                'GoPro token works and is saved.',
              ).then(() => setToken(''));
            }}
          >
            <h3>Or paste a token</h3>
            <label>
              gp_access_token
              <input
                type="password"
                autoComplete="off"
                required
                value={token}
                onInput={(e) => setToken(e.currentTarget.value)}
              />
            </label>
            <label>
              gp_user_id (optional)
              <input
                type="text"
                autoComplete="off"
                value={userId}
                onInput={(e) => setUserId(e.currentTarget.value)}
              />
            </label>
            <button type="submit">Use this token</button>
          </form>
        </article>
      </div>
    </section>
  );
}
