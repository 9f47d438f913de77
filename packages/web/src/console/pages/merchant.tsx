import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { LoadError, Loading } from '../components/status.js';
import type { Merchant, Onboarding } from '../lib/commerce.js';
import { nameOf } from '../lib/commerce.js';
import { useSession } from '../lib/context.js';
import { useLoad } from '../lib/use-load.js';
import { MerchantMenu } from './merchant-menu.js';
import { OnboardingChecklist } from './merchant-onboarding.js';
import { MerchantProfile } from './merchant-profile.js';
import { MerchantStores } from './merchant-stores.js';
import { OrderBoard } from './order-board.js';

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="panel" id={`merchant-${props.id}`} aria-labelledby={`merchant-${props.id}-title`}>
      <h2 id={`merchant-${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/**
 * A merchant token's page: onboarding checklist, profile, stores, menu and the live order board.
 * `section` (from #/merchant/<section>) scrolls to one of them, where a checklist step is done.
 */
export function MerchantPage(props: { section?: string | undefined }) {
  const { api, identity } = useSession();
  const merchantId = identity.merchantId ?? '';
  const base = `/api/v1/merchants/${encodeURIComponent(merchantId)}`;
  const profile = useLoad(() => api.get<Merchant>(base), [api, base]);
  const checklist = useLoad(() => api.get<Onboarding>(`${base}/onboarding`), [api, base]);
  const ready = Boolean(profile.data);

  useEffect(() => {
    if (!ready || !props.section) return;
    const target = document.getElementById(`merchant-${props.section}`);
    target?.scrollIntoView({ block: 'start' });
    target?.querySelector<HTMLElement>('input, textarea, button')?.focus({ preventScroll: true });
  }, [props.section, ready]);

  const merchant = profile.data;
  return (
    <div class="page merchant-page">
      <h1>Merchant</h1>
      <dl class="pairs" aria-label="This merchant">
        <dt>Merchant id</dt>
        <dd>
          <code data-testid="merchant-id">{merchantId}</code>
        </dd>
        {merchant ? (
          <>
            <dt>Name</dt>
            <dd>{nameOf(merchant.name)}</dd>
            <dt>Status</dt>
            <dd data-testid="merchant-status">
              {merchant.status}
              {merchant.status === 'rejected' && merchant.reason ? `: ${merchant.reason}` : ''}
            </dd>
            <dt>Currency</dt>
            <dd>{merchant.currency}</dd>
          </>
        ) : null}
      </dl>
      {profile.error ? <LoadError error={profile.error} retry={profile.reload} /> : null}
      {!merchant && profile.loading ? <Loading what="the merchant profile" /> : null}
      {merchant ? (
        <>
          <Section id="onboarding" title="Onboarding">
            <OnboardingChecklist checklist={checklist} />
          </Section>
          <Section id="orders" title="Order board">
            <OrderBoard merchantId={merchant.id} onChanged={checklist.reload} />
          </Section>
          <Section id="profile" title="Profile">
            <MerchantProfile
              merchant={merchant}
              onSaved={(saved) => {
                profile.update(() => saved);
                checklist.reload();
              }}
            />
          </Section>
          <Section id="stores" title="Stores">
            <MerchantStores merchantId={merchant.id} onChanged={checklist.reload} />
          </Section>
          <Section id="menu" title="Menu">
            <MerchantMenu
              merchantId={merchant.id}
              currency={merchant.currency}
              onChanged={checklist.reload}
            />
          </Section>
        </>
      ) : null}
    </div>
  );
}
