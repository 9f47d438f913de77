import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { Field } from '../components/field.js';
import { asApiError } from '../lib/console-api.js';
import { href } from '../lib/route.js';
import { type Identity, identify } from '../lib/session.js';

/** Paste a token; the hub checks it before the console opens. */
export function SignIn(props: {
  notice: string | null;
  onSignedIn: (token: string, identity: Identity) => void;
}) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError(asApiError(new Error('Paste a token first.')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(value, await identify(value));
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in" id="main">
      <h1>Genio console</h1>
      {props.notice ? (
        <p class="notice" role="alert">
          {props.notice}
        </p>
      ) : null}
      <form onSubmit={(event) => void submit(event)} aria-label="Sign in">
        <Field
          label="Token"
          error={error?.message}
          hint='The operator token printed by "genio start", or any token created here. It stays in this browser until you sign out.'
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autocomplete="off"
              spellcheck={false}
              value={token}
              onInput={(event) => setToken(event.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      <p>
        A shop or a café? <a href={href('apply')}>Apply as a merchant</a>
      </p>
    </main>
  );
}
