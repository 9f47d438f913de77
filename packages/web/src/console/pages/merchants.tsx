import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { Field, FormError } from '../components/field.js';
import { Empty, LoadError, Loading } from '../components/status.js';
import { type Merchant, type MerchantStatus, nameOf } from '../lib/commerce.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { formatDateTime } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';

const FILTERS: ReadonlyArray<[MerchantStatus | '', string]> = [
  ['pending', 'Waiting for review'],
  ['approved', 'Approved'],
  ['rejected', 'Rejected'],
  ['', 'All'],
];

/** The operator's review of merchant applications: list by status, approve, or reject with a reason. */
export function MerchantsPage() {
  const { api } = useSession();
  const [status, setStatus] = useState<MerchantStatus | ''>('pending');
  const merchants = useLoad(
    () => api.get<Merchant[]>(`/api/v1/merchants${status ? `?status=${status}` : ''}`),
    [api, status],
  );
  return (
    <div class="page">
      <h1>Merchants</h1>
      <Field label="Show merchants">
        {(control) => (
          <select
            {...control}
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value as MerchantStatus | '')}
          >
            {FILTERS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {merchants.error ? <LoadError error={merchants.error} retry={merchants.reload} /> : null}
      {merchants.loading && !merchants.data ? <Loading what="the merchants" /> : null}
      {merchants.data && merchants.data.length === 0 ? (
        <Empty>{status === 'pending' ? 'No applications wait for review.' : 'No merchants here.'}</Empty>
      ) : null}
      <ul class="merchant-list" aria-label="Merchants">
        {(merchants.data ?? []).map((merchant) => (
          <li key={merchant.id} class="panel">
            <MerchantReview merchant={merchant} onReviewed={merchants.reload} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function MerchantReview(props: { merchant: Merchant; onReviewed: () => void }) {
  const { api } = useSession();
  const { merchant } = props;
  const name = nameOf(merchant.name);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/merchants/${encodeURIComponent(merchant.id)}`;

  const review = async (path: string, body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await api.post<Merchant>(`${base}/${path}`, body);
      props.onReviewed();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  const reject = (event: Event) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(asApiError(new Error('Say why, so the merchant knows what to fix.')));
      return;
    }
    void review('reject', { reason: reason.trim() });
  };

  return (
    <article aria-label={`Merchant ${name}`}>
      <div class="title-row">
        <h2>{name}</h2>
        <span class="badge" data-testid="merchant-review-status">
          {merchant.status}
        </span>
      </div>
      <dl class="pairs">
        <dt>Other names</dt>
        <dd>
          {(['zh', 'it', 'fr'] as const)
            .map((language) => merchant.name[language])
            .filter(Boolean)
            .join(' · ') || 'none'}
        </dd>
        <dt>Currency</dt>
        <dd>{merchant.currency}</dd>
        <dt>Contact</dt>
        <dd class="break">
          {[merchant.contact.person, merchant.contact.email, merchant.contact.phone]
            .filter(Boolean)
            .join(', ') || 'none'}
        </dd>
        <dt>Applied</dt>
        <dd>{formatDateTime(merchant.createdAt)}</dd>
        {merchant.reason ? (
          <>
            <dt>Reason</dt>
            <dd>{merchant.reason}</dd>
          </>
        ) : null}
      </dl>
      {merchant.status !== 'approved' ? (
        <div class="actions">
          <button
            type="button"
            class="primary"
            aria-label={`Approve ${name}`}
            disabled={busy}
            onClick={() => void review('approve')}
          >
            Approve
          </button>
          {merchant.status === 'pending' && !rejecting ? (
            <button type="button" aria-label={`Reject ${name}`} onClick={() => setRejecting(true)}>
              Reject…
            </button>
          ) : null}
        </div>
      ) : null}
      {rejecting ? (
        <form onSubmit={reject} aria-label={`Reject ${name}`}>
          <Field
            label={`Reason for rejecting ${name}`}
            hint="The merchant sees it on its onboarding checklist."
          >
            {(control) => (
              <textarea
                {...control}
                rows={2}
                maxLength={500}
                value={reason}
                onInput={(event) => setReason(event.currentTarget.value)}
              />
            )}
          </Field>
          <div class="actions">
            <button type="submit" class="danger" disabled={busy}>
              Reject with this reason
            </button>
            <button type="button" onClick={() => setRejecting(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <FormError error={error} />
    </article>
  );
}
