import { useEffect, useState } from 'preact/hooks';
import type { HubEvent } from '../../lib/events.js';
import { type Hub, useHubEvents } from '../hub.js';
import type { Area, Device, Product } from './types.js';

/** Devices, areas and products of the home, kept live from the event stream. */
export interface DevicesState {
  loading: boolean;
  error: string | null;
  devices: Device[];
  areas: Area[];
  products: Record<string, Product>;
  /** Apply values the device accepted, before the state event arrives. */
  applyLocally(deviceId: string, properties: Record<string, unknown>): void;
  reload(): void;
}

const byCreation = (a: Device, b: Device) => a.createdAt - b.createdAt || a.name.localeCompare(b.name);

export function useDevices(hub: Hub): DevicesState {
  const [devices, setDevices] = useState<Device[]>([]);
  const [areas, setAreas] = useState<Area[]>([]);
  const [products, setProducts] = useState<Record<string, Product>>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const { api, homeId } = hub;

  const loadProducts = async (keys: string[], known: Record<string, Product>) => {
    const missing = [...new Set(keys)].filter((key) => !known[key]);
    const loaded = await Promise.all(
      missing.map((key) => api.get<Product>(`/api/v1/products/${encodeURIComponent(key)}`).catch(() => null)),
    );
    const found = loaded.filter((p): p is Product => p !== null);
    if (found.length)
      setProducts((all) => ({ ...all, ...Object.fromEntries(found.map((p) => [p.productKey, p])) }));
  };

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const [areaList, deviceList] = await Promise.all([
          api.get<Area[]>(`/api/v1/homes/${encodeURIComponent(homeId)}/areas`),
          api.get<Device[]>(`/api/v1/devices?homeId=${encodeURIComponent(homeId)}`),
        ]);
        if (cancelled) return;
        setAreas(areaList);
        setDevices([...deviceList].sort(byCreation));
        setError(null);
        await loadProducts(
          deviceList.map((d) => d.productKey),
          products,
        );
      } catch (failure) {
        if (!cancelled) setError(failure instanceof Error ? failure.message : String(failure));
      } finally {
        if (!cancelled) setLoading(false);
      }
    };
    void load();
    return () => {
      cancelled = true;
    };
  }, [api, homeId, hub.epoch, attempt]);

  const patch = (deviceId: string, change: (device: Device) => Device) =>
    setDevices((list) => list.map((d) => (d.id === deviceId ? change(d) : d)));

  const fetchDevice = async (deviceId: string) => {
    try {
      const device = await api.get<Device>(`/api/v1/devices/${encodeURIComponent(deviceId)}`);
      setDevices((list) => [...list.filter((d) => d.id !== deviceId), device].sort(byCreation));
      await loadProducts([device.productKey], products);
    } catch {
      // The device went away between the event and the read; its deleted event follows.
    }
  };

  useHubEvents(hub, (event: HubEvent) => {
    const p = event.payload;
    const deviceId = typeof p.deviceId === 'string' ? p.deviceId : null;
    switch (event.name) {
      case 'device.state_changed':
        if (deviceId && p.properties && typeof p.properties === 'object')
          patch(deviceId, (d) => ({ ...d, properties: { ...d.properties, ...(p.properties as object) } }));
        break;
      case 'device.online':
        if (deviceId) patch(deviceId, (d) => ({ ...d, online: p.online === true }));
        break;
      case 'device.created':
      case 'device.updated':
        if (deviceId) void fetchDevice(deviceId);
        break;
      case 'device.deleted':
        if (deviceId) setDevices((list) => list.filter((d) => d.id !== deviceId));
        break;
      case 'area.created':
      case 'area.updated':
        if (typeof p.areaId === 'string' && typeof p.name === 'string') {
          const area = { id: p.areaId, name: p.name };
          setAreas((list) =>
            list.some((a) => a.id === area.id)
              ? list.map((a) => (a.id === area.id ? area : a))
              : [...list, area],
          );
        }
        break;
      case 'area.deleted':
        setAreas((list) => list.filter((a) => a.id !== p.areaId));
        setDevices((list) => list.map((d) => (d.areaId === p.areaId ? { ...d, areaId: null } : d)));
        break;
    }
  });

  return {
    loading,
    error,
    devices,
    areas,
    products,
    applyLocally: (deviceId, properties) =>
      patch(deviceId, (d) => ({ ...d, properties: { ...d.properties, ...properties } })),
    reload: () => setAttempt((n) => n + 1),
  };
}
