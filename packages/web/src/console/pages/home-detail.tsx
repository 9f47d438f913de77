import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { errorFor, FormError, NameField } from '../components/field.js';
import { LanguageField } from '../components/language-field.js';
import { LoadError } from '../components/status.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { href } from '../lib/route.js';
import { may } from '../lib/session.js';
import { type Home, LANGUAGE_NAMES, type Language } from '../lib/types.js';
import { AreasSection } from './areas.js';
import { ScreenPairingPanel } from './screen-pairing.js';

/** One home: rename, change language, delete, pair a screen, and its areas. */
export function HomeDetail(props: { home: Home; onChanged: (home: Home) => void; onDeleted: () => void }) {
  const { api, identity } = useSession();
  const { home } = props;
  const [editing, setEditing] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);

  const remove = async () => {
    setDeleteError(null);
    try {
      await api.delete(`/api/v1/homes/${encodeURIComponent(home.id)}`);
      props.onDeleted();
    } catch (failure) {
      setDeleteError(asApiError(failure));
    }
  };

  return (
    <article aria-labelledby="home-title">
      <div class="title-row">
        <h2 id="home-title">{home.name}</h2>
        <span class="muted">
          {LANGUAGE_NAMES[home.language] ?? home.language} · <a href={href('devices')}>devices</a>
        </span>
        <span class="spacer" />
        {editing ? null : (
          <button type="button" onClick={() => setEditing(true)}>
            Edit home
          </button>
        )}
        {may(identity, 'home.delete') ? (
          <ConfirmButton
            label="Delete home"
            question={`Delete ${home.name} with its areas and devices? Its household tokens are revoked.`}
            confirmLabel="Yes, delete"
            onConfirm={remove}
          />
        ) : null}
      </div>
      {deleteError ? <LoadError error={deleteError} /> : null}
      {editing ? (
        <EditHome
          home={home}
          onDone={(changed) => {
            if (changed) props.onChanged(changed);
            setEditing(false);
          }}
        />
      ) : null}
      {may(identity, 'screen.pair') ? <ScreenPairingPanel home={home} /> : null}
      <AreasSection homeId={home.id} />
    </article>
  );
}

function EditHome(props: { home: Home; onDone: (home: Home | null) => void }) {
  const { api } = useSession();
  const [name, setName] = useState(props.home.name);
  const [language, setLanguage] = useState<Language>(props.home.language);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      props.onDone(
        await api.patch<Home>(`/api/v1/homes/${encodeURIComponent(props.home.id)}`, {
          name: name.trim(),
          language,
        }),
      );
    } catch (failure) {
      setError(asApiError(failure));
    }
  };

  return (
    <form class="card" aria-label="Edit home" onSubmit={(event) => void submit(event)}>
      <div class="row">
        <NameField label="New name" error={errorFor(error, 'name')} value={name} onInput={setName} />
        <LanguageField
          label="New language"
          error={errorFor(error, 'language')}
          value={language}
          onChange={setLanguage}
        />
      </div>
      <FormError error={error} fields={['name', 'language']} />
      <div class="actions">
        <button type="submit" class="primary">
          Save home
        </button>
        <button type="button" onClick={() => props.onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
