import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { CredentialsPanel } from '../components/credentials.js';
import { SimulatorToggle } from '../components/simulator-toggle.js';
import { Empty, LoadError, Loading } from '../components/status.js';
import { asApiError } from '../lib/console-api.js';
import { useLiveEvent, useSession } from '../lib/context.js';
import { formatDateTime } from '../lib/format.js';
import { href, navigate } from '../lib/route.js';
import { describeValue, fieldLabel, type Product, type TslProperty } from '../lib/tsl.js';
import type { Credentials, Device } from '../lib/types.js';
import { useLoad } from '../lib/use-load.js';
import { CommandForms } from './command-form.js';
import { DeviceSettings } from './device-settings.js';
import { OnlineBadge } from './devices.js';
import { HistoryChart } from './history-chart.js';

/** One device: live state, secret rotation, a history chart and command forms built from its thing model. */
export function DeviceDetail(props: { deviceId: string }) {
  const { api } = useSession();
  const path = `/api/v1/devices/${encodeURIComponent(props.deviceId)}`;
  const device = useLoad(() => api.get<Device>(path), [api, path]);
  const productKey = device.data?.productKey;
  const product = useLoad(
    () =>
      productKey
        ? api.get<Product>(`/api/v1/products/${encodeURIComponent(productKey)}`)
        : Promise.resolve(undefined),
    [api, productKey],
  );
  const [rotated, setRotated] = useState<Credentials | null>(null);
  const [rotateError, setRotateError] = useState<ApiError | null>(null);
  const [latest, setLatest] = useState<{ at: number; properties: Record<string, unknown> } | null>(null);

  useLiveEvent((event) => {
    if (event.payload.deviceId !== props.deviceId) return;
    if (event.name === 'device.online')
      device.update((d) => (d ? { ...d, online: event.payload.online === true, lastSeen: event.at } : d));
    if (event.name === 'device.state_changed') {
      const properties = event.payload.properties as Record<string, unknown>;
      const at = typeof event.payload.at === 'number' ? event.payload.at : event.at;
      device.update((d) => (d ? { ...d, properties: { ...d.properties, ...properties }, lastSeen: at } : d));
      setLatest({ at, properties });
    }
    if (event.name === 'device.updated') device.reload();
  });

  const rotate = async () => {
    setRotateError(null);
    try {
      setRotated(await api.post<Credentials>(`${path}/secret`));
    } catch (failure) {
      setRotateError(asApiError(failure));
    }
  };

  if (device.error) return <LoadError error={device.error} retry={device.reload} />;
  if (!device.data) return <Loading what="the device" />;
  const d = device.data;
  const model = product.data?.thingModel;
  const properties: TslProperty[] = model?.properties ?? [];
  const reported = Object.keys(d.properties);
  const unknown = reported.filter((id) => !properties.some((p) => p.identifier === id));

  return (
    <div class="page">
      <p>
        <a href={href('devices')}>← Devices</a>
      </p>
      <div class="title-row">
        <h1>{d.name}</h1>
        <OnlineBadge online={d.online} />
        <span class="spacer" />
        <SimulatorToggle deviceId={d.id} compact />
        <ConfirmButton
          label="Rotate secret"
          question="Make a new secret? The device must sign in with the new one."
          confirmLabel="Yes, rotate"
          onConfirm={rotate}
        />
      </div>
      <p class="muted">
        {product.data ? <a href={href('products', d.productKey)}>{product.data.name}</a> : d.productKey} ·
        deviceName <code>{d.deviceName}</code> · last seen {formatDateTime(d.lastSeen)}
        {d.disabled ? ' · disabled' : ''}
      </p>
      {rotateError ? <LoadError error={rotateError} /> : null}
      {rotated ? (
        <CredentialsPanel title="New credentials" credentials={rotated} onClose={() => setRotated(null)} />
      ) : null}
      {product.error ? <LoadError error={product.error} retry={product.reload} /> : null}
      <DeviceSettings
        key={d.id}
        device={d}
        onChanged={(changed) => device.update(() => changed)}
        onDeleted={() => navigate('devices')}
      />
      <div class="split">
        <section class="column" aria-labelledby="state-title">
          <h2 id="state-title">Current properties</h2>
          {reported.length === 0 && properties.length === 0 && product.loading ? (
            <Loading what="properties" />
          ) : null}
          {properties.length + unknown.length === 0 && !product.loading ? (
            <Empty>The device has reported nothing yet. Values appear here when it does.</Empty>
          ) : (
            <table class="table compact">
              <thead>
                <tr>
                  <th scope="col">Property</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {properties.map((p) => (
                  <tr key={p.identifier}>
                    <th scope="row">
                      {fieldLabel(p)} <code class="muted">{p.identifier}</code>
                    </th>
                    <td class={latest && p.identifier in latest.properties ? 'fresh' : ''}>
                      {describeValue(p, d.properties[p.identifier])}
                    </td>
                  </tr>
                ))}
                {unknown.map((id) => (
                  <tr key={id}>
                    <th scope="row">
                      <code>{id}</code>
                    </th>
                    <td>{describeValue(undefined, d.properties[id])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section class="column wide" aria-labelledby="history-title">
          <h2 id="history-title">History</h2>
          {model ? (
            <HistoryChart deviceId={d.id} properties={properties} latest={latest} />
          ) : (
            <Loading what="the thing model" />
          )}
        </section>
      </div>
      <section aria-labelledby="commands-title">
        <h2 id="commands-title">Commands</h2>
        {model ? <CommandForms device={d} model={model} /> : <Loading what="the thing model" />}
      </section>
    </div>
  );
}
