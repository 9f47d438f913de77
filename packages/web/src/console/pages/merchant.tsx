import { Loading } from '../components/status.js';
import { useSession } from '../lib/context.js';
import { useLoad } from '../lib/use-load.js';

/** The parts of a merchant profile the landing shows, when the hub serves one. */
interface MerchantProfile {
  id: string;
  name: string | Record<string, string>;
  currency?: string;
  status?: string;
}

function nameOf(profile: MerchantProfile): string {
  if (typeof profile.name === 'string') return profile.name;
  return profile.name.en ?? Object.values(profile.name)[0] ?? profile.id;
}

/**
 * A merchant token's landing: who it acts for (from /api/v1/me) and, when the hub has a merchant
 * profile route, the profile. Homes, devices and products are not a merchant's, so they are not shown.
 */
export function MerchantPage() {
  const { api, identity } = useSession();
  const merchantId = identity.merchantId;
  const profile = useLoad(
    () =>
      merchantId
        ? api.get<MerchantProfile>(`/api/v1/merchants/${encodeURIComponent(merchantId)}`).catch(() => null)
        : Promise.resolve(null),
    [api, merchantId],
  );
  return (
    <div class="page">
      <h1>Merchant</h1>
      <dl class="pairs" aria-label="This merchant token">
        <dt>Role</dt>
        <dd>merchant</dd>
        <dt>Merchant id</dt>
        <dd>
          <code data-testid="merchant-id">{merchantId ?? 'none'}</code>
        </dd>
        {profile.data ? (
          <>
            <dt>Name</dt>
            <dd>{nameOf(profile.data)}</dd>
            {profile.data.status ? (
              <>
                <dt>Status</dt>
                <dd>{profile.data.status}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      {profile.loading ? <Loading what="the merchant profile" /> : null}
      {!profile.loading && !profile.data ? (
        <p class="notice">
          This hub does not serve merchant profiles to the console yet: stores, menus and orders are managed
          through the commerce API for now. A merchant token has no homes, devices or products, so those pages
          are not shown.
        </p>
      ) : null}
    </div>
  );
}
