import { useEffect, useRef, useState } from 'preact/hooks';
import { type Strings, useI18n } from '../i18n.js';
import { type CatalogueApp, pick } from './model.js';

/** The permission's name in the screen's language (the app's own reason is shown beneath). */
export function permissionLabel(s: Strings, permission: string): string {
  const key = `perm_${permission.replace('.', '_')}` as keyof Strings;
  return s[key] ?? permission;
}

interface Props {
  app: CatalogueApp;
  /** Permissions to ask about; default all the app asks for. */
  only?: readonly string[];
  busy: boolean;
  error: string | null;
  onConfirm: (grants: string[]) => void;
  onCancel: () => void;
}

/**
 * Before an app is installed: each permission it asks for, why (in the app's own words, in the screen's
 * language), and Grant or Refuse for each. Nothing is granted until the household chooses.
 */
export function PermissionSheet({ app, only, busy, error, onConfirm, onCancel }: Props) {
  const { s, f, language } = useI18n();
  const name = pick(app.name, language);
  const asked = app.permissions.filter((p) => !only || only.includes(p.name));
  const [choices, setChoices] = useState<Record<string, boolean>>({});
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('h2')?.focus();
  }, []);
  const granted = asked.filter((p) => choices[p.name]).map((p) => p.name);
  return (
    <div class="sheet-backdrop">
      <div
        class="sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="permission-sheet-title"
        ref={dialog}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      >
        <h2 id="permission-sheet-title" tabIndex={-1}>
          {f('permissionSheetTitle', { name })}
        </h2>
        <p>{asked.length ? f('permissionSheetIntro', { name }) : f('noPermissions', { name })}</p>
        <ul class="permission-list" aria-label={s.permissionSheetTitle.replace('{name}', name)}>
          {asked.map((permission) => {
            const label = permissionLabel(s, permission.name);
            const choice = choices[permission.name];
            return (
              <li key={permission.name} data-permission={permission.name}>
                <div class="permission-text">
                  <strong>{label}</strong>
                  <span class="permission-reason" data-testid="permission-reason">
                    {pick(permission.reason, language)}
                  </span>
                </div>
                <fieldset class="permission-choice" aria-label={label}>
                  <button
                    type="button"
                    aria-pressed={choice === true}
                    aria-label={f('grantPermission', { permission: label })}
                    onClick={() => setChoices({ ...choices, [permission.name]: true })}
                  >
                    {s.grant}
                  </button>
                  <button
                    type="button"
                    aria-pressed={choice === false}
                    aria-label={f('refusePermission', { permission: label })}
                    onClick={() => setChoices({ ...choices, [permission.name]: false })}
                  >
                    {s.refuse}
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ul>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <div class="sheet-actions">
          <button type="button" class="quiet" onClick={onCancel}>
            {s.notNow}
          </button>
          <button
            type="button"
            class="primary"
            disabled={busy || asked.some((p) => choices[p.name] === undefined)}
            onClick={() => onConfirm(granted)}
          >
            {busy ? s.installing : s.install}
          </button>
        </div>
      </div>
    </div>
  );
}
