import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { errorFor, Field, FormError, NameField } from '../components/field.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { href } from '../lib/route.js';
import type { Product } from '../lib/tsl.js';
import type { Area, CreatedDevice } from '../lib/types.js';

/** The "Add device" form: product, name, area, optional Alink deviceName. */
export function AddDevice(props: {
  homeId: string;
  products: Product[];
  productsLoaded: boolean;
  areas: Area[];
  onCreated: (device: CreatedDevice) => void;
}) {
  const { api } = useSession();
  const [productKey, setProductKey] = useState('');
  const [name, setName] = useState('');
  const [areaId, setAreaId] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!props.products.some((p) => p.productKey === productKey))
      setProductKey(props.products[0]?.productKey ?? '');
  }, [props.products, productKey]);

  if (props.productsLoaded && props.products.length === 0)
    return (
      <p class="empty">
        No products yet. <a href={href('products')}>Create a product</a> from its thing model first, then add
        devices.
      </p>
    );

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const device = await api.post<CreatedDevice>('/api/v1/devices', {
        productKey,
        homeId: props.homeId,
        name: name.trim(),
        ...(areaId ? { areaId } : {}),
        ...(deviceName.trim() ? { deviceName: deviceName.trim() } : {}),
      });
      setName('');
      setDeviceName('');
      props.onCreated(device);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  const fields = ['productKey', 'name', 'areaId', 'deviceName'];
  return (
    <form class="card" aria-label="Add a device" onSubmit={(event) => void submit(event)}>
      <h2>New device</h2>
      <div class="row">
        <Field label="Product" error={errorFor(error, 'productKey')}>
          {(control) => (
            <select
              {...control}
              required
              value={productKey}
              onChange={(e) => setProductKey(e.currentTarget.value)}
            >
              {props.products.map((product) => (
                <option key={product.productKey} value={product.productKey}>
                  {product.name} ({product.category})
                </option>
              ))}
            </select>
          )}
        </Field>
        <NameField
          label="Device name"
          hint='What people call it, e.g. "Desk lamp".'
          error={errorFor(error, 'name')}
          value={name}
          onInput={setName}
        />
        <Field label="Area" error={errorFor(error, 'areaId')}>
          {(control) => (
            <select {...control} value={areaId} onChange={(e) => setAreaId(e.currentTarget.value)}>
              <option value="">No area</option>
              {props.areas.map((area) => (
                <option key={area.id} value={area.id}>
                  {area.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="MQTT deviceName"
          hint="Optional: the id the firmware signs in with. Left empty, the hub makes one."
          error={errorFor(error, 'deviceName')}
        >
          {(control) => (
            <input
              {...control}
              maxLength={64}
              spellcheck={false}
              value={deviceName}
              onInput={(e) => setDeviceName(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <FormError error={error} fields={fields} />
      <button type="submit" class="primary" disabled={busy || !productKey}>
        {busy ? 'Adding…' : 'Add device'}
      </button>
    </form>
  );
}
