import { useState } from 'preact/hooks';
import { ApiClient, type ApiError } from '../../lib/api.js';
import { CopyButton } from '../components/copy-button.js';
import { errorFor, Field, FormError } from '../components/field.js';
import type { Merchant } from '../lib/commerce.js';
import { asApiError } from '../lib/console-api.js';
import { href, navigate } from '../lib/route.js';
import { type Identity, identify } from '../lib/session.js';

const CURRENCIES = ['EUR', 'CNY', 'USD', 'GBP', 'CHF'] as const;

const FIELDS = [
  ['en', 'Business name in English', 'name/en'],
  ['zh', 'Business name in Chinese', 'name/zh'],
  ['it', 'Business name in Italian', 'name/it'],
  ['fr', 'Business name in French', 'name/fr'],
  ['email', 'Contact email', 'contact/email'],
  ['phone', 'Contact phone', 'contact/phone'],
  ['person', 'Contact person', 'contact/person'],
] as const;

type Key = (typeof FIELDS)[number][0];

function bodyOf(values: Record<Key, string>, currency: string) {
  const pick = (keys: readonly Key[]) =>
    Object.fromEntries(keys.map((key) => [key, values[key].trim()]).filter(([, value]) => value !== ''));
  return {
    name: { ...pick(['zh', 'it', 'fr']), en: values.en.trim() },
    currency,
    contact: pick(['email', 'phone', 'person']),
  };
}

/** Apply as a merchant without a token; the merchant token the hub answers is shown once and signs the console in. */
export function ApplyPage(props: { onSignedIn: (token: string, identity: Identity) => void }) {
  const [values, setValues] = useState<Record<Key, string>>({
    en: '',
    zh: '',
    it: '',
    fr: '',
    email: '',
    phone: '',
    person: '',
  });
  const [currency, setCurrency] = useState<string>('EUR');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<{ merchant: Merchant; token: string } | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      setApplied(
        await new ApiClient(null).post<{ merchant: Merchant; token: string }>(
          '/api/v1/merchants/applications',
          bodyOf(values, currency),
        ),
      );
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  const open = async () => {
    if (!applied) return;
    setBusy(true);
    try {
      const identity = await identify(applied.token);
      navigate('merchant');
      props.onSignedIn(applied.token, identity);
    } catch (failure) {
      setError(asApiError(failure));
      setBusy(false);
    }
  };

  if (applied)
    return (
      <main class="sign-in" id="main">
        <h1>Application received</h1>
        <p>
          {applied.merchant.name.en} is waiting for the operator's review. Meanwhile you can upload your
          stores and menu.
        </p>
        <section class="panel once" aria-label="Your merchant token">
          <p class="warning">This token is shown only now. Keep it: it is how you sign in to the console.</p>
          <code class="secret" data-testid="merchant-token">
            {applied.token}
          </code>
          <div class="actions">
            <CopyButton text={applied.token} label="Copy token" />
          </div>
        </section>
        <FormError error={error} />
        <button type="button" class="primary" disabled={busy} onClick={() => void open()}>
          Open the merchant console
        </button>
      </main>
    );

  return (
    <main class="sign-in" id="main">
      <h1>Apply as a merchant</h1>
      <p>
        Households order from you on their speaker and pay from their wallet. The operator reviews every
        application.
      </p>
      <form onSubmit={(event) => void submit(event)} aria-label="Merchant application">
        {FIELDS.map(([key, label, field]) => (
          <Field key={key} label={label} error={errorFor(error, field)}>
            {(control) => (
              <input
                {...control}
                type={key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
                required={key === 'en'}
                maxLength={key === 'email' ? 200 : 100}
                value={values[key]}
                onInput={(event) => {
                  const value = event.currentTarget.value;
                  setValues((current) => ({ ...current, [key]: value }));
                }}
              />
            )}
          </Field>
        ))}
        <Field label="Currency" error={errorFor(error, 'currency')}>
          {(control) => (
            <select
              {...control}
              value={currency}
              onChange={(event) => setCurrency(event.currentTarget.value)}
            >
              {CURRENCIES.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          )}
        </Field>
        <FormError error={error} fields={['name', 'contact', 'currency']} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Sending…' : 'Apply'}
          </button>
          <a href={href()}>Back to sign in</a>
        </div>
      </form>
    </main>
  );
}
