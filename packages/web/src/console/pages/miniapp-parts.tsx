import type { AppVersion, Check, MiniApp } from '../lib/miniapps.js';
import { formatBytes, statusText } from '../lib/miniapps.js';

/** A version's review status as a badge. */
export function StatusBadge(props: { status: string }) {
  return (
    <span class={`badge status-${props.status}`} data-testid="version-status">
      {statusText(props.status)}
    </span>
  );
}

/** The hub's automated checks of a version, each passed or failed, with its detail. */
export function CheckList(props: { checks: Check[]; label: string }) {
  if (props.checks.length === 0) return <p class="muted">No automated checks reported.</p>;
  return (
    <ul class="checks" aria-label={props.label}>
      {props.checks.map((check) => (
        <li
          key={check.name}
          data-check={check.name}
          data-ok={String(check.ok)}
          class={check.ok ? 'ok' : 'failed'}
        >
          <span aria-hidden="true">{check.ok ? '✓' : '✗'}</span> {check.name}
          <span class="visually-hidden">{check.ok ? ' passed' : ' failed'}</span>
          {check.detail ? <span class="muted"> — {check.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', zh: 'Chinese', it: 'Italian', fr: 'French' };

/**
 * Every permission a version asks for, with the reason the household will read in each language. The
 * hub gives reasons for the app's catalogue version (else its latest); a permission without one says so.
 */
export function PermissionTable(props: { app: MiniApp; version: AppVersion; label: string }) {
  const { app, version } = props;
  if (version.permissions.length === 0) return <p class="muted">Asks for no permission.</p>;
  return (
    <table class="table compact" aria-label={props.label}>
      <thead>
        <tr>
          <th scope="col">Permission</th>
          <th scope="col">Reason shown to the household</th>
        </tr>
      </thead>
      <tbody>
        {version.permissions.map((name) => {
          const reason = app.permissions.find((p) => p.name === name)?.reason;
          const newHere =
            app.publishedVersion !== null &&
            !app.versions.find((v) => v.version === app.publishedVersion)?.permissions.includes(name);
          return (
            <tr key={name} data-permission={name}>
              <th scope="row" data-label="Permission">
                {name}
                {newHere ? <span class="badge"> new</span> : null}
              </th>
              <td data-label="Reason">
                {reason
                  ? Object.entries(reason).map(([language, text]) => (
                      <div key={language}>
                        <span class="muted">{LANGUAGE_NAMES[language] ?? language}:</span> {text}
                      </div>
                    ))
                  : 'in the package (not yet in the catalogue)'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** What a version is: the app's id and description, its sizes and when it came. */
export function VersionSummary(props: { app: MiniApp; version: AppVersion }) {
  const { app, version } = props;
  return (
    <dl class="pairs">
      <dt>App id</dt>
      <dd class="break">{app.appId}</dd>
      <dt>Description</dt>
      <dd>{app.description.en ?? Object.values(app.description)[0] ?? 'none'}</dd>
      <dt>Other names</dt>
      <dd>
        {(['zh', 'it', 'fr'] as const)
          .map((language) => app.name[language])
          .filter(Boolean)
          .join(' · ') || 'none'}
      </dd>
      <dt>Sizes</dt>
      <dd data-testid="sizes">
        package {formatBytes(version.packageBytes)}, bundle {formatBytes(version.bundleBytes)}
      </dd>
    </dl>
  );
}
