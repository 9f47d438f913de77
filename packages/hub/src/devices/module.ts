import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Bus } from '../bus/index.js';
import type { GenioConfig } from '../config/index.js';
import { loadHubId } from '../ids/index.js';
import type { Metrics } from '../metrics/index.js';
import type { Broker } from '../mqtt/index.js';
import { createSecretBox, loadSecretKey } from '../secrets/index.js';
import type { Database } from '../storage/index.js';
import { createDeviceCommands, type DeviceCommands } from './commands.js';
import { createDeviceGateway, type DeviceGateway } from './gateway.js';
import { createProductService, type ProductService } from './products.js';
import { createDeviceRegistry, type DeviceRegistry } from './registry.js';
import { createShadow, type Shadow } from './shadow.js';

/** The devices module: products, devices, shadow, commands and the MQTT gateway. */
export interface DevicesModule {
  products: ProductService;
  registry: DeviceRegistry;
  shadow: Shadow;
  commands: DeviceCommands;
  gateway: DeviceGateway;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const DAY = 86_400_000;

/** Build the devices module; start() installs the broker authority and the retention job. */
export function createDevicesModule(deps: {
  db: Kysely<Database>;
  bus: Bus;
  broker: Broker;
  config: GenioConfig;
  log: Logger;
  metrics: Metrics;
  clock?: () => number;
}): DevicesModule {
  const { config, log } = deps;
  const clock = deps.clock ?? Date.now;
  const box = createSecretBox(loadSecretKey(config.secretKey, config.dataDir));
  const products = createProductService({ db: deps.db, clock });
  const hubId = loadHubId(config.dataDir);
  const registry = createDeviceRegistry({ db: deps.db, bus: deps.bus, products, box, hubId, clock });
  const shadow = createShadow({
    db: deps.db,
    bus: deps.bus,
    keepHistory: () => config.telemetryRetentionDays > 0,
  });
  const gateway = createDeviceGateway({
    broker: deps.broker,
    registry,
    products,
    shadow,
    bus: deps.bus,
    log,
    metrics: deps.metrics,
    maxPayload: config.mqttMaxPayload,
    rateLimit: config.deviceRateLimit,
    clock,
  });
  const commands = createDeviceCommands({
    registry,
    products,
    gateway,
    shadow,
    timeoutMs: config.commandTimeoutMs,
    clock,
  });
  let pruneTimer: NodeJS.Timeout | undefined;

  const prune = () => {
    shadow
      .prune(clock() - config.telemetryRetentionDays * DAY)
      .then((n) => n && log.info({ removed: n }, 'telemetry history pruned'))
      .catch((error: unknown) => log.error({ err: error }, 'telemetry prune failed'));
  };

  return {
    products,
    registry,
    shadow,
    commands,
    gateway,
    async start() {
      // Sessions this hub held before it stopped are gone; those other hubs hold are theirs to end.
      await deps.db
        .updateTable('devices')
        .set({ online: 0, session_hub: null })
        .where('online', '=', 1)
        .where((eb) => eb.or([eb('session_hub', '=', hubId), eb('session_hub', 'is', null)]))
        .execute();
      gateway.onOnline((deviceId) => {
        commands
          .deliverDesired(deviceId)
          .catch((error: unknown) => log.warn({ err: error, deviceId }, 'desired state not delivered'));
      });
      gateway.start();
      prune();
      pruneTimer = setInterval(prune, 3_600_000);
      pruneTimer.unref();
    },
    async stop() {
      if (pruneTimer) clearInterval(pruneTimer);
      await gateway.stop();
    },
  };
}
