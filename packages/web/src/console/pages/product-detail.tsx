import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { Empty, LoadError, Loading } from '../components/status.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { formatDateTime } from '../lib/format.js';
import { href, navigate } from '../lib/route.js';
import { may } from '../lib/session.js';
import { fieldLabel, type Product, type TslDataType } from '../lib/tsl.js';
import type { Device } from '../lib/types.js';
import { useLoad } from '../lib/use-load.js';
import { CapabilityMapping } from './capability-mapping.js';
import { OnlineBadge } from './devices.js';

function specsSummary(dataType: TslDataType): string {
  const specs = dataType.specs;
  if (!specs || typeof specs !== 'object') return '';
  if (Array.isArray(specs)) return specs.map((f: { identifier?: string }) => f.identifier ?? '?').join(', ');
  return Object.entries(specs as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
}

/** One product: its thing model, its capability mapping (editable) and its devices. */
export function ProductDetail(props: { productKey: string }) {
  const { api, identity } = useSession();
  const path = `/api/v1/products/${encodeURIComponent(props.productKey)}`;
  const product = useLoad(() => api.get<Product>(path), [api, path]);
  const devices = useLoad(
    () => api.get<Device[]>(`/api/v1/devices?productKey=${encodeURIComponent(props.productKey)}`),
    [api, props.productKey],
  );
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);

  if (product.error) return <LoadError error={product.error} retry={product.reload} />;
  if (!product.data) return <Loading what="the product" />;
  const p = product.data;
  const remove = async () => {
    try {
      await api.delete(path);
      navigate('products');
    } catch (failure) {
      setDeleteError(asApiError(failure));
    }
  };

  return (
    <div class="page">
      <p>
        <a href={href('products')}>← Products</a>
      </p>
      <div class="title-row">
        <h1>{p.name}</h1>
        <span class="muted">
          <code>{p.productKey}</code> · {p.category} · created {formatDateTime(p.createdAt)}
        </span>
        <span class="spacer" />
        {may(identity, 'product.delete') ? (
          <ConfirmButton
            label="Delete product"
            question={`Delete ${p.name} and all its devices?`}
            confirmLabel="Yes, delete"
            onConfirm={remove}
          />
        ) : null}
      </div>
      {deleteError ? <LoadError error={deleteError} /> : null}
      <section aria-labelledby="model-title">
        <h2 id="model-title">Thing model</h2>
        <table class="table compact">
          <thead>
            <tr>
              <th scope="col">Property</th>
              <th scope="col">Identifier</th>
              <th scope="col">Type</th>
              <th scope="col">Access</th>
              <th scope="col">Specs</th>
            </tr>
          </thead>
          <tbody>
            {(p.thingModel.properties ?? []).map((property) => (
              <tr key={property.identifier}>
                <td>{fieldLabel(property)}</td>
                <td>
                  <code>{property.identifier}</code>
                </td>
                <td>{property.dataType.type}</td>
                <td>{property.accessMode ?? 'rw'}</td>
                <td class="state-cell">{specsSummary(property.dataType)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="muted">
          Services: {(p.thingModel.services ?? []).map((s) => s.identifier).join(', ') || 'none'}. Events:{' '}
          {(p.thingModel.events ?? []).map((e) => e.identifier).join(', ') || 'none'}.
        </p>
        <details>
          <summary>Thing model as JSON</summary>
          <pre class="json">{JSON.stringify(p.thingModel, null, 2)}</pre>
        </details>
      </section>
      <CapabilityMapping
        product={p}
        editable={may(identity, 'product.update')}
        onSaved={(saved) => product.update(() => saved)}
      />
      <section aria-labelledby="product-devices-title">
        <h2 id="product-devices-title">Devices of this product</h2>
        {devices.error ? <LoadError error={devices.error} retry={devices.reload} /> : null}
        {devices.loading && !devices.data ? <Loading what="devices" /> : null}
        {devices.data && devices.data.length === 0 ? (
          <Empty>
            No devices of this product yet. <a href={href('devices')}>Add one</a> on the Devices page.
          </Empty>
        ) : null}
        <ul class="rows">
          {(devices.data ?? []).map((device) => (
            <li key={device.id} class="row-item">
              <a href={href('device', device.id)}>{device.name}</a>
              <OnlineBadge online={device.online} />
              <code class="muted">{device.deviceName}</code>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
