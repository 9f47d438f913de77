import type { AppVersion, Check, ManifestView } from '../lib/miniapps.js';
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

/** Every permission with its reason in each language the app gave. */
export function PermissionTable(props: { manifest: ManifestView; label: string }) {
  const { permissions } = props.manifest;
  if (permissions.length === 0) return <p class="muted">Asks for no permission.</p>;
  return (
    <table class="table compact" aria-label={props.label}>
      <thead>
        <tr>
          <th scope="col">Permission</th>
          <th scope="col">Reason shown to the household</th>
        </tr>
      </thead>
      <tbody>
        {permissions.map((permission) => (
          <tr key={permission.name} data-permission={permission.name}>
            <th scope="row" data-label="Permission">
              {permission.name}
            </th>
            <td data-label="Reason">
              {Object.entries(permission.reason).map(([language, reason]) => (
                <div key={language}>
                  <span class="muted">{LANGUAGE_NAMES[language] ?? language}:</span> {reason}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the manifest of a version declares, beyond its permissions. */
export function ManifestSummary(props: { manifest: ManifestView; version: AppVersion }) {
  const { manifest, version } = props;
  const sentences = manifest.intents.reduce(
    (n, intent) => n + Object.values(intent.sentences).reduce((m, list) => m + (list?.length ?? 0), 0),
    0,
  );
  return (
    <dl class="pairs">
      <dt>App id</dt>
      <dd class="break">{manifest.id}</dd>
      <dt>Description</dt>
      <dd>{manifest.description.en ?? Object.values(manifest.description)[0] ?? 'none'}</dd>
      <dt>Invocation names</dt>
      <dd>
        {Object.entries(manifest.invocation)
          .map(([language, names]) => `${language}: ${(names ?? []).join(', ')}`)
          .join(' · ')}
      </dd>
      <dt>Intents</dt>
      <dd>
        {manifest.intents.map((i) => i.name).join(', ') || 'none'} ({sentences} sentences)
      </dd>
      <dt>Network hosts</dt>
      <dd class="break" data-testid="allowlist">
        {manifest.network?.allowlist.join(', ') || 'none'}
      </dd>
      <dt>Resources</dt>
      <dd>
        {manifest.resources?.memoryMb ?? 'default'} MB memory,{' '}
        {manifest.resources?.cpuMsPerEvent ?? 'default'} ms CPU per event,{' '}
        {manifest.resources?.storageKb ?? 'default'} KB storage
      </dd>
      <dt>Payments</dt>
      <dd>
        {manifest.payments
          ? `merchant ${manifest.payments.merchantId}, at most ${manifest.payments.maxPerOrder} minor units per order`
          : 'none'}
      </dd>
      <dt>Sizes</dt>
      <dd data-testid="sizes">
        package {formatBytes(version.packageBytes)}, bundle {formatBytes(version.bundleBytes)}
      </dd>
    </dl>
  );
}
