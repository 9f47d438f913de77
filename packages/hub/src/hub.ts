import type { Server } from 'node:net';
import { type Assistant, createAssistant, createLlmFallback } from './assistant/index.js';
import { createTokenService, type TokenService } from './auth/index.js';
import { createScreenPairing } from './auth/screen-pairing.js';
import { type Bus, createBus, createNatsTransport } from './bus/index.js';
import {
  type CommerceModule,
  commerceMigrations,
  createCommerceModule,
  createVoiceOrdering,
  networkProviderFromConfig,
  withVoiceOrdering,
} from './commerce/index.js';
import type { GenioConfig } from './config/index.js';
import { createDevicesModule, type DevicesModule } from './devices/module.js';
import { createDeviceSimulators } from './devices/simulator.js';
import { createHomeService, type HomeService } from './homes/index.js';
import { conversationRoutes } from './http/routes/conversation.js';
import { deviceRoutes } from './http/routes/devices.js';
import { eventRoutes } from './http/routes/events.js';
import { healthRoutes } from './http/routes/health.js';
import { homeRoutes } from './http/routes/homes.js';
import { hubInfoRoutes } from './http/routes/hub-info.js';
import { merchantRoutes } from './http/routes/merchants.js';
import { orderRoutes } from './http/routes/orders.js';
import { paymentWebhookRoutes } from './http/routes/payment-webhooks.js';
import { productRoutes } from './http/routes/products.js';
import { screenRoutes } from './http/routes/screens.js';
import { timerRoutes } from './http/routes/timers.js';
import { tokenRoutes } from './http/routes/tokens.js';
import { webRoutes } from './http/routes/web.js';
import { createHttpServer } from './http/server.js';
import type { GenioApp } from './http/types.js';
import { createHaDiscoveryBridge } from './links/ha-discovery/index.js';
import { createLogger, type Logger } from './log/index.js';
import { createMetrics, type Metrics } from './metrics/index.js';
import { type Broker, createBroker } from './mqtt/index.js';
import { closeServer, listenOn, trackSockets } from './net/listen.js';
import { migrations, openStorage, type Storage } from './storage/index.js';
import { version } from './version.js';

/** How long requests in flight may finish on shutdown before their connections are cut. */
const SHUTDOWN_GRACE_MS = 1000;

/** A running hub and its parts, for the CLI and for tests. */
export interface Hub {
  config: GenioConfig;
  log: Logger;
  storage: Storage;
  bus: Bus;
  metrics: Metrics;
  tokens: TokenService;
  homes: HomeService;
  broker: Broker;
  devices: DevicesModule;
  assistant: Assistant;
  commerce: CommerceModule;
  http: GenioApp;
  /** Ports actually bound (differ from config when it asked for port 0). */
  ports: { http: number; mqtt: number; mqttWs: number | null };
  /** The operator token when this start generated one (first run only). */
  generatedOperatorToken: string | null;
  stop(): Promise<void>;
}

/** Options for building a hub beyond its configuration. */
export interface HubOptions {
  log?: Logger;
  /** PostgreSQL schema to use; tests isolate runs with it. */
  pgSchema?: string;
}

/**
 * The composition root: open storage, migrate, build modules in dependency order, listen.
 * A failure part-way stops what already started, in reverse.
 */
export async function startHub(config: GenioConfig, options: HubOptions = {}): Promise<Hub> {
  const log = options.log ?? createLogger(config.logLevel);
  const stack: Array<() => Promise<void>> = [];
  const unwind = async () => {
    while (stack.length) {
      const stop = stack.pop() as () => Promise<void>;
      await stop().catch((error: unknown) => log.error({ err: error }, 'stop failed'));
    }
  };

  try {
    // Checked before anything starts: a half-configured payment network stops the hub at once.
    const network = networkProviderFromConfig(config);
    const providers = network ? [network] : [];
    const storage = await openStorage({
      url: config.dbUrl,
      dataDir: config.dataDir,
      pgSchema: options.pgSchema,
      migrations: [...migrations, ...commerceMigrations],
    });
    stack.push(() => storage.close());
    const applied = await storage.migrate();
    if (applied.length) log.info({ applied }, 'database migrated');

    const metrics = createMetrics();
    const transport = config.natsUrl
      ? await createNatsTransport({
          url: config.natsUrl,
          onError: (error) => log.error({ err: error }, 'nats transport error'),
        })
      : undefined;
    const bus = createBus({
      log,
      onEmit: (name) => metrics.busEvents.inc({ event: name }),
      ...(transport ? { transport } : {}),
    });
    await bus.start();
    stack.push(() => bus.stop());

    const tokens = createTokenService({ db: storage.db, bus });
    const homes = createHomeService({ db: storage.db, bus });

    const broker = await createBroker({
      host: config.mqttHost,
      port: config.mqttPort,
      ...(config.mqttWsPort === undefined ? {} : { wsPort: config.mqttWsPort }),
      maxPayload: config.mqttMaxPayload,
      log,
    });
    const devices = createDevicesModule({ db: storage.db, bus, broker, config, log, metrics });
    await devices.start();
    stack.push(() => broker.stop());
    stack.push(() => devices.stop());
    await broker.start();
    const simulators = createDeviceSimulators({
      db: storage.db,
      registry: devices.registry,
      products: devices.products,
      mqttPort: () => broker.port,
      log: log.child({ module: 'simulator' }),
    });
    bus.on('simulators', 'device.deleted', (payload) => {
      simulators.stop(payload.deviceId).catch(() => {});
    });
    stack.push(() => simulators.stopAll());
    await simulators.resume();
    if (config.haDiscoveryUrl) {
      const bridge = createHaDiscoveryBridge({
        url: config.haDiscoveryUrl,
        prefix: config.haDiscoveryPrefix,
        homeId: config.haHomeId,
        devices,
        homes,
        bus,
        log: log.child({ module: 'ha-discovery' }),
      });
      await bridge.start();
      stack.push(() => bridge.stop());
    }

    const llm = config.llmUrl
      ? createLlmFallback({
          url: config.llmUrl,
          model: config.llmModel,
          apiKey: config.llmApiKey,
          timeoutMs: config.llmTimeoutMs,
          devices,
          log: log.child({ module: 'llm' }),
        })
      : undefined;
    const assistant = createAssistant({ devices, homes, bus, db: storage.db, ...(llm ? { llm } : {}) });
    await assistant.start();
    stack.push(async () => assistant.stop());
    const commerce = createCommerceModule({ db: storage.db, bus, providers });
    await commerce.start();
    stack.push(() => commerce.stop());
    const ordering = createVoiceOrdering({
      commerce,
      homeLocation: async (homeId) => (await homes.getHome(homeId)).location,
    });
    const converse = withVoiceOrdering({ turn: (request) => assistant.turn(request), ordering, homes });
    const startedAt = Date.now();
    const http = await createHttpServer({
      log,
      tokens,
      metrics,
      version,
      routes: [
        healthRoutes({ storage, version, startedAt }),
        hubInfoRoutes({
          version,
          publicUrl: config.publicUrl,
          mqttBindHost: config.mqttHost,
          mqttPort: () => broker.port,
          mqttWsPort: () => broker.wsPort,
        }),
        homeRoutes(homes),
        tokenRoutes(tokens, async (merchantId) => {
          try {
            await commerce.merchants.get(merchantId);
            return true;
          } catch {
            return false;
          }
        }),
        productRoutes(devices),
        deviceRoutes(devices, simulators),
        conversationRoutes(converse),
        eventRoutes({ bus, metrics, turn: converse }),
        screenRoutes({ pairing: createScreenPairing({ db: storage.db, tokens }), homes }),
        timerRoutes({ timers: assistant.timers, homes }),
        merchantRoutes({ commerce, tokens }),
        orderRoutes({ commerce, homes }),
        paymentWebhookRoutes(commerce),
        webRoutes(config.webDir),
      ],
    });
    stack.push(() => http.close());
    await http.ready();
    const sockets = trackSockets(http.server as unknown as Server);
    const httpPort = await listenOn(http.server as unknown as Server, config.httpPort, config.httpHost, {
      service: 'HTTP',
      flag: '--http-port',
      env: 'GENIO_HTTP_PORT',
    });
    // Fastify closes websocket clients in close(); only then can the listening socket finish closing.
    stack.pop();
    // A client that connected and sent nothing (or half a request) is not "idle" to Node and would hold
    // close() until its header timeout: cut every connection still open after a short grace.
    stack.push(async () => {
      const cut = setTimeout(() => sockets.destroyAll(), SHUTDOWN_GRACE_MS);
      cut.unref();
      try {
        await http.close();
      } finally {
        clearTimeout(cut);
      }
      await closeServer(http.server as unknown as Server);
    });
    // Only once every port is bound: a start that fails must not store an operator token it never showed.
    const generatedOperatorToken = await tokens.ensureOperator(config.adminToken);

    return {
      config,
      log,
      storage,
      bus,
      metrics,
      tokens,
      homes,
      broker,
      devices,
      assistant,
      commerce,
      http,
      ports: { http: httpPort, mqtt: broker.port, mqttWs: broker.wsPort },
      generatedOperatorToken,
      stop: unwind,
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}
