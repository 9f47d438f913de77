import type { Hub } from '../hub.js';
import { useI18n } from '../i18n.js';
import { Tile } from './Tile.js';
import type { Area, Device } from './types.js';
import { useDevices } from './useDevices.js';

interface Group {
  id: string;
  name: string;
  devices: Device[];
}

/** Devices grouped by area in the home's area order; devices without a (known) area go last, under "Other". */
export function groupByArea(devices: Device[], areas: Area[], otherName: string): Group[] {
  const known = new Set(areas.map((a) => a.id));
  const groups: Group[] = areas.map((area) => ({
    id: area.id,
    name: area.name,
    devices: devices.filter((d) => d.areaId === area.id),
  }));
  groups.push({
    id: 'other',
    name: otherName,
    devices: devices.filter((d) => d.areaId === null || !known.has(d.areaId)),
  });
  return groups.filter((g) => g.devices.length > 0);
}

/** The home's devices as tiles, one section per area, live. */
export function DeviceTiles({ hub }: { hub: Hub }) {
  const { s } = useI18n();
  const state = useDevices(hub);
  const groups = groupByArea(state.devices, state.areas, s.otherArea);

  return (
    <section class="panel devices" aria-labelledby="devices-title">
      <h2 id="devices-title" class="panel-title">
        {s.devicesTitle}
      </h2>
      {state.error ? (
        <div class="error-box" role="alert">
          <p>{state.error}</p>
          <button type="button" onClick={state.reload}>
            {s.retry}
          </button>
        </div>
      ) : null}
      {state.loading ? (
        <div class="tiles">
          <div class="tile skeleton" aria-hidden="true" />
          <div class="tile skeleton" aria-hidden="true" />
          <p class="visually-hidden" role="status">
            {s.loading}
          </p>
        </div>
      ) : groups.length === 0 && !state.error ? (
        <p class="empty" data-testid="no-devices">
          {s.noDevices}
        </p>
      ) : (
        groups.map((group) => (
          <section
            class="area"
            key={group.id}
            aria-labelledby={`area-${group.id}`}
            data-testid={`area-${group.id}`}
          >
            <h3 id={`area-${group.id}`} class="area-title">
              {group.name}
            </h3>
            <div class="tiles">
              {group.devices.map((device) => (
                <Tile
                  key={device.id}
                  api={hub.api}
                  device={device}
                  live={hub.state === 'open'}
                  capabilities={state.capabilities[device.id] ?? null}
                  applyLocally={state.applyLocally}
                />
              ))}
            </div>
          </section>
        ))
      )}
    </section>
  );
}
