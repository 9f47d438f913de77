export {
  type CapabilityName,
  type Category,
  capabilityLabels,
  capabilityNames,
  capabilityStates,
  fromDeviceValue,
  kelvinRange,
  type ResolvedCapabilities,
  resolveCapabilities,
  standardValues,
  toDeviceValue,
  valueLabel,
  valueWords,
} from './capabilities/index.js';
export type { CommandResult, DeviceCommands } from './commands.js';
export type { DeviceReply } from './gateway.js';
export type { DeviceLink } from './link.js';
export { createDevicesModule, type DevicesModule } from './module.js';
export type { LoadedProduct, Product, ProductService } from './products.js';
export type { Device, DeviceRegistry } from './registry.js';
export type { Shadow } from './shadow.js';
export { createDeviceSimulators, type DeviceSimulators } from './simulator.js';
export type { DataType, Field, NumericDataType } from './tsl/index.js';
export { parseThingModel, validatePropertyValues } from './tsl/index.js';
