import { useState } from 'preact/hooks';
import type { Hub } from '../hub.js';
import { useI18n } from '../i18n.js';
import type { CatalogueApp } from './model.js';
import { pick } from './model.js';
import { PermissionSheet, permissionLabel } from './PermissionSheet.js';
import { useMiniApps } from './useMiniApps.js';

/** What the sheet is asking: an install, or an update's new permissions. */
type Asking = { app: CatalogueApp; kind: 'install' } | { app: CatalogueApp; kind: 'update'; only: string[] };

/** The apps of this speaker: installed ones (on/off, update, uninstall) and the catalogue to install from. */
export function MiniAppsPanel({ hub, onClose }: { hub: Hub; onClose: () => void }) {
  const { s, f, language } = useI18n();
  const apps = useMiniApps(hub);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const byId = new Map((apps.catalogue ?? []).map((app) => [app.appId, app]));
  const installedIds = new Set((apps.installed ?? []).map((app) => app.appId));
  const available = (apps.catalogue ?? []).filter((app) => !installedIds.has(app.appId));

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      setAsking(null);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel miniapps" aria-labelledby="miniapps-title" data-testid="miniapps">
      <div class="panel-head">
        <h2 id="miniapps-title" class="panel-title">
          {s.miniAppsTitle}
        </h2>
        <button type="button" class="quiet" onClick={onClose}>
          {s.closeApps}
        </button>
      </div>
      {apps.error ? (
        <p class="error" role="alert">
          {apps.error}
        </p>
      ) : null}
      {failure && !asking ? (
        <p class="error" role="alert">
          {failure}
        </p>
      ) : null}
      <h3>{s.installedApps}</h3>
      {apps.installed && apps.installed.length === 0 ? <p class="muted">{s.noInstalled}</p> : null}
      <ul class="app-list" aria-label={s.installedApps}>
        {(apps.installed ?? []).map((installed) => {
          const app = byId.get(installed.appId);
          const name = pick(installed.name, language) || installed.appId;
          const grants = installed.grants.map((g) => permissionLabel(s, g));
          return (
            <li
              key={installed.appId}
              class="app-row"
              data-app-id={installed.appId}
              data-enabled={String(installed.enabled)}
            >
              <div class="app-text">
                <strong>{name}</strong>
                <span class="muted">
                  {installed.enabled ? f('openHint', { invocation: name }) : s.appOff}
                </span>
                <span class="muted small">
                  {grants.length ? f('grantedList', { list: grants.join(', ') }) : s.grantedNone}
                </span>
              </div>
              <div class="app-actions">
                <label class="switch">
                  <input
                    type="checkbox"
                    role="switch"
                    aria-checked={installed.enabled}
                    checked={installed.enabled}
                    aria-label={f(installed.enabled ? 'disableApp' : 'enableApp', { name })}
                    disabled={busy}
                    onChange={() => void run(() => apps.setEnabled(installed.appId, !installed.enabled))}
                  />
                  <span>{s.enabledLabel}</span>
                </label>
                {installed.update && app ? (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => {
                      const update = installed.update;
                      if (!update) return;
                      if (update.newPermissions.length)
                        setAsking({ app, kind: 'update', only: update.newPermissions });
                      else void run(() => apps.update(installed.appId, installed.grants));
                    }}
                  >
                    {f('updateApp', { name, version: installed.update.version })}
                  </button>
                ) : null}
                <button
                  type="button"
                  class="quiet danger"
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(f('uninstallConfirm', { name })))
                      void run(() => apps.uninstall(installed.appId));
                  }}
                >
                  {f('uninstallApp', { name })}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <h3>{s.catalogue}</h3>
      {apps.catalogue && available.length === 0 ? <p class="muted">{s.noCatalogue}</p> : null}
      <ul class="app-list" aria-label={s.catalogue}>
        {available.map((app) => {
          const name = pick(app.name, language);
          return (
            <li key={app.appId} class="app-row" data-app-id={app.appId}>
              <div class="app-text">
                <strong>{name}</strong>
                <span class="muted">{pick(app.description, language)}</span>
              </div>
              <div class="app-actions">
                <button
                  type="button"
                  class="primary"
                  aria-label={f('installApp', { name })}
                  onClick={() => setAsking({ app, kind: 'install' })}
                >
                  {s.install}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {asking ? (
        <PermissionSheet
          app={asking.app}
          {...(asking.kind === 'update' ? { only: asking.only } : {})}
          busy={busy}
          error={failure}
          onCancel={() => {
            setAsking(null);
            setFailure(null);
          }}
          onConfirm={(grants) => {
            const current = (apps.installed ?? []).find((i) => i.appId === asking.app.appId);
            void run(() =>
              asking.kind === 'install'
                ? apps.install(asking.app.appId, grants)
                : apps.update(asking.app.appId, [...(current?.grants ?? []), ...grants]),
            );
          }}
        />
      ) : null}
    </section>
  );
}
