import { GenioError } from '../errors/index.js';
import { type CapabilityName, type ResolvedCapabilities, toDeviceValue } from './capabilities/index.js';
import type { DeviceGateway, DeviceReply } from './gateway.js';
import type { DeviceLink } from './link.js';
import type { ProductService } from './products.js';
import type { Device, DeviceRegistry } from './registry.js';
import type { Shadow } from './shadow.js';
import { validatePropertyValues, validateServiceInput } from './tsl/index.js';

/** The outcome of a command: the device's reply, or that it was queued for when the device returns. */
export type CommandResult =
  | { status: 'replied'; reply: DeviceReply }
  | { status: 'queued'; properties: Record<string, unknown> };

/** Options of a property set. */
export interface SetOptions {
  /** When the device is offline, keep the values as desired state and deliver them on reconnect. */
  queueIfOffline?: boolean;
}

/** Commands from the hub to devices: properties, services, capabilities. */
export interface DeviceCommands {
  /** Add a link for the devices it owns; devices no link owns go through the Alink gateway. */
  registerLink(link: DeviceLink): void;
  setProperties(
    deviceId: string,
    values: Record<string, unknown>,
    options?: SetOptions,
  ): Promise<CommandResult>;
  invokeService(deviceId: string, service: string, params: Record<string, unknown>): Promise<CommandResult>;
  setCapabilities(
    deviceId: string,
    values: Record<string, unknown>,
    options?: SetOptions,
  ): Promise<CommandResult>;
  /** Deliver desired state that waited for a device. */
  deliverDesired(deviceId: string): Promise<void>;
}

const SERVICE_CAPABILITIES = new Set(['start', 'pause', 'dock']);

/** Create the command service. */
export function createDeviceCommands(deps: {
  registry: DeviceRegistry;
  products: ProductService;
  gateway: DeviceGateway;
  shadow: Shadow;
  timeoutMs: number;
  clock?: () => number;
}): DeviceCommands {
  const { registry, products, gateway, shadow } = deps;
  const now = deps.clock ?? Date.now;
  const links: DeviceLink[] = [];
  const linkFor = (device: Device): Omit<DeviceLink, 'owns'> => links.find((l) => l.owns(device)) ?? gateway;

  async function setProperties(
    deviceId: string,
    values: Record<string, unknown>,
    options: SetOptions = {},
  ): Promise<CommandResult> {
    const device = await registry.get(deviceId);
    if (device.disabled) throw new GenioError('forbidden', { action: 'command a disabled device' });
    const product = await products.get(device.productKey);
    const normalized = validatePropertyValues(product.thingModel, values, { forSet: true });
    const plain: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(normalized)) plain[k] = v.value;
    const link = linkFor(device);
    if (!link.isConnected(deviceId)) {
      if (!options.queueIfOffline) throw new GenioError('device_offline', { name: device.name });
      await shadow.setDesired(deviceId, plain, now());
      return { status: 'queued', properties: plain };
    }
    const reply = await link.setProperties(deviceId, plain, deps.timeoutMs);
    if (reply.code === 200) {
      await shadow.report({ id: deviceId, homeId: device.homeId }, normalized, now());
      await shadow.clearDesired(deviceId, Object.keys(plain));
    }
    return { status: 'replied', reply };
  }

  async function invokeService(
    deviceId: string,
    service: string,
    params: Record<string, unknown>,
  ): Promise<CommandResult> {
    const device = await registry.get(deviceId);
    if (device.disabled) throw new GenioError('forbidden', { action: 'command a disabled device' });
    const product = await products.get(device.productKey);
    const input = validateServiceInput(product.thingModel, service, params);
    const link = linkFor(device);
    if (!link.isConnected(deviceId)) throw new GenioError('device_offline', { name: device.name });
    const reply = await link.invokeService(deviceId, service, input, deps.timeoutMs);
    return { status: 'replied', reply };
  }

  return {
    registerLink(link) {
      links.push(link);
    },
    setProperties,
    invokeService,
    async setCapabilities(deviceId, values, options) {
      const device = await registry.get(deviceId);
      const product = await products.get(device.productKey);
      const resolved: ResolvedCapabilities = product.resolved;
      const services = Object.keys(values).filter((k) => SERVICE_CAPABILITIES.has(k));
      if (services.length) {
        if (Object.keys(values).length > 1) {
          throw new GenioError('validation_failed', {
            field: services[0],
            reason: 'a service capability must be called alone',
          });
        }
        const name = services[0] as string;
        const target = resolved[name as CapabilityName];
        if (!target)
          throw new GenioError('validation_failed', {
            field: name,
            reason: 'this product has no such capability',
          });
        const params = values[name];
        return invokeService(
          deviceId,
          target.identifier,
          params && typeof params === 'object' ? (params as Record<string, unknown>) : {},
        );
      }
      const props: Record<string, unknown> = {};
      for (const [capability, value] of Object.entries(values)) {
        const target = resolved[capability as CapabilityName];
        if (!target)
          throw new GenioError('validation_failed', {
            field: capability,
            reason: 'this product has no such capability',
          });
        props[target.identifier] = toDeviceValue(capability as CapabilityName, value, target);
      }
      return setProperties(deviceId, props, options);
    },
    async deliverDesired(deviceId) {
      const desired = await shadow.getDesired(deviceId);
      if (Object.keys(desired).length === 0) return;
      const device = await registry.get(deviceId);
      // Bridged devices (Home Assistant import) get their desired values through their own link.
      const link = linkFor(device);
      if (!link.isConnected(deviceId)) return;
      const reply = await link.setProperties(deviceId, desired, deps.timeoutMs);
      if (reply.code === 200) {
        const product = await products.get(device.productKey);
        await shadow.report(
          { id: deviceId, homeId: device.homeId },
          validatePropertyValues(product.thingModel, desired),
          now(),
        );
        await shadow.clearDesired(deviceId, Object.keys(desired));
      }
    },
  };
}
