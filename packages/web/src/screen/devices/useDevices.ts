import { useEffect, useState } from 'preact/hooks';
import type { HubEvent } from '../../lib/events.js';
import { type Hub, useHubEvents } from '../hub.js';
import type { Area, Capabilities, CapabilityState, Device } from './types.js';

/** Devices, areas and each device's capabilities, kept live from the event stream. */
export interface DevicesState {
  loading: boolean;
  error: string | null;
  devices: Device[];
  areas: Area[];
  /** By device id; absent while loading. */
  capabilities: Record<string, Capabilities>;
  /** Apply capability values the device accepted, before its report arrives. */
  applyLocally(deviceId: string, values: Record<string, unknown>): void;
  reload(): void;
}

const byCreation = (a: Device, b: Device) => a.createdAt - b.createdAt || a.name.localeCompare(b.name);

const byName = (states: CapabilityState[]): Capabilities =>
  Object.fromEntries(states.map((state) => [state.name, state]));

export function useDevices(hub: Hub): DevicesState {
  const [devices, setDevices] = useState<Device[]>([]);
  const [areas, setAreas] = useState<Area[]>([]);
  const [capabilities, setCapabilities] = useState<Record<string, Capabilities>>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const { api, homeId } = hub;

  /** The hub turns reported properties into capability values; the screen asks rather than converting. */
  const loadCapabilities = async (deviceId: string) => {
    try {
      const found = await api.get<{ capabilities: CapabilityState[] }>(
        `/api/v1/devices/${encodeURIComponent(deviceId)}/capabilities`,
      );
      setCapabilities((all) => ({ ...all, [deviceId]: byName(found.capabilities) }));
    } catch {
      // The device went away between the event and the read; its deleted event follows.
    }
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
        await Promise.all(deviceList.map((d) => loadCapabilities(d.id)));
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
      await loadCapabilities(deviceId);
    } catch {
      // As above: a deleted event follows.
    }
  };

  useHubEvents(hub, (event: HubEvent) => {
    const p = event.payload;
    const deviceId = typeof p.deviceId === 'string' ? p.deviceId : null;
    switch (event.name) {
      case 'device.state_changed':
        if (deviceId && devices.some((d) => d.id === deviceId)) void loadCapabilities(deviceId);
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
    capabilities,
    applyLocally: (deviceId, values) =>
      setCapabilities((all) => {
        const current = all[deviceId];
        if (!current) return all;
        const next: Capabilities = { ...current };
        for (const [name, value] of Object.entries(values)) {
          const state = next[name as CapabilityState['name']];
          if (state && state.type !== 'service') next[state.name] = { ...state, value } as CapabilityState;
        }
        return { ...all, [deviceId]: next };
      }),
    reload: () => setAttempt((n) => n + 1),
  };
}
