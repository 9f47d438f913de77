import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { Field, FormError } from '../components/field.js';
import { Empty, LoadError, Loading } from '../components/status.js';
import type { Store, StoreImport } from '../lib/commerce.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { useLoad } from '../lib/use-load.js';

/** A JSON array or a CSV file, told apart by the file's type or its first character. */
function contentTypeOf(file: File, text: string): string {
  if (file.type === 'application/json' || file.name.toLowerCase().endsWith('.json'))
    return 'application/json';
  return text.trimStart().startsWith('[') ? 'application/json' : 'text/csv';
}

function hoursOf(store: Store): string {
  if (!store.hours) return 'always open';
  return Object.entries(store.hours)
    .map(([day, ranges]) => `${day} ${ranges.join(', ')}`)
    .join('; ');
}

/** Upload the stores as CSV or JSON (matched by ref), see what was created and updated, and list them. */
export function MerchantStores(props: { merchantId: string; onChanged: () => void }) {
  const { api } = useSession();
  const path = `/api/v1/merchants/${encodeURIComponent(props.merchantId)}/stores`;
  const stores = useLoad(() => api.get<Store[]>(path), [api, path]);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<StoreImport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (event: Event) => {
    event.preventDefault();
    setResult(null);
    setError(null);
    if (!file) {
      setError(asApiError(new Error('Choose a CSV or JSON file of stores first.')));
      return;
    }
    setBusy(true);
    try {
      const text = await file.text();
      setResult(
        await api.send<StoreImport>('PUT', path, { body: text, contentType: contentTypeOf(file, text) }),
      );
      stores.reload();
      props.onChanged();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form onSubmit={(event) => void upload(event)} aria-label="Upload stores">
        <Field
          label="Stores file (CSV or JSON)"
          hint="CSV header: ref,name,lat,lon,timezone and optionally mon..sun with hours such as 07:00-11:00;12:00-22:00. Stores are matched by ref."
        >
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".csv,text/csv,.json,application/json"
              onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
            />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Uploading…' : 'Upload stores'}
          </button>
        </div>
        <FormError error={error} />
        {result ? (
          <p role="status" data-testid="store-import">
            Created {result.created}, updated {result.updated}; {result.total} stores in all.
          </p>
        ) : null}
      </form>
      {stores.error ? <LoadError error={stores.error} retry={stores.reload} /> : null}
      {stores.loading && !stores.data ? <Loading what="the stores" /> : null}
      {stores.data && stores.data.length === 0 ? <Empty>No stores yet. Upload a file above.</Empty> : null}
      {stores.data && stores.data.length > 0 ? (
        <div class="scroll-x">
          <table class="table compact" aria-label="Stores">
            <thead>
              <tr>
                <th scope="col">Ref</th>
                <th scope="col">Name</th>
                <th scope="col">Time zone</th>
                <th scope="col">Position</th>
                <th scope="col">Hours</th>
              </tr>
            </thead>
            <tbody>
              {stores.data.map((store) => (
                <tr key={store.id}>
                  <td>
                    <code>{store.ref}</code>
                  </td>
                  <td>{store.name}</td>
                  <td>{store.timezone}</td>
                  <td>
                    {store.lat.toFixed(4)}, {store.lon.toFixed(4)}
                  </td>
                  <td>{hoursOf(store)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
