import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { errorFor, Field, FormError, NameField } from '../components/field.js';
import { LoadError } from '../components/status.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { may } from '../lib/session.js';
import type { Area, Device } from '../lib/types.js';
import { useLoad } from '../lib/use-load.js';

const FIELDS = ['name', 'areaId', 'aliases'] as const;

function splitAliases(text: string): string[] {
  return text
    .split(',')
    .map((alias) => alias.trim())
    .filter(Boolean);
}

/** The hub's answer to a change: a field it names is shown at that field; a conflict without one at the name. */
function nameError(error: ApiError | null): string | null {
  const atName = errorFor(error, 'name');
  if (atName) return atName;
  return error && error.status === 409 && !error.field ? error.message : null;
}

/** Rename, move to another area, set aliases, delete (confirmed): what a household does from its phone. */
export function DeviceSettings(props: {
  device: Device;
  onChanged: (device: Device) => void;
  onDeleted: () => void;
}) {
  const { api, identity } = useSession();
  const { device } = props;
  const path = `/api/v1/devices/${encodeURIComponent(device.id)}`;
  const areas = useLoad(
    () => api.get<Area[]>(`/api/v1/homes/${encodeURIComponent(device.homeId)}/areas`),
    [api, device.homeId],
  );
  const [name, setName] = useState(device.name);
  const [areaId, setAreaId] = useState(device.areaId ?? '');
  const [aliases, setAliases] = useState(device.aliases.join(', '));
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const updated = await api.patch<Device>(path, {
        name: name.trim(),
        areaId: areaId || null,
        aliases: splitAliases(aliases),
      });
      props.onChanged(updated);
      setSaved(true);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setDeleteError(null);
    try {
      await api.delete(path);
      props.onDeleted();
    } catch (failure) {
      setDeleteError(asApiError(failure));
    }
  };

  const shownAtField = nameError(error) !== null;
  return (
    <section class="card device-settings" aria-labelledby="device-settings-title">
      <h2 id="device-settings-title">Name, area and aliases</h2>
      {may(identity, 'device.update') ? (
        <form aria-label="Device settings" onSubmit={(event) => void save(event)}>
          <div class="row">
            <NameField
              label="Device display name"
              error={nameError(error)}
              value={name}
              onInput={(value) => {
                setName(value);
                setSaved(false);
              }}
            />
            <Field label="Device area" error={errorFor(error, 'areaId')}>
              {(control) => (
                <select {...control} value={areaId} onChange={(e) => setAreaId(e.currentTarget.value)}>
                  <option value="">No area</option>
                  {(areas.data ?? []).map((area) => (
                    <option key={area.id} value={area.id}>
                      {area.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label="Device aliases"
              hint="Other names people say for it, separated by commas."
              error={errorFor(error, 'aliases')}
            >
              {(control) => (
                <input {...control} value={aliases} onInput={(e) => setAliases(e.currentTarget.value)} />
              )}
            </Field>
          </div>
          {shownAtField ? null : <FormError error={error} fields={FIELDS} />}
          {areas.error ? <LoadError error={areas.error} retry={areas.reload} /> : null}
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save device'}
            </button>
            {saved ? (
              <span class="ok-text" role="status">
                Saved.
              </span>
            ) : null}
          </div>
        </form>
      ) : null}
      {may(identity, 'device.delete') ? (
        <div class="actions">
          <ConfirmButton
            label="Delete device"
            question={`Delete ${device.name}? It can no longer sign in, and its history is removed.`}
            confirmLabel="Yes, delete"
            onConfirm={remove}
          />
        </div>
      ) : null}
      {deleteError ? <LoadError error={deleteError} /> : null}
    </section>
  );
}
