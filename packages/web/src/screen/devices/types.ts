import type { CapabilityState } from '@genio/contracts';

export type { CapabilityName, CapabilityState } from '@genio/contracts';

/** A device as `GET /api/v1/devices` returns it (the screen reads its values through its capabilities). */
export interface Device {
  id: string;
  productKey: string;
  category: string;
  homeId: string;
  areaId: string | null;
  name: string;
  online: boolean;
  disabled: boolean;
  createdAt: number;
}

/** An area of the home. */
export interface Area {
  id: string;
  name: string;
}

/** A device's capabilities by name, as `GET /api/v1/devices/{id}/capabilities` lists them. */
export type Capabilities = Partial<Record<CapabilityState['name'], CapabilityState>>;
