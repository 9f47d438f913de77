import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n.js';
import type { Session } from '../session.js';
import { claimCode, type PairingFailure } from './claim.js';

interface Props {
  /** A code from the URL (`?pair=`), claimed at once. */
  autoCode: string | null;
  /** Why the screen is here again (for example: the token was revoked). */
  notice: string | null;
  onPaired: (session: Session) => void;
}

/** The first screen: type the short code from the console (or open its QR link) to pair with a home. */
export function PairingScreen({ autoCode, notice, onPaired }: Props) {
  const { s } = useI18n();
  const [code, setCode] = useState(autoCode ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<PairingFailure | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (value: string) => {
    setBusy(true);
    setFailure(null);
    const result = await claimCode(value);
    setBusy(false);
    if (result.ok) onPaired(result.session);
    else {
      setFailure(result.failure);
      input.current?.focus();
    }
  };

  useEffect(() => {
    if (autoCode) void submit(autoCode);
    else input.current?.focus();
    // Claim the URL's code once, on first render only.
  }, []);

  const message = failure === null ? null : typeof failure === 'string' ? s[failure] : failure.message;

  return (
    <main class="pairing" aria-labelledby="pairing-title">
      <section class="pairing-panel">
        <h1 id="pairing-title">{s.pairTitle}</h1>
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <p>{s.pairIntro}</p>
        <form
          class="pairing-form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit(code);
          }}
        >
          <label for="pair-code">{s.pairCodeLabel}</label>
          <input
            id="pair-code"
            ref={input}
            class="pair-code"
            value={code}
            onInput={(event) => setCode(event.currentTarget.value)}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            maxLength={12}
            aria-describedby="pair-hint pair-error"
            aria-invalid={message ? true : undefined}
          />
          <p id="pair-hint" class="hint">
            {s.pairCodeHint}
          </p>
          <button type="submit" class="primary" disabled={busy || code.trim() === ''}>
            {busy ? s.pairing : s.pairButton}
          </button>
          <p id="pair-error" class="error" role="alert" data-testid="pair-error">
            {message ?? ''}
          </p>
        </form>
      </section>
    </main>
  );
}
