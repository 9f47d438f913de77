import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ConsoleApi } from './lib/console-api.js';
import { type ConsoleSession, SessionContext, useLiveState, useSession } from './lib/context.js';
import { LiveEvents } from './lib/live.js';
import { href, useRoute } from './lib/route.js';
import { type Identity, identify, storedToken, storeToken } from './lib/session.js';
import { DeviceDetail } from './pages/device-detail.js';
import { DevicesPage } from './pages/devices.js';
import { EventsPage } from './pages/events.js';
import { HomesPage } from './pages/homes.js';
import { ProductDetail } from './pages/product-detail.js';
import { ProductsPage } from './pages/products.js';
import { SignIn } from './pages/sign-in.js';
import { TokensPage } from './pages/tokens.js';

const SESSION_ENDED =
  'Your session ended: the hub no longer accepts this token (it was revoked or changed). Sign in again.';

/** The console: the sign-in page, or the signed-in shell with its pages. */
export function App() {
  const [token, setToken] = useState<string | null>(storedToken);
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = (message: string | null) => {
    storeToken(null);
    setToken(null);
    setIdentity(null);
    setNotice(message);
  };

  // A token kept from an earlier visit is checked again before it is used.
  useEffect(() => {
    if (!token || identity) return;
    let cancelled = false;
    identify(token).then(
      (found) => {
        if (!cancelled) setIdentity(found);
      },
      () => {
        if (!cancelled) signOut(SESSION_ENDED);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [token, identity]);

  const session = useMemo<ConsoleSession | null>(() => {
    if (!token || !identity) return null;
    const api = new ConsoleApi(token, () => signOut(SESSION_ENDED));
    return { api, identity, live: new LiveEvents(api, () => signOut(SESSION_ENDED)) };
  }, [token, identity]);
  useEffect(() => () => session?.live.close(), [session]);

  if (!token)
    return (
      <SignIn
        notice={notice}
        onSignedIn={(value, found) => {
          storeToken(value);
          setNotice(null);
          setIdentity(found);
          setToken(value);
        }}
      />
    );
  if (!session)
    return (
      <main class="sign-in" id="main">
        <p class="loading" aria-busy="true">
          Checking the saved token…
        </p>
      </main>
    );
  return (
    <SessionContext.Provider value={session}>
      <Shell onSignOut={() => signOut('You are signed out.')} />
    </SessionContext.Provider>
  );
}

const NAV = [
  ['homes', 'Homes and areas'],
  ['devices', 'Devices'],
  ['products', 'Products'],
  ['tokens', 'Tokens'],
  ['events', 'Live log'],
] as const;

function Page(props: { route: string[] }): ComponentChildren {
  const [page, id] = props.route;
  switch (page) {
    case 'device':
      return id ? <DeviceDetail deviceId={id} /> : <DevicesPage />;
    case 'devices':
      return <DevicesPage />;
    case 'products':
      return id ? <ProductDetail productKey={id} /> : <ProductsPage />;
    case 'tokens':
      return <TokensPage />;
    case 'events':
      return <EventsPage />;
    default:
      return <HomesPage selectedId={page === 'homes' ? id : undefined} />;
  }
}

function Shell(props: { onSignOut: () => void }) {
  const route = useRoute();
  const { identity } = useSession();
  const live = useLiveState();
  const current = route[0] === 'device' ? 'devices' : (route[0] ?? 'homes');
  return (
    <div class="shell">
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header class="topbar">
        <span class="brand">Genio console</span>
        <nav aria-label="Console">
          <ul>
            {NAV.map(([key, label]) => (
              <li key={key}>
                <a href={href(key)} aria-current={current === key ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          <span
            class={`dot ${live === 'open' ? 'on' : 'off'}`}
            title={`Live events: ${live}`}
            aria-hidden="true"
          />
          Signed in as <strong class="role">{identity.role}</strong>
          <button type="button" onClick={props.onSignOut}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </div>
  );
}
