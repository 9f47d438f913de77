/**
 * Simulated devices run by the hub itself, so that someone trying Genio can add a device in the
 * console and see it work without writing or running any code. A simulator is a real MQTT client of
 * the hub's own broker, signed with the device's real credentials: it reports a starting value for
 * each property, applies every property set by reporting the new values, and answers every service
 * call. It stops when asked, when its device is deleted, and when the hub stops.
 */
import { connect, type Device as SdkDevice } from '@genio/device-sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { GenioError } from '../errors/index.js';
import type { Database } from '../storage/index.js';
import type { ProductService } from './products.js';
import type { DeviceRegistry } from './registry.js';
import type { DataType, ThingModel } from './tsl/types.js';

/** The simulators the hub runs; which devices are simulated is stored, so that a restart brings them back. */
export interface DeviceSimulators {
  /** Start simulating a device and remember it. */
  start(deviceId: string): Promise<void>;
  /** Stop simulating a device and forget it. */
  stop(deviceId: string): Promise<void>;
  running(deviceId: string): boolean;
  /** Start again every simulator that was running when the hub stopped. */
  resume(): Promise<void>;
  /** Disconnect every simulator (the hub stops); they are still remembered for the next start. */
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

/** Values for the properties the device has never reported; what it reported before is kept as it is. */
function startingValues(model: ThingModel, reported: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const property of model.properties) {
    if (property.identifier in reported) continue;
    const value = startingValue(property.dataType);
    if (value !== undefined) values[property.identifier] = value;
  }
  return values;
}

export function createDeviceSimulators(deps: {
  db: Kysely<Database>;
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
    const missing = startingValues(thingModel, device.properties);
    if (Object.keys(missing).length > 0) await sdk.report(missing as Record<string, never>);
    deps.log.info({ deviceId }, 'simulated device started');
    return sdk;
  }

  async function disconnect(deviceId: string): Promise<void> {
    const sdk = running.get(deviceId);
    running.delete(deviceId);
    if (!sdk) return;
    await (await sdk.catch(() => null))?.close();
    deps.log.info({ deviceId }, 'simulated device stopped');
  }

  const simulators: DeviceSimulators = {
    async start(deviceId) {
      await deps.db
        .insertInto('device_simulations')
        .values({ device_id: deviceId, started_at: Date.now() })
        .onConflict((oc) => oc.column('device_id').doNothing())
        .execute();
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
      await deps.db.deleteFrom('device_simulations').where('device_id', '=', deviceId).execute();
      await disconnect(deviceId);
    },
    running: (deviceId) => running.has(deviceId),
    async resume() {
      const rows = await deps.db.selectFrom('device_simulations').select('device_id').execute();
      await Promise.all(
        rows.map(({ device_id: deviceId }) =>
          simulators
            .start(deviceId)
            .catch((error: unknown) =>
              deps.log.warn({ err: error, deviceId }, 'simulated device not resumed'),
            ),
        ),
      );
    },
    async stopAll() {
      await Promise.all([...running.keys()].map((id) => disconnect(id)));
    },
  };
  return simulators;
}
