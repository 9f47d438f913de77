import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Language } from '../lib/i18n.js';
import { HomeScreen } from './HomeScreen.js';
import type { Hub } from './hub.js';
import { browserLanguage, I18nContext, i18nFor, type Strings } from './i18n.js';
import { takePairParam } from './pairing/claim.js';
import { PairingScreen } from './pairing/PairingScreen.js';
import { clearSession, loadSession, type Session, saveSession } from './session.js';

/** Pairing until a token is stored, then the home; a revoked token leads back to pairing with a notice. */
export function App() {
  const [autoCode] = useState(() => takePairParam());
  const [session, setSession] = useState<Session | null>(() => (autoCode ? null : loadSession()));
  const [notice, setNotice] = useState<keyof Strings | null>(null);
  const [homeLanguage, setHomeLanguage] = useState<Language | null>(null);
  const language = session && homeLanguage ? homeLanguage : browserLanguage();
  const i18n = useMemo(() => i18nFor(language), [language]);

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : language;
    document.title = i18n.s.appName;
  }, [language, i18n]);

  const signOut = (why: keyof Strings | null) => {
    clearSession();
    setHomeLanguage(null);
    setSession(null);
    setNotice(why);
  };

  return (
    <I18nContext.Provider value={i18n}>
      {session ? (
        <HomeScreen
          key={session.token}
          session={session}
          onLanguage={setHomeLanguage}
          onSignedOut={() => signOut('signedOut')}
          onUnpair={(hub: Hub) => {
            if (session.tokenId)
              hub.api.delete(`/api/v1/tokens/${encodeURIComponent(session.tokenId)}`).catch(() => {});
            signOut(null);
          }}
        />
      ) : (
        <PairingScreen
          autoCode={autoCode}
          notice={notice ? i18n.s[notice] : null}
          onPaired={(paired) => {
            if (autoCode) clearSession();
            saveSession(paired);
            setNotice(null);
            setSession(paired);
          }}
        />
      )}
    </I18nContext.Provider>
  );
}
