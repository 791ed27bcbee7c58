/** The dashboard's frame: header with navigation and backend status, and the current page. */
import { useEffect, useState } from 'preact/hooks';
import type { BackendStatus } from '../../shared/api-types.js';
import { getJson, whoAmI } from '../api.js';
import { Link, navigate, usePath } from '../router.js';
import { AccountsPage } from './accounts-page.js';
import { NewSyncPage } from './new-sync.js';
import { SessionPage } from './session-page.js';
import { SessionsList } from './sessions-list.js';

function BackendBadge() {
  const [status, setStatus] = useState<BackendStatus | null>(null);
  useEffect(() => {
    getJson<BackendStatus>('/api/backend').then(setStatus, () => setStatus(null));
  }, []);
  if (!status) return null;
  return (
    <p class="backend" data-testid="backend-status">
      <span class={status.reachable ? 'dot ok' : 'dot bad'} aria-hidden="true" />
      State: <strong>{status.name}</strong> <code>{status.uri}</code>{' '}
      {status.reachable ? 'reachable' : `unreachable — ${status.problem ?? ''}`}
    </p>
  );
}

/** The whole app. */
export function App() {
  const path = usePath();
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    whoAmI().then(
      (me) => setDemo(me.demo !== null),
      () => {},
    );
  }, []);
  const session = /^\/sessions\/([^/]+)$/.exec(path)?.[1];
  const current = (href: string) => (path === href ? 'page' : undefined);
  return (
    <>
      <header class="top">
        <div class="brand">q2google{demo ? <span class="tag">demo</span> : null}</div>
        <nav aria-label="Main">
          <ul>
            <li>
              <a href="/" aria-current={current('/')} onClick={nav('/')}>
                Sessions
              </a>
            </li>
            <li>
              <a href="/new" aria-current={current('/new')} onClick={nav('/new')}>
                New sync
              </a>
            </li>
            <li>
              <a href="/accounts" aria-current={current('/accounts')} onClick={nav('/accounts')}>
                Accounts
              </a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main">
        {session ? (
          <SessionPage id={decodeURIComponent(session)} />
        ) : path === '/new' ? (
          <NewSyncPage />
        ) : path === '/accounts' ? (
          <AccountsPage />
        ) : path === '/' ? (
          <SessionsList />
        ) : (
          <section>
            <h1>Not found</h1>
            <p>
              <Link href="/">All sessions</Link>
            </p>
          </section>
        )}
      </main>
      <footer>
        <BackendBadge />
      </footer>
    </>
  );
}

function nav(href: string) {
  return (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(href);
  };
}
