import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { CopyButton } from '../components/copy-button.js';
import { errorFor, Field, FormError, NameField } from '../components/field.js';
import { Empty, LoadError, Loading } from '../components/status.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { formatDateTime } from '../lib/format.js';
import { type CreatedToken, type Home, ROLES, type Role, type TokenInfo } from '../lib/types.js';
import { useLoad } from '../lib/use-load.js';

const ROLE_HINTS: Record<Role, string> = {
  operator: 'Everything, on every home.',
  household: 'One home: its areas, devices and events (a speaker screen).',
  merchant: 'One merchant: its profile, stores, menu and orders.',
  developer: 'A brand: its own products, test homes of its own and their devices.',
};

/** Tokens: create (secret shown once), list, revoke. */
export function TokensPage() {
  const { api } = useSession();
  const [showRevoked, setShowRevoked] = useState(false);
  const tokens = useLoad(
    () => api.get<TokenInfo[]>(`/api/v1/tokens${showRevoked ? '?includeRevoked=true' : ''}`),
    [api, showRevoked],
  );
  const homes = useLoad(() => api.get<Home[]>('/api/v1/homes'), [api]);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revokeError, setRevokeError] = useState<ApiError | null>(null);
  const homeName = (id: string | null) => (id ? (homes.data?.find((h) => h.id === id)?.name ?? id) : '');

  const revoke = async (token: TokenInfo) => {
    setRevokeError(null);
    try {
      await api.delete(`/api/v1/tokens/${encodeURIComponent(token.id)}`);
      tokens.reload();
    } catch (failure) {
      setRevokeError(asApiError(failure));
    }
  };

  return (
    <div class="page">
      <h1>Tokens</h1>
      <CreateToken
        homes={homes.data ?? []}
        onCreated={(token) => {
          setCreated(token);
          tokens.reload();
        }}
      />
      {created ? (
        <section class="panel once" aria-labelledby="secret-title">
          <h2 id="secret-title">Token "{created.name}" is created</h2>
          <p class="warning">Copy the secret now: the hub stores only its hash and will not show it again.</p>
          <p>
            <code class="secret" data-testid="token-secret">
              {created.token}
            </code>
          </p>
          <div class="actions">
            <CopyButton text={created.token} label="Copy token" />
            <button type="button" onClick={() => setCreated(null)}>
              I have saved it
            </button>
          </div>
        </section>
      ) : null}
      <section aria-labelledby="token-list-title">
        <div class="title-row">
          <h2 id="token-list-title">Tokens</h2>
          <span class="spacer" />
          <label class="check">
            <input
              type="checkbox"
              checked={showRevoked}
              onChange={(e) => setShowRevoked(e.currentTarget.checked)}
            />{' '}
            Show revoked tokens
          </label>
        </div>
        {revokeError ? <LoadError error={revokeError} /> : null}
        {tokens.error ? <LoadError error={tokens.error} retry={tokens.reload} /> : null}
        {tokens.loading && !tokens.data ? <Loading what="tokens" /> : null}
        {tokens.data && tokens.data.length === 0 ? (
          <Empty>
            No tokens yet besides the operator token. Create one above for a screen, a brand or a shop.
          </Empty>
        ) : null}
        {tokens.data && tokens.data.length > 0 ? (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Home</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{token.role}</td>
                  <td>{homeName(token.homeId)}</td>
                  <td>{formatDateTime(token.createdAt)}</td>
                  <td>{formatDateTime(token.lastUsedAt)}</td>
                  <td>
                    {token.revokedAt ? (
                      <span class="badge offline">Revoked {formatDateTime(token.revokedAt)}</span>
                    ) : (
                      <ConfirmButton
                        label="Revoke"
                        name={`Revoke token ${token.name}`}
                        question={`Revoke ${token.name}? Whatever uses it stops working at once.`}
                        confirmLabel="Yes, revoke"
                        onConfirm={() => revoke(token)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}

function CreateToken(props: { homes: Home[]; onCreated: (token: CreatedToken) => void }) {
  const { api, identity } = useSession();
  // Only the operator makes tokens of other roles; a household makes household tokens of its home.
  const roles: readonly Role[] = identity.role === 'operator' ? ROLES : ['household'];
  const [merchantId, setMerchantId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('household');
  const [homeId, setHomeId] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const chosenHome = homeId || props.homes[0]?.id || '';

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const token = await api.post<CreatedToken>('/api/v1/tokens', {
        name: name.trim(),
        role,
        ...(role === 'household' ? { homeId: chosenHome } : {}),
        ...(role === 'merchant' ? { merchantId: merchantId.trim() } : {}),
      });
      setName('');
      props.onCreated(token);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" aria-label="Create a token" onSubmit={(event) => void submit(event)}>
      <h2>New token</h2>
      <div class="row">
        <NameField
          label="Token name"
          hint='Who or what uses it, e.g. "Kitchen screen".'
          error={errorFor(error, 'name')}
          value={name}
          onInput={setName}
        />
        <Field label="Role" hint={ROLE_HINTS[role]} error={errorFor(error, 'role')}>
          {(control) => (
            <select {...control} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        {role === 'household' ? (
          <Field
            label="Home"
            error={errorFor(error, 'homeId')}
            hint={
              props.homes.length ? undefined : 'Create a home first: a household token belongs to one home.'
            }
          >
            {(control) => (
              <select
                {...control}
                required
                value={chosenHome}
                onChange={(e) => setHomeId(e.currentTarget.value)}
              >
                {props.homes.map((home) => (
                  <option key={home.id} value={home.id}>
                    {home.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {role === 'merchant' ? (
          <Field
            label="Merchant id"
            hint="The merchant this token acts for (mer_…)."
            error={errorFor(error, 'merchantId')}
          >
            {(control) => (
              <input
                {...control}
                required
                maxLength={64}
                value={merchantId}
                onInput={(e) => setMerchantId(e.currentTarget.value)}
              />
            )}
          </Field>
        ) : null}
      </div>
      <FormError error={error} fields={['name', 'role', 'homeId', 'merchantId']} />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}
