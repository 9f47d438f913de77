import { useEffect, useState } from 'preact/hooks';
import { CredentialsPanel } from '../components/credentials.js';
import { Field } from '../components/field.js';
import { Empty, LoadError, Loading } from '../components/status.js';
import { useLiveEvent, useSession } from '../lib/context.js';
import { formatDateTime } from '../lib/format.js';
import { href } from '../lib/route.js';
import type { Product } from '../lib/tsl.js';
import type { Area, CreatedDevice, Device, Home } from '../lib/types.js';
import { useLoad } from '../lib/use-load.js';
import { AddDevice } from './device-create.js';

let lastHomeId: string | null = null;

/** Devices of one home, live: state and online/offline; add a device and see its credentials once. */
export function DevicesPage() {
  const { api } = useSession();
  const homes = useLoad(() => api.get<Home[]>('/api/v1/homes'), [api]);
  const products = useLoad(() => api.get<Product[]>('/api/v1/products'), [api]);
  const [homeId, setHomeId] = useState<string | null>(lastHomeId);
  const [created, setCreated] = useState<CreatedDevice | null>(null);

  // Default to the first home once homes are known.
  useEffect(() => {
    const list = homes.data ?? [];
    if (list.length && !list.some((home) => home.id === homeId)) setHomeId(list[0]?.id ?? null);
  }, [homes.data, homeId]);
  useEffect(() => {
    lastHomeId = homeId;
  }, [homeId]);

  return (
    <div class="page">
      <h1>Devices</h1>
      {homes.error ? <LoadError error={homes.error} retry={homes.reload} /> : null}
      {homes.loading && !homes.data ? <Loading what="homes" /> : null}
      {homes.data && homes.data.length === 0 ? (
        <Empty>
          No homes yet. <a href={href('homes')}>Create a home</a> first, then add its devices here.
        </Empty>
      ) : null}
      {homes.data && homes.data.length > 0 ? (
        <Field label="Home">
          {(control) => (
            <select {...control} value={homeId ?? ''} onChange={(e) => setHomeId(e.currentTarget.value)}>
              {homes.data?.map((home) => (
                <option key={home.id} value={home.id}>
                  {home.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {created ? (
        <CredentialsPanel
          title={`${created.name} is added. Its credentials:`}
          credentials={created}
          onClose={() => setCreated(null)}
        />
      ) : null}
      {homeId ? (
        <HomeDevices
          key={homeId}
          homeId={homeId}
          products={products.data ?? []}
          productsLoaded={Boolean(products.data)}
          onCreated={setCreated}
        />
      ) : null}
    </div>
  );
}

function HomeDevices(props: {
  homeId: string;
  products: Product[];
  productsLoaded: boolean;
  onCreated: (device: CreatedDevice) => void;
}) {
  const { api } = useSession();
  const query = `/api/v1/devices?homeId=${encodeURIComponent(props.homeId)}`;
  const devices = useLoad(() => api.get<Device[]>(query), [api, query]);
  const areas = useLoad(
    () => api.get<Area[]>(`/api/v1/homes/${encodeURIComponent(props.homeId)}/areas`),
    [api, props.homeId],
  );

  useLiveEvent((event) => {
    const { payload } = event;
    if (payload.homeId !== props.homeId) return;
    if (event.name === 'device.state_changed' || event.name === 'device.online') {
      devices.update((current) =>
        current?.map((device) => {
          if (device.id !== payload.deviceId) return device;
          if (event.name === 'device.online')
            return { ...device, online: payload.online === true, lastSeen: event.at };
          const properties = payload.properties as Record<string, unknown>;
          return { ...device, properties: { ...device.properties, ...properties }, lastSeen: event.at };
        }),
      );
    } else if (event.name.startsWith('device.')) devices.reload();
  });

  const areaName = (id: string | null) => (id ? (areas.data?.find((a) => a.id === id)?.name ?? '') : '');
  const productName = (key: string) => props.products.find((p) => p.productKey === key)?.name ?? key;

  return (
    <>
      <AddDevice
        homeId={props.homeId}
        products={props.products}
        productsLoaded={props.productsLoaded}
        areas={areas.data ?? []}
        onCreated={(device) => {
          devices.update((current) => [...(current ?? []).filter((d) => d.id !== device.id), device]);
          props.onCreated(device);
        }}
      />
      <section aria-labelledby="device-list-title">
        <h2 id="device-list-title">Devices in this home</h2>
        {devices.error ? <LoadError error={devices.error} retry={devices.reload} /> : null}
        {devices.loading && !devices.data ? <Loading what="devices" /> : null}
        {devices.data && devices.data.length === 0 ? (
          <Empty>No devices in this home yet. Add one above: pick its product and give it a name.</Empty>
        ) : null}
        {devices.data && devices.data.length > 0 ? (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Product</th>
                <th scope="col">Area</th>
                <th scope="col">State</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {devices.data.map((device) => (
                <tr key={device.id}>
                  <td>
                    <a href={href('device', device.id)}>{device.name}</a>
                  </td>
                  <td data-label="Status">
                    <OnlineBadge online={device.online} />
                  </td>
                  <td data-label="Product">{productName(device.productKey)}</td>
                  <td data-label="Area">{areaName(device.areaId)}</td>
                  <td class="state-cell" data-label="State">
                    {Object.entries(device.properties)
                      .map(
                        ([key, value]) =>
                          `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
                      )
                      .join(', ') || <span class="muted">nothing reported yet</span>}
                  </td>
                  <td data-label="Last seen">{formatDateTime(device.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}

/** Online or offline, in words and colour. */
export function OnlineBadge(props: { online: boolean }) {
  return (
    <span class={`badge ${props.online ? 'online' : 'offline'}`}>{props.online ? 'Online' : 'Offline'}</span>
  );
}
