/**
 * Simulated devices run by the hub itself, so that someone trying Genio can add a device in the
 * console and see it work without writing or running any code. A simulator is a real MQTT client of
 * the hub's own broker, signed with the device's real credentials: it reports a starting value for
 * each property, applies every property set by reporting the new values, and answers every service
 * call. It stops when asked, when its device is deleted, and when the hub stops.
 */
import { connect, type Device as SdkDevice } from '@genio/device-sdk';
import type { Logger } from 'pino';
import { GenioError } from '../errors/index.js';
import type { ProductService } from './products.js';
import type { DeviceRegistry } from './registry.js';
import type { DataType, ThingModel } from './tsl/types.js';

export interface DeviceSimulators {
  start(deviceId: string): Promise<void>;
  stop(deviceId: string): Promise<void>;
  running(deviceId: string): boolean;
  stopAll(): Promise<void>;
}

/** A plausible first value for a property, or undefined for types a simulator leaves alone. */
export function startingValue(dataType: DataType): unknown {
  switch (dataType.type) {
    case 'bool':
      return 0;
    case 'enum':
      return Number(Object.keys(dataType.specs)[0] ?? 0);
    case 'int':
    case 'float':
    case 'double': {
      const min = Number(dataType.specs.min);
      const max = Number(dataType.specs.max);
      if (Number.isFinite(min) && Number.isFinite(max)) return min <= 0 && max >= 0 ? 0 : min;
      return 0;
    }
    case 'text':
      return '';
    default:
      return undefined;
  }
}

function startingValues(model: ThingModel): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const property of model.properties) {
    const value = startingValue(property.dataType);
    if (value !== undefined) values[property.identifier] = value;
  }
  return values;
}

export function createDeviceSimulators(deps: {
  registry: DeviceRegistry;
  products: ProductService;
  mqttPort: () => number;
  log: Logger;
}): DeviceSimulators {
  const running = new Map<string, Promise<SdkDevice>>();

  async function launch(deviceId: string): Promise<SdkDevice> {
    const device = await deps.registry.get(deviceId);
    const identity = await deps.registry.findByIdentity(device.productKey, device.deviceName);
    if (!identity) throw new GenioError('not_found', { kind: 'device', id: deviceId });
    const { thingModel } = await deps.products.get(device.productKey);
    const sdk = await connect({
      host: '127.0.0.1',
      port: deps.mqttPort(),
      productKey: device.productKey,
      deviceName: device.deviceName,
      deviceSecret: identity.secret,
      connectTimeoutMs: 5000,
    });
    sdk.onSet(async (values) => {
      await sdk.report(values as Record<string, never>);
    });
    for (const service of thingModel.services) sdk.onService(service.identifier, () => ({}));
    sdk.on('error', (error) => deps.log.debug({ err: error, deviceId }, 'simulated device error'));
    await sdk.report(startingValues(thingModel) as Record<string, never>);
    deps.log.info({ deviceId }, 'simulated device started');
    return sdk;
  }

  const simulators: DeviceSimulators = {
    async start(deviceId) {
      if (running.has(deviceId)) {
        await running.get(deviceId);
        return;
      }
      const started = launch(deviceId);
      running.set(deviceId, started);
      try {
        await started;
      } catch (error) {
        running.delete(deviceId);
        throw error;
      }
    },
    async stop(deviceId) {
      const sdk = running.get(deviceId);
      running.delete(deviceId);
      if (!sdk) return;
      await (await sdk.catch(() => null))?.close();
      deps.log.info({ deviceId }, 'simulated device stopped');
    },
    running: (deviceId) => running.has(deviceId),
    async stopAll() {
      await Promise.all([...running.keys()].map((id) => simulators.stop(id)));
    },
  };
  return simulators;
}
