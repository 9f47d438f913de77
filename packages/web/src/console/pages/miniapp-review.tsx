import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { Field, FormError } from '../components/field.js';
import { Empty, LoadError, Loading } from '../components/status.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { formatDateTime } from '../lib/format.js';
import {
  type AppVersion,
  getApp,
  listApps,
  type MiniApp,
  nameOf,
  publishVersion,
  rejectVersion,
  rollBack,
} from '../lib/miniapps.js';
import { useLoad } from '../lib/use-load.js';
import { CheckList, PermissionTable, StatusBadge, VersionSummary } from './miniapp-parts.js';

/** The operator's review queue: every version waiting, with what it asks for; publish, reject, roll back. */
export function MiniAppReviewPage() {
  const { api } = useSession();
  const apps = useLoad(
    async () => Promise.all((await listApps(api)).map((app) => getApp(api, app.appId))),
    [api],
  );
  const waiting = (apps.data ?? []).flatMap((app) =>
    app.versions.filter((v) => v.status === 'in_review').map((version) => ({ app, version })),
  );
  const published = (apps.data ?? []).filter(
    (app) => app.versions.filter((v) => v.status !== 'rejected' && v.status !== 'in_review').length > 1,
  );
  return (
    <div class="page">
      <div class="title-row">
        <h1>Mini-app review</h1>
        <button type="button" onClick={apps.reload} disabled={apps.loading}>
          Refresh
        </button>
      </div>
      {apps.error ? <LoadError error={apps.error} retry={apps.reload} /> : null}
      {apps.loading && !apps.data ? <Loading what="the review queue" /> : null}
      {apps.data && waiting.length === 0 ? <Empty>No version waits for review.</Empty> : null}
      <ul class="merchant-list" aria-label="Review queue">
        {waiting.map(({ app, version }) => (
          <li key={`${app.appId}@${version.version}`} class="panel">
            <VersionReview app={app} version={version} onReviewed={apps.reload} />
          </li>
        ))}
      </ul>
      {published.length ? (
        <>
          <h2>Roll back</h2>
          <ul class="merchant-list" aria-label="Published apps">
            {published.map((app) => (
              <li key={app.appId} class="panel">
                <RollBack app={app} onDone={apps.reload} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function VersionReview(props: { app: MiniApp; version: AppVersion; onReviewed: () => void }) {
  const { api } = useSession();
  const { app, version } = props;
  const label = `${nameOf(app)} ${version.version}`;
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      props.onReviewed();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  const failed = version.checks.filter((c) => !c.ok).length;
  return (
    <article aria-label={`Review ${label}`}>
      <div class="title-row">
        <h2>{label}</h2>
        <StatusBadge status={version.status} />
      </div>
      <p class="muted">
        Uploaded {formatDateTime(version.uploadedAt)}
        {app.publishedVersion ? `; ${app.publishedVersion} is live` : '; never published'}
      </p>
      <VersionSummary app={app} version={version} />
      <h3 class="section-title">Permissions</h3>
      <PermissionTable app={app} version={version} label={`Permissions of ${label}`} />
      <h3 class="section-title">Automated checks{failed ? ` (${failed} failed)` : ''}</h3>
      <CheckList checks={version.checks} label={`Checks of ${label}`} />
      <div class="actions">
        <button
          type="button"
          class="primary"
          aria-label={`Publish ${label}`}
          disabled={busy}
          onClick={() => void act(() => publishVersion(api, app.appId, version.version))}
        >
          Publish
        </button>
        {!rejecting ? (
          <button type="button" aria-label={`Reject ${label}`} onClick={() => setRejecting(true)}>
            Reject…
          </button>
        ) : null}
      </div>
      {rejecting ? (
        <form
          aria-label={`Reject ${label}`}
          onSubmit={(event) => {
            event.preventDefault();
            if (!reason.trim()) {
              setError(asApiError(new Error('Say why, so the developer knows what to fix.')));
              return;
            }
            void act(() => rejectVersion(api, app.appId, version.version, reason.trim()));
          }}
        >
          <Field label={`Reason for rejecting ${label}`} hint="The developer sees it beside the version.">
            {(control) => (
              <textarea
                {...control}
                rows={2}
                maxLength={500}
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
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

function RollBack(props: { app: MiniApp; onDone: () => void }) {
  const { api } = useSession();
  const { app } = props;
  const earlier = app.versions.filter(
    (v) => v.version !== app.publishedVersion && v.status !== 'rejected' && v.status !== 'in_review',
  );
  const [target, setTarget] = useState(earlier[0]?.version ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <form
      aria-label={`Roll back ${nameOf(app)}`}
      onSubmit={async (event) => {
        event.preventDefault();
        setError(null);
        try {
          await rollBack(api, app.appId, target);
          setDone(`${nameOf(app)} is back on ${target}.`);
          props.onDone();
        } catch (failure) {
          setError(asApiError(failure));
        }
      }}
    >
      <div class="title-row">
        <h3>{nameOf(app)}</h3>
        <span class="badge online">live {app.publishedVersion ?? 'none'}</span>
      </div>
      <Field label={`Version of ${nameOf(app)} to go back to`}>
        {(control) => (
          <select {...control} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
            {earlier.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div class="actions">
        <button type="submit" class="danger" disabled={!target}>
          Roll back
        </button>
      </div>
      {done ? <p role="status">{done}</p> : null}
      <FormError error={error} />
    </form>
  );
}
