import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { Field, FormError } from '../components/field.js';
import { Empty, LoadError, Loading } from '../components/status.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { formatDateTime } from '../lib/format.js';
import { getApp, getLogs, listApps, nameOf, uploadPackage } from '../lib/miniapps.js';
import { href } from '../lib/route.js';
import { useLoad } from '../lib/use-load.js';
import { CheckList, StatusBadge } from './miniapp-parts.js';

/** A developer's mini-apps: upload a package, see each app's latest version and its review. */
export function MiniAppsPage() {
  const { api } = useSession();
  const apps = useLoad(() => listApps(api), [api]);
  return (
    <div class="page">
      <h1>Mini-apps</h1>
      <UploadForm onUploaded={apps.reload} />
      {apps.error ? <LoadError error={apps.error} retry={apps.reload} /> : null}
      {apps.loading && !apps.data ? <Loading what="your mini-apps" /> : null}
      {apps.data && apps.data.length === 0 ? (
        <Empty>No mini-apps yet. Make one with "genio miniapp new", then upload its .gapp here.</Empty>
      ) : null}
      {apps.data?.length ? (
        <table class="table" aria-label="My mini-apps">
          <thead>
            <tr>
              <th scope="col">App</th>
              <th scope="col">Latest version</th>
              <th scope="col">Review</th>
              <th scope="col">Published</th>
            </tr>
          </thead>
          <tbody>
            {apps.data.map((app) => {
              return (
                <tr key={app.appId}>
                  <td data-label="App">
                    <a href={href('miniapps', app.appId)}>{nameOf(app)}</a>
                    <div class="muted break">{app.appId}</div>
                  </td>
                  <td data-label="Latest version">{app.latestVersion ?? '-'}</td>
                  <td data-label="Review">
                    {app.latestStatus ? <StatusBadge status={app.latestStatus} /> : '-'}
                  </td>
                  <td data-label="Published">{app.publishedVersion ?? 'not yet'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function UploadForm(props: { onUploaded: () => void }) {
  const { api } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) {
      setError(asApiError(new Error('Choose a .gapp package first (genio miniapp pack writes one).')));
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await uploadPackage(api, file);
      setDone(
        `${result.appId} ${result.version}: ${result.status === 'in_review' ? 'waiting for review' : result.status}`,
      );
      props.onUploaded();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel" aria-label="Upload a mini-app" onSubmit={submit}>
      <Field
        label="Package (.gapp)"
        hint="Made by genio miniapp pack; an operator reviews it before households see it."
      >
        {(control) => (
          <input
            {...control}
            type="file"
            accept=".gapp,application/gzip"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Upload for review
        </button>
      </div>
      {done ? (
        <p role="status" data-testid="upload-result">
          {done}
        </p>
      ) : null}
      <FormError error={error} />
    </form>
  );
}

/** One app: its versions with review status, reasons and checks, and its log. */
export function MiniAppDetail(props: { appId: string }) {
  const { api } = useSession();
  const app = useLoad(() => getApp(api, props.appId), [api, props.appId]);
  const logs = useLoad(() => getLogs(api, props.appId), [api, props.appId]);
  return (
    <div class="page">
      <p>
        <a href={href('miniapps')}>← Mini-apps</a>
      </p>
      {app.error ? <LoadError error={app.error} retry={app.reload} /> : null}
      {app.loading && !app.data ? <Loading what="the app" /> : null}
      {app.data ? (
        <>
          <h1>{nameOf(app.data)}</h1>
          <p class="muted break">{app.data.appId}</p>
          <h2>Versions</h2>
          <ol class="version-list" aria-label="Versions">
            {app.data.versions.map((version) => (
              <li key={version.version} class="panel" data-version={version.version}>
                <div class="title-row">
                  <h3>{version.version}</h3>
                  <StatusBadge status={version.status} />
                  {app.data?.publishedVersion === version.version ? (
                    <span class="badge online">live</span>
                  ) : null}
                </div>
                <p class="muted">Uploaded {formatDateTime(version.uploadedAt)}</p>
                {version.reason ? (
                  <p class="notice" data-testid="review-reason">
                    Reviewer: {version.reason}
                  </p>
                ) : null}
                <CheckList checks={version.checks} label={`Checks of ${version.version}`} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <div class="title-row">
        <h2>Log</h2>
        <button type="button" onClick={logs.reload}>
          Refresh log
        </button>
      </div>
      {logs.error ? <LoadError error={logs.error} retry={logs.reload} /> : null}
      {logs.data && logs.data.length === 0 ? (
        <Empty>Nothing logged yet: sandbox errors and console lines show here.</Empty>
      ) : null}
      <ol class="log" aria-label="App log">
        {(logs.data ?? []).map((line, index) => (
          <li key={`${line.time}-${index}`} class={`level-${line.level}`}>
            <time>{formatDateTime(line.time)}</time> <strong>{line.level}</strong>
            {line.code ? <code> {line.code}</code> : null}{' '}
            {line.version ? <span class="muted">v{line.version} </span> : null}
            <span class="break">{line.message}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
