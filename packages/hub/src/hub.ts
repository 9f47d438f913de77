import type { Server } from 'node:net';
import { type Assistant, createAssistant, createLlmFallback } from './assistant/index.js';
import { createScreenPairing, createTokenService, type TokenService } from './auth/index.js';

import { type Bus, createBus, createNatsTransport } from './bus/index.js';
import {
  announceReadyOrders,
  type CommerceModule,
  commerceMigrations,
  createCommerceModule,
  createVoiceOrdering,
  networkProviderFromConfig,
  withVoiceOrdering,
} from './commerce/index.js';
import type { GenioConfig } from './config/index.js';
import { createDeviceSimulators, createDevicesModule, type DevicesModule } from './devices/index.js';

import { createHomeService, type HomeService } from './homes/index.js';
import { conversationRoutes } from './http/routes/conversation.js';
import { deviceRoutes } from './http/routes/devices.js';
import { eventRoutes } from './http/routes/events.js';
import { healthRoutes } from './http/routes/health.js';
import { homeRoutes } from './http/routes/homes.js';
import { hubInfoRoutes } from './http/routes/hub-info.js';
import { merchantRoutes } from './http/routes/merchants.js';
import { miniAppRoutes } from './http/routes/miniapps.js';
import { orderRoutes } from './http/routes/orders.js';
import { paymentWebhookRoutes } from './http/routes/payment-webhooks.js';
import { productRoutes } from './http/routes/products.js';
import { screenRoutes } from './http/routes/screens.js';
import { speechRoutes } from './http/routes/speech.js';
import { timerRoutes } from './http/routes/timers.js';
import { tokenRoutes } from './http/routes/tokens.js';
import { webRoutes } from './http/routes/web.js';
import { createHttpServer } from './http/server.js';
import type { GenioApp } from './http/types.js';
import { createLifecycle, migrationsOf } from './lifecycle/index.js';
import { createHaDiscoveryBridge } from './links/ha-discovery/index.js';
import { createLogger, type Logger } from './log/index.js';
import { createMetrics, type Metrics } from './metrics/index.js';
import {
  type AppLoader,
  createMiniAppsModule,
  type MiniAppsModule,
  miniAppsMigrations,
} from './miniapps/index.js';
import { type Broker, createBroker } from './mqtt/index.js';
import { closeServer, listenOn, trackSockets } from './net/index.js';
import { loadSecretKey } from './secrets/index.js';
import {
  createSpeechEngines,
  createSpeechService,
  createWyomingServer,
  type SpeechService,
} from './speech/index.js';
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
  miniapps: MiniAppsModule;
  /** Speech recognition and synthesis with the engines this machine and configuration offer. */
  speech: SpeechService;
  http: GenioApp;
  /** Ports actually bound (differ from config when it asked for port 0). */
  ports: { http: number; mqtt: number; mqttWs: number | null; wyoming: number | null };
  /** The operator token when this start generated one (first run only). */
  generatedOperatorToken: string | null;
  stop(): Promise<void>;
}

/** Options for building a hub beyond its configuration. */
export interface HubOptions {
  log?: Logger;
  /** PostgreSQL schema to use; tests isolate runs with it. */
  pgSchema?: string;
  /** How mini-app bundles are loaded into their sandbox (the sandbox module's loader by default). */
  miniAppLoader?: AppLoader;
}

/**
 * The composition root: open storage, migrate, build modules in dependency order, listen.
 * A failure part-way stops what already started, in reverse.
 */
export async function startHub(config: GenioConfig, options: HubOptions = {}): Promise<Hub> {
  const log = options.log ?? createLogger(config.logLevel);
  const lifecycle = createLifecycle((name, error) => log.error({ err: error, module: name }, 'stop failed'));
  const unwind = () => lifecycle.stopAll();

  try {
    // Checked before anything starts: a half-configured payment network stops the hub at once.
    const network = networkProviderFromConfig(config);
    const providers = network ? [network] : [];
    const storage = await openStorage({
      url: config.dbUrl,
      dataDir: config.dataDir,
      pgSchema: options.pgSchema,
      // Each domain module brings its own schema changes; the core ones come first.
      migrations: migrationsOf(migrations, [
        { migrations: commerceMigrations },
        { migrations: miniAppsMigrations },
      ]),
    });
    lifecycle.onStop('storage', () => storage.close());
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
    await lifecycle.run({ name: 'bus', start: () => bus.start(), stop: () => bus.stop() });

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
    lifecycle.onStop('broker', () => broker.stop());
    await lifecycle.run({ name: 'devices', start: () => devices.start(), stop: () => devices.stop() });
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
    lifecycle.onStop('simulators', () => simulators.stopAll());
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
      await lifecycle.run({ name: 'ha-discovery', start: () => bridge.start(), stop: () => bridge.stop() });
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
    await lifecycle.run({
      name: 'assistant',
      start: () => assistant.start(),
      stop: async () => assistant.stop(),
    });
    const commerce = createCommerceModule({
      db: storage.db,
      bus,
      providers,
      secretKey: loadSecretKey(config.secretKey, config.dataDir),
    });
    await lifecycle.run({ name: 'commerce', start: () => commerce.start(), stop: () => commerce.stop() });
    const stopAnnouncing = announceReadyOrders({
      bus,
      merchants: commerce.merchants,
      homeLanguage: async (homeId) => (await homes.getHome(homeId)).language,
      onError: (error) => log.warn({ err: error }, 'could not announce a ready order'),
    });
    lifecycle.onStop('order-announcer', async () => stopAnnouncing());
    const ordering = createVoiceOrdering({
      commerce,
      homeLocation: async (homeId) => (await homes.getHome(homeId)).location,
    });
    const miniapps = createMiniAppsModule({
      db: storage.db,
      bus,
      devices,
      homes,
      assistant,
      commerce,
      ...(options.miniAppLoader ? { load: options.miniAppLoader } : {}),
      log: log.child({ module: 'miniapps' }),
    });
    await lifecycle.run(miniapps);
    // A mini-app payment waiting for the household's PIN takes the turn first; then ordering, then the assistant.
    const converse = miniapps.converseWith(
      withVoiceOrdering({ turn: (request) => assistant.turn(request), ordering, homes }),
    );
    const speech = createSpeechService(createSpeechEngines({ config, assistant, devices, homes }));
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
        speechRoutes({ speech, homes, turn: converse }),
        eventRoutes({ bus, metrics, turn: converse }),
        screenRoutes({ pairing: createScreenPairing({ db: storage.db, tokens }), homes }),
        timerRoutes({ timers: assistant.timers, homes }),
        merchantRoutes({ commerce, tokens }),
        orderRoutes({ commerce, homes }),
        paymentWebhookRoutes(commerce),
        miniAppRoutes({ miniapps, homes }),
        webRoutes(config.webDir),
      ],
    });
    let listening = false;
    const sockets = trackSockets(http.server as unknown as Server);
    // Fastify closes websocket clients in close(); only then can the listening socket finish closing.
    // A client that connected and sent nothing (or half a request) is not "idle" to Node and would hold
    // close() until its header timeout: cut every connection still open after a short grace.
    lifecycle.onStop('http', async () => {
      const cut = setTimeout(() => sockets.destroyAll(), SHUTDOWN_GRACE_MS);
      cut.unref();
      try {
        await http.close();
      } finally {
        clearTimeout(cut);
      }
      if (listening) await closeServer(http.server as unknown as Server);
    });
    await http.ready();
    const httpPort = await listenOn(http.server as unknown as Server, config.httpPort, config.httpHost, {
      service: 'HTTP',
      flag: '--http-port',
      env: 'GENIO_HTTP_PORT',
    });
    listening = true;
    let wyomingPort: number | null = null;
    if (config.wyomingPort !== undefined) {
      const wyoming = createWyomingServer({
        speech,
        version,
        defaultLanguage: 'en',
        homeId: async () => {
          if (config.wyomingHomeId) return config.wyomingHomeId;
          const all = await homes.listHomes();
          return all.length === 1 ? (all[0]?.id ?? null) : null;
        },
        // Wyoming has no caller identity: its turns go to the assistant, never to voice ordering and payment.
        handle: async (text, language, homeId) =>
          (await assistant.turn({ text, homeId, language })).speech.text,
      });
      const wyomingSockets = trackSockets(wyoming);
      lifecycle.onStop('wyoming', async () => {
        wyomingSockets.destroyAll();
        await closeServer(wyoming);
      });
      wyomingPort = await listenOn(wyoming, config.wyomingPort, config.wyomingHost, {
        service: 'Wyoming',
        flag: '--wyoming-port',
        env: 'GENIO_WYOMING_PORT',
      });
    }
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
      miniapps,
      speech,
      http,
      ports: { http: httpPort, mqtt: broker.port, mqttWs: broker.wsPort, wyoming: wyomingPort },
      generatedOperatorToken,
      stop: unwind,
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}
