import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { errorFor, Field, FormError, NameField } from '../components/field.js';
import { Empty, LoadError, Loading } from '../components/status.js';
import { asApiError } from '../lib/console-api.js';
import { useLiveEvent, useSession } from '../lib/context.js';
import type { Area } from '../lib/types.js';
import { useLoad } from '../lib/use-load.js';

function splitAliases(text: string): string[] {
  return text
    .split(',')
    .map((alias) => alias.trim())
    .filter(Boolean);
}

/** The areas of a home: add (name and aliases), rename, delete. */
export function AreasSection(props: { homeId: string }) {
  const { api } = useSession();
  const base = `/api/v1/homes/${encodeURIComponent(props.homeId)}/areas`;
  const areas = useLoad(() => api.get<Area[]>(base), [api, base]);
  useLiveEvent((event) => {
    if (event.name.startsWith('area.') && event.payload.homeId === props.homeId) areas.reload();
  });
  const [name, setName] = useState('');
  const [aliases, setAliases] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const list = splitAliases(aliases);
      const area = await api.post<Area>(base, {
        name: name.trim(),
        ...(list.length ? { aliases: list } : {}),
      });
      areas.update((current) => [...(current ?? []).filter((a) => a.id !== area.id), area]);
      setName('');
      setAliases('');
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="areas-title">
      <h3 id="areas-title">Areas</h3>
      <form aria-label="Add an area" onSubmit={(event) => void add(event)}>
        <div class="row">
          <NameField label="Area name" error={errorFor(error, 'name')} value={name} onInput={setName} />
          <Field
            label="Aliases"
            hint="Optional, separated by commas: other names people say for it."
            error={errorFor(error, 'aliases')}
          >
            {(control) => (
              <input {...control} value={aliases} onInput={(e) => setAliases(e.currentTarget.value)} />
            )}
          </Field>
        </div>
        <FormError error={error} fields={['name', 'aliases']} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add area'}
        </button>
      </form>
      {areas.error ? <LoadError error={areas.error} retry={areas.reload} /> : null}
      {areas.loading && !areas.data ? <Loading what="areas" /> : null}
      {areas.data && areas.data.length === 0 ? (
        <Empty>
          No areas yet. Add rooms such as "Kitchen" so people can say "turn on the kitchen light".
        </Empty>
      ) : null}
      <ul class="rows" aria-label="Areas of this home">
        {(areas.data ?? []).map((area) => (
          <AreaRow
            key={area.id}
            area={area}
            base={base}
            onChanged={(changed) =>
              areas.update((current) => current?.map((a) => (a.id === changed.id ? changed : a)))
            }
            onDeleted={() => areas.update((current) => current?.filter((a) => a.id !== area.id))}
          />
        ))}
      </ul>
    </section>
  );
}

function AreaRow(props: {
  area: Area;
  base: string;
  onChanged: (area: Area) => void;
  onDeleted: () => void;
}) {
  const { api } = useSession();
  const { area } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(area.name);
  const [aliases, setAliases] = useState(area.aliases.join(', '));
  const [error, setError] = useState<ApiError | null>(null);
  const url = `${props.base}/${encodeURIComponent(area.id)}`;

  const save = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      props.onChanged(await api.patch<Area>(url, { name: name.trim(), aliases: splitAliases(aliases) }));
      setEditing(false);
    } catch (failure) {
      setError(asApiError(failure));
    }
  };
  const remove = async () => {
    try {
      await api.delete(url);
      props.onDeleted();
    } catch (failure) {
      setError(asApiError(failure));
    }
  };

  if (editing)
    return (
      <li>
        <form
          class="inline-form"
          aria-label={`Rename area ${area.name}`}
          onSubmit={(event) => void save(event)}
        >
          <Field label={`New name for ${area.name}`} error={errorFor(error, 'name')}>
            {(control) => (
              <input {...control} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
            )}
          </Field>
          <Field label={`Aliases of ${area.name}`} error={errorFor(error, 'aliases')}>
            {(control) => (
              <input {...control} value={aliases} onInput={(e) => setAliases(e.currentTarget.value)} />
            )}
          </Field>
          <FormError error={error} fields={['name', 'aliases']} />
          <div class="actions">
            <button type="submit" class="primary">
              Save area
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  return (
    <li class="row-item">
      <span class="pick-name">{area.name}</span>
      <span class="muted">{area.aliases.length ? `also: ${area.aliases.join(', ')}` : ''}</span>
      <span class="spacer" />
      <button type="button" aria-label={`Rename area ${area.name}`} onClick={() => setEditing(true)}>
        Rename
      </button>
      <ConfirmButton
        label="Delete"
        name={`Delete area ${area.name}`}
        question={`Delete ${area.name}?`}
        confirmLabel="Yes, delete"
        onConfirm={remove}
      />
      {error ? <LoadError error={error} /> : null}
    </li>
  );
}
