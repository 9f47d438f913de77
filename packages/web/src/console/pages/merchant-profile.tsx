import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { errorFor, Field, FormError } from '../components/field.js';
import type { LocalizedName, Merchant } from '../lib/commerce.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';

const NAME_FIELDS = [
  ['en', 'Name in English'],
  ['zh', 'Name in Chinese'],
  ['it', 'Name in Italian'],
  ['fr', 'Name in French'],
] as const;

interface ProfileForm {
  names: Record<keyof LocalizedName, string>;
  email: string;
  phone: string;
  person: string;
  holder: string;
  iban: string;
  webhookUrl: string;
}

function formOf(merchant: Merchant): ProfileForm {
  return {
    names: {
      en: merchant.name.en,
      zh: merchant.name.zh ?? '',
      it: merchant.name.it ?? '',
      fr: merchant.name.fr ?? '',
    },
    email: merchant.contact.email ?? '',
    phone: merchant.contact.phone ?? '',
    person: merchant.contact.person ?? '',
    holder: merchant.payout?.holder ?? '',
    iban: merchant.payout?.iban ?? '',
    webhookUrl: merchant.webhookUrl ?? '',
  };
}

/** Only what is filled in: an empty optional field is left out rather than sent as "". */
function filled<T extends Record<string, string>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values)
      .map(([key, value]) => [key, value.trim()])
      .filter(([, value]) => value !== ''),
  ) as Partial<T>;
}

function patchOf(form: ProfileForm) {
  const holder = form.holder.trim();
  const iban = form.iban.replace(/\s+/g, '').toUpperCase();
  return {
    name: { ...filled(form.names), en: form.names.en.trim() },
    contact: filled({ email: form.email, phone: form.phone, person: form.person }),
    payout: holder || iban ? { holder, ...(iban ? { iban } : {}) } : null,
    webhookUrl: form.webhookUrl.trim() || null,
  };
}

/** The merchant's profile: names in four languages, contact, payout account and webhook address. */
export function MerchantProfile(props: { merchant: Merchant; onSaved: (merchant: Merchant) => void }) {
  const { api } = useSession();
  const [form, setForm] = useState(() => formOf(props.merchant));
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<ProfileForm>) => {
    setSaved(false);
    setForm((current) => ({ ...current, ...change }));
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const merchant = await api.patch<Merchant>(
        `/api/v1/merchants/${encodeURIComponent(props.merchant.id)}`,
        patchOf(form),
      );
      setForm(formOf(merchant));
      setSaved(true);
      props.onSaved(merchant);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  const text = (
    label: string,
    value: string,
    onInput: (value: string) => void,
    field: string,
    type = 'text',
  ) => (
    <Field key={field} label={label} error={errorFor(error, field)}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={value}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );

  return (
    <form onSubmit={(event) => void save(event)} aria-label="Merchant profile">
      <fieldset class="grid-fields">
        <legend>Names</legend>
        {NAME_FIELDS.map(([language, label]) =>
          text(
            label,
            form.names[language],
            (value) => set({ names: { ...form.names, [language]: value } }),
            `name/${language}`,
          ),
        )}
      </fieldset>
      <fieldset class="grid-fields">
        <legend>Contact</legend>
        {text('Contact email', form.email, (email) => set({ email }), 'contact/email', 'email')}
        {text('Contact phone', form.phone, (phone) => set({ phone }), 'contact/phone', 'tel')}
        {text('Contact person', form.person, (person) => set({ person }), 'contact/person')}
      </fieldset>
      <fieldset class="grid-fields">
        <legend>Payouts and webhook</legend>
        {text('Payout account holder', form.holder, (holder) => set({ holder }), 'payout/holder')}
        {text('IBAN', form.iban, (iban) => set({ iban }), 'payout/iban')}
        {text('Webhook URL', form.webhookUrl, (webhookUrl) => set({ webhookUrl }), 'webhookUrl', 'url')}
      </fieldset>
      <FormError error={error} fields={['name', 'contact', 'payout', 'webhookUrl']} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save profile'}
        </button>
        <span role="status">{saved ? 'Saved.' : ''}</span>
      </div>
    </form>
  );
}
