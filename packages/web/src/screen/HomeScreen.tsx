import { useEffect, useState } from 'preact/hooks';
import type { ConnectionState } from '../lib/events.js';
import type { Language } from '../lib/i18n.js';
import { Conversation } from './conversation/Conversation.js';
import { DeviceTiles } from './devices/DeviceTiles.js';
import { type Hub, useHub } from './hub.js';
import { useI18n } from './i18n.js';
import { MiniAppsPanel } from './miniapps/MiniAppsPanel.js';
import type { Session } from './session.js';
import { Timers } from './timers/Timers.js';
import { useHome } from './useHome.js';

interface Props {
  session: Session;
  onLanguage: (language: Language) => void;
  onSignedOut: () => void;
  onUnpair: (hub: Hub) => void;
}

function ConnectionBadge({ state }: { state: ConnectionState }) {
  const { s } = useI18n();
  const text = state === 'open' ? s.connected : state === 'connecting' ? s.connecting : s.disconnected;
  return (
    <span class={`connection connection-${state}`} role="status" aria-label={`${s.connection}: ${text}`}>
      <span class="dot" aria-hidden="true" />
      {text}
    </span>
  );
}

/** The paired screen: the home's name, the assistant, timers and device tiles. */
export function HomeScreen({ session, onLanguage, onSignedOut, onUnpair }: Props) {
  const { s } = useI18n();
  const hub = useHub(session, onSignedOut);
  const { home, error } = useHome(hub);
  const [showApps, setShowApps] = useState(false);

  useEffect(() => {
    if (home) onLanguage(home.language);
  }, [home?.language]);

  return (
    <div class="home-screen">
      <header class="topbar">
        <h1 class="home-name" data-testid="home-name">
          {home?.name ?? s.appName}
        </h1>
        <ConnectionBadge state={hub.state} />
        <button type="button" class="quiet" aria-expanded={showApps} onClick={() => setShowApps(!showApps)}>
          {s.miniApps}
        </button>
        <button
          type="button"
          class="quiet"
          onClick={() => {
            if (window.confirm(s.unpairConfirm)) onUnpair(hub);
          }}
        >
          {s.unpair}
        </button>
      </header>
      {hub.state === 'closed' ? (
        <p class="error banner" role="alert" data-testid="hub-unreachable">
          {s.hubUnreachable}
        </p>
      ) : null}
      {error ? (
        <p class="error banner" role="alert">
          {error}
        </p>
      ) : null}
      <main class="layout">
        <div class="column column-talk">
          {showApps ? <MiniAppsPanel hub={hub} onClose={() => setShowApps(false)} /> : null}
          <Conversation hub={hub} />
          <Timers hub={hub} />
        </div>
        <div class="column column-devices">
          <DeviceTiles hub={hub} />
        </div>
      </main>
    </div>
  );
}
