import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ConsoleApi } from './lib/console-api.js';
import { type ConsoleSession, SessionContext, useLiveState, useSession } from './lib/context.js';
import { LiveEvents } from './lib/live.js';
import { MINIAPP_ACTIONS } from './lib/miniapps.js';
import { href, useRoute } from './lib/route.js';
import { type Identity, identify, may, storedToken, storeToken } from './lib/session.js';
import { ApplyPage } from './pages/apply.js';
import { DeviceDetail } from './pages/device-detail.js';
import { DevicesPage } from './pages/devices.js';
import { EventsPage } from './pages/events.js';
import { HomesPage } from './pages/homes.js';
import { MerchantPage } from './pages/merchant.js';
import { MerchantsPage } from './pages/merchants.js';
import { MiniAppReviewPage } from './pages/miniapp-review.js';
import { MiniAppDetail, MiniAppsPage } from './pages/miniapps.js';
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
  const route = useRoute();

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
    // A merchant's socket carries its own orders (the live board); other tokens that may not subscribe
    // get no socket, so it is never refused over and over.
    const live = new LiveEvents(
      api,
      () => signOut(SESSION_ENDED),
      may(identity, 'events.subscribe') || identity.merchantId !== null,
    );
    return { api, identity, live };
  }, [token, identity]);
  useEffect(() => () => session?.live.close(), [session]);

  const signedIn = (value: string, found: Identity) => {
    storeToken(value);
    setNotice(null);
    setIdentity(found);
    setToken(value);
  };
  if (!token && route[0] === 'apply') return <ApplyPage onSignedIn={signedIn} />;
  if (!token) return <SignIn notice={notice} onSignedIn={signedIn} />;
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

/** Each page with the policy action a token needs to use it; the console shows a role only its pages. */
const NAV = [
  ['homes', 'Homes and areas', 'home.list'],
  ['devices', 'Devices', 'device.list'],
  ['products', 'Products', 'product.list'],
  ['tokens', 'Tokens', 'token.list'],
  ['events', 'Live log', 'events.subscribe'],
  ['merchant', 'Merchant', 'merchant.read'],
  ['merchants', 'Merchants', 'merchant.review'],
  ['miniapps', 'Mini-apps', MINIAPP_ACTIONS.develop],
  ['miniapp-review', 'Mini-app review', MINIAPP_ACTIONS.review],
] as const;

type PageKey = (typeof NAV)[number][0];

function pageOf(route: string[]): string {
  const page = route[0];
  if (page === 'device') return 'devices';
  return page ?? '';
}

/** The pages this token may use, in menu order (the merchant page is for a token acting for one merchant). */
function pagesFor(identity: Identity): ReadonlyArray<(typeof NAV)[number]> {
  return NAV.filter(
    ([key, , action]) => may(identity, action) && (key !== 'merchant' || identity.merchantId !== null),
  );
}

function Page(props: { route: string[]; pages: readonly PageKey[] }): ComponentChildren {
  const [, id] = props.route;
  const wanted = pageOf(props.route);
  const page = (props.pages as readonly string[]).includes(wanted) ? wanted : props.pages[0];
  if (wanted && page !== wanted && (NAV as ReadonlyArray<readonly string[]>).some(([key]) => key === wanted))
    return <NotForThisRole />;
  switch (page) {
    case 'merchant':
      return <MerchantPage section={id} />;
    case 'merchants':
      return <MerchantsPage />;
    case 'devices':
      return props.route[0] === 'device' && id ? <DeviceDetail deviceId={id} /> : <DevicesPage />;
    case 'products':
      return id ? <ProductDetail productKey={id} /> : <ProductsPage />;
    case 'tokens':
      return <TokensPage />;
    case 'miniapps':
      return id ? <MiniAppDetail appId={id} /> : <MiniAppsPage />;
    case 'miniapp-review':
      return <MiniAppReviewPage />;
    case 'events':
      return <EventsPage />;
    case 'homes':
      return <HomesPage selectedId={props.route[0] === 'homes' ? id : undefined} />;
    default:
      return <NotForThisRole />;
  }
}

function NotForThisRole() {
  const { identity } = useSession();
  return (
    <div class="page">
      <h1>Not available</h1>
      <p class="notice">
        This page is not part of what a {identity.role} token may use. Pick a page from the menu.
      </p>
    </div>
  );
}

function Shell(props: { onSignOut: () => void }) {
  const route = useRoute();
  const { identity } = useSession();
  const live = useLiveState();
  const pages = pagesFor(identity);
  const keys = pages.map(([key]) => key);
  const current = keys.includes(pageOf(route) as PageKey) ? pageOf(route) : keys[0];
  return (
    <div class="shell">
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header class="topbar">
        <span class="brand">Genio console</span>
        <nav aria-label="Console">
          <ul>
            {pages.map(([key, label]) => (
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
        <Page route={route} pages={keys} />
      </main>
    </div>
  );
}
