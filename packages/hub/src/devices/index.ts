export {
  type CapabilityName,
  type Category,
  capabilityLabels,
  capabilityNames,
  fromDeviceValue,
  type ResolvedCapabilities,
  valueLabel,
} from './capabilities/index.js';
export type { CommandResult, DeviceCommands, DeviceDriver } from './commands.js';
export type { DeviceReply } from './gateway.js';
export { createDevicesModule, type DevicesModule } from './module.js';
export type { LoadedProduct, Product, ProductService } from './products.js';
export type { Device, DeviceRegistry } from './registry.js';
export type { Shadow } from './shadow.js';
