import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { Field, FormError } from '../components/field.js';
import {
  CAPABILITY_HINTS,
  type CapabilityName,
  PROPERTY_CAPABILITIES,
  SERVICE_CAPABILITIES,
} from '../lib/capabilities.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { fieldLabel, type Product } from '../lib/tsl.js';

/** Edit which TSL identifier carries which capability (PATCH capabilities); the hub checks types. */
export function CapabilityMapping(props: {
  product: Product;
  /** False for a token that may read the product but not change it (a household): the mapping is shown only. */
  editable: boolean;
  onSaved: (product: Product) => void;
}) {
  const { api } = useSession();
  const { product } = props;
  // The hub answers the resolved mapping (explicit entries and defaults by name); saving makes them all explicit.
  const [mapping, setMapping] = useState<Record<string, string>>(product.capabilities);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const properties = product.thingModel.properties ?? [];
  const services = product.thingModel.services ?? [];

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    const capabilities = Object.fromEntries(Object.entries(mapping).filter(([, id]) => id));
    try {
      const updated = await api.patch<Product>(`/api/v1/products/${encodeURIComponent(product.productKey)}`, {
        capabilities,
      });
      setMapping(updated.capabilities);
      setSaved(true);
      props.onSaved(updated);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  const row = (capability: CapabilityName, options: Array<{ identifier: string; name?: string }>) => (
    <Field
      key={capability}
      label={`Capability ${capability}`}
      hint={CAPABILITY_HINTS[capability]}
      error={error?.field === `capabilities/${capability}` ? error.message : null}
    >
      {(control) => (
        <select
          {...control}
          disabled={!props.editable}
          value={mapping[capability] ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setSaved(false);
            setMapping((current) => ({ ...current, [capability]: value }));
          }}
        >
          <option value="">Not mapped</option>
          {options.map((o) => (
            <option key={o.identifier} value={o.identifier}>
              {fieldLabel(o)} ({o.identifier})
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <form class="card" aria-label="Capability mapping" onSubmit={(event) => void submit(event)}>
      <h2>Capability mapping</h2>
      <p class="muted">
        Which property or service the assistant uses for each capability. An identifier named like the
        capability is used by default.
      </p>
      <div class="grid-fields">
        {PROPERTY_CAPABILITIES.map((c) => row(c, properties))}
        {services.length ? SERVICE_CAPABILITIES.map((c) => row(c, services)) : null}
      </div>
      <FormError error={error} fields={['capabilities']} />
      {props.editable ? (
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save mapping'}
          </button>
          <span role="status" class="ok-text">
            {saved ? 'Mapping saved.' : ''}
          </span>
        </div>
      ) : (
        <p class="muted">Only the product's brand or the operator can change the mapping.</p>
      )}
    </form>
  );
}
