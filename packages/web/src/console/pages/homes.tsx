import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { errorFor, FormError, NameField } from '../components/field.js';
import { LanguageField } from '../components/language-field.js';
import { Empty, LoadError, Loading } from '../components/status.js';
import { asApiError } from '../lib/console-api.js';
import { useLiveEvent, useSession } from '../lib/context.js';
import { href, navigate } from '../lib/route.js';
import { may } from '../lib/session.js';
import { type Home, LANGUAGE_NAMES, type Language } from '../lib/types.js';
import { useLoad } from '../lib/use-load.js';
import { HomeDetail } from './home-detail.js';

/** Homes on the left (create, pick), the chosen home's settings, areas and screen pairing on the right. */
export function HomesPage(props: { selectedId: string | undefined }) {
  const { api, identity, live } = useSession();
  const homes = useLoad(() => api.get<Home[]>('/api/v1/homes'), [api]);
  useLiveEvent((event) => {
    if (event.name.startsWith('home.')) homes.reload();
  });
  const list = homes.data ?? [];
  const selected =
    list.find((home) => home.id === props.selectedId) ?? (props.selectedId ? undefined : list[0]);

  return (
    <div class="page">
      <h1>Homes and areas</h1>
      <div class="split">
        <section class="column" aria-labelledby="homes-list-title">
          {may(identity, 'home.create') ? (
            <CreateHome
              testHome={identity.role === 'developer'}
              onCreated={(home) => {
                homes.update((current) => [...(current ?? []), home]);
                if (identity.role === 'developer') live.reconnect();
                navigate('homes', home.id);
              }}
            />
          ) : null}
          <h2 id="homes-list-title">Homes</h2>
          {homes.error ? <LoadError error={homes.error} retry={homes.reload} /> : null}
          {homes.loading && !homes.data ? <Loading what="homes" /> : null}
          {homes.data && list.length === 0 ? <Empty>No homes yet. Create the first one above.</Empty> : null}
          <ul class="pick-list">
            {list.map((home) => (
              <li key={home.id}>
                <a href={href('homes', home.id)} aria-current={selected?.id === home.id ? 'true' : undefined}>
                  <span class="pick-name">{home.name}</span>
                  <span class="muted">{LANGUAGE_NAMES[home.language] ?? home.language}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
        <section class="column wide">
          {selected ? (
            <HomeDetail
              key={selected.id}
              home={selected}
              onChanged={(home) =>
                homes.update((current) => current?.map((h) => (h.id === home.id ? home : h)))
              }
              onDeleted={() => {
                homes.update((current) => current?.filter((h) => h.id !== selected.id));
                navigate('homes');
              }}
            />
          ) : homes.data && props.selectedId ? (
            <Empty>This home no longer exists. Pick another one from the list.</Empty>
          ) : null}
        </section>
      </div>
    </div>
  );
}

function CreateHome(props: { testHome: boolean; onCreated: (home: Home) => void }) {
  const { api } = useSession();
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<Language>('en');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const home = await api.post<Home>('/api/v1/homes', { name: name.trim(), language });
      setName('');
      props.onCreated(home);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" aria-label="Create a home" onSubmit={(event) => void submit(event)}>
      <h2>{props.testHome ? 'New test home' : 'New home'}</h2>
      {props.testHome ? (
        <p class="hint">
          A home of your own to try your products in: add devices of your products to it and simulate them.
        </p>
      ) : null}
      <div class="row">
        <NameField label="Home name" error={errorFor(error, 'name')} value={name} onInput={setName} />
        <LanguageField
          label="Language"
          error={errorFor(error, 'language')}
          value={language}
          onChange={setLanguage}
        />
      </div>
      <FormError error={error} fields={['name', 'language']} />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create home'}
      </button>
    </form>
  );
}
