import type { CapabilityState, Area as ContractArea } from '@genio/contracts';

/** Devices and areas as the hub's API answers them, from the contract. */
export type { CapabilityName, CapabilityState, Device } from '@genio/contracts';

/** What the screen keeps of an area (area events carry its id and name). */
export type Area = Pick<ContractArea, 'id' | 'name'>;

/** A device's capabilities by name, as `GET /api/v1/devices/{id}/capabilities` lists them. */
export type Capabilities = Partial<Record<CapabilityState['name'], CapabilityState>>;
