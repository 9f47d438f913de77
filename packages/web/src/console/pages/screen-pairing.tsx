import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { Countdown } from '../components/countdown.js';
import { LinkQr } from '../components/link-qr.js';
import { LoadError } from '../components/status.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { formatPairingCode } from '../lib/format.js';
import { useHubInfo } from '../lib/hub-info.js';
import { type PairingLink, pairingLink } from '../lib/pairing-link.js';
import type { Home, ScreenPairingCode } from '../lib/types.js';

/** "Pair a screen": a one-time code, shown big with its countdown, its QR code and its URL. */
export function ScreenPairingPanel(props: { home: Home }) {
  const { api } = useSession();
  const [code, setCode] = useState<ScreenPairingCode | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const homePath = `/api/v1/homes/${encodeURIComponent(props.home.id)}`;
  const info = useHubInfo();
  const link = code && !info.loading ? pairingLink(code.url, info.data) : null;

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setCode(await api.post<ScreenPairingCode>(`${homePath}/screen-pairing`));
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="pairing-title">
      <div class="title-row">
        <h3 id="pairing-title">Speaker screen</h3>
        <span class="spacer" />
        <button type="button" class={code ? '' : 'primary'} disabled={busy} onClick={() => void create()}>
          {code ? 'New code' : 'Pair a screen'}
        </button>
        {code ? (
          <button type="button" onClick={() => setCode(null)}>
            Close
          </button>
        ) : null}
      </div>
      {error ? <LoadError error={error} /> : null}
      {code ? (
        <div class="pairing">
          <div>
            <p class="muted" id="pairing-code-label">
              Pairing code
            </p>
            <p class="pairing-code" data-testid="pairing-code">
              {formatPairingCode(code.code)}
            </p>
            <p>
              <Countdown until={code.expiresAt} expired="Expired: create a new code." />. Type the code on the
              screen, scan the QR code, or open:
            </p>
            {link ? (
              <>
                <p>
                  <a href={link.url} class="break" data-testid="pairing-link">
                    {link.url}
                  </a>
                </p>
                <LinkNote link={link} />
              </>
            ) : (
              <p class="loading" aria-busy="true">
                Finding the hub's address…
              </p>
            )}
            <p class="muted">One use only. The screen gets a household token of {props.home.name}.</p>
          </div>
          {link ? (
            <LinkQr url={link.url} alt={`QR code that pairs a screen with ${props.home.name}`} size={200} />
          ) : null}
        </div>
      ) : (
        <p class="muted">
          Pair a speaker screen with this home: it receives a household token for {props.home.name}.
        </p>
      )}
    </section>
  );
}

/** Why this link, and a visible warning when only this machine can open it. */
function LinkNote(props: { link: PairingLink }) {
  if (props.link.localOnly)
    return (
      <p class="warning" role="alert" data-testid="pairing-local-warning">
        This link names this machine (localhost): it works only in a browser on this machine, not on a phone
        or another screen. Start the hub with --public-url, or open the console at the hub's network address,
        to get a link other devices can open.
      </p>
    );
  if (props.link.source === 'publicUrl')
    return <p class="muted">The link uses the hub's public URL (--public-url).</p>;
  if (props.link.source === 'lan')
    return (
      <p class="muted">
        The link uses the hub's address on the local network: the screen must be on the same network.
      </p>
    );
  return null;
}
