/**
 * The mini-app platform as one hub module: the catalog and its review, installs per home, the
 * sandboxed runtimes, the host API, payments handed to the platform, and voice through the
 * assistant's intent registry. start() registers the published apps' intents; stop() frees every
 * runtime and unregisters them.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Assistant } from '../assistant/index.js';
import type { Bus } from '../bus/index.js';
import type { CommerceModule, Converse } from '../commerce/index.js';
import type { DevicesModule } from '../devices/index.js';
import type { HomeService } from '../homes/index.js';
import type { Database, Migration } from '../storage/index.js';
import { createMiniAppCatalog, type MiniAppCatalog, type MiniAppVersion } from './catalog.js';
import { checkUpload } from './checks.js';
import { createMiniAppDelivery, type MiniAppDelivery } from './delivery.js';
import { createHostApi } from './host-api.js';
import {
  createMiniAppInstalls,
  type InstallPatch,
  type MiniAppInstalls,
  type MiniAppInstallView,
} from './installs.js';
import { createMiniAppLogs, type MiniAppLogs } from './logs.js';
import { miniAppsMigration } from './migration.js';
import { readMiniAppPackage } from './package.js';
import { createMiniAppPayments, withMiniAppPayments } from './payments.js';
import { type AppLoader, createMiniAppRuntimes, type MiniAppRuntimes } from './runtime.js';
import { loadSandboxedApp } from './sandbox/index.js';
import { createMiniAppVoice } from './voice.js';

/** The schema changes the platform needs. */
export const miniAppsMigrations: readonly Migration[] = [miniAppsMigration];

/** The mini-app platform. */
export interface MiniAppsModule {
  readonly name: 'miniapps';
  catalog: MiniAppCatalog;
  installs: MiniAppInstalls;
  logs: MiniAppLogs;
  runtimes: MiniAppRuntimes;
  delivery: MiniAppDelivery;
  /**
   * Read, check and store an uploaded package as a version in review. `mayUpload` hears the app's id
   * and its current owner (null for a new app) before anything is stored, and throws to refuse.
   */
  upload(
    ownerTokenId: string,
    bytes: Buffer,
    mayUpload: (appId: string, owner: string | null) => void,
  ): Promise<MiniAppVersion>;
  publish(appId: string, version: string): Promise<MiniAppVersion>;
  reject(appId: string, version: string, reason: string): Promise<MiniAppVersion>;
  rollback(appId: string, version: string): Promise<MiniAppVersion>;
  install(homeId: string, appId: string, grants: string[]): Promise<MiniAppInstallView>;
  patch(homeId: string, appId: string, patch: InstallPatch): Promise<MiniAppInstallView>;
  uninstall(homeId: string, appId: string): Promise<void>;
  /** Put mini-app payment confirmations in front of the hub's turns. */
  converseWith(converse: Converse): Converse;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Build the platform. `load` is the sandbox's loader (the WebAssembly one unless another is given). */
export function createMiniAppsModule(deps: {
  db: Kysely<Database>;
  bus: Bus;
  devices: DevicesModule;
  homes: HomeService;
  assistant: Pick<Assistant, 'intents' | 'timers'>;
  commerce: CommerceModule;
  load?: AppLoader;
  log: Logger;
  clock?: () => number;
}): MiniAppsModule {
  const clockOpt = deps.clock ? { clock: deps.clock } : {};
  const load = deps.load ?? loadSandboxedApp;
  const catalog = createMiniAppCatalog({ db: deps.db, ...clockOpt });
  const installs = createMiniAppInstalls({ db: deps.db, catalog, ...clockOpt });
  const logs = createMiniAppLogs({ db: deps.db, ...clockOpt });
  const payments = createMiniAppPayments({ commerce: deps.commerce, ...clockOpt });
  const host = createHostApi({
    db: deps.db,
    bus: deps.bus,
    devices: deps.devices,
    homes: deps.homes,
    timers: deps.assistant.timers,
    commerce: deps.commerce,
    payments: payments.handover,
  });
  const runtimes = createMiniAppRuntimes({
    load,
    catalog,
    logs,
    host,
    onLogFailure: (error) => deps.log.warn({ err: error }, 'could not write a mini-app log line'),
  });
  const delivery = createMiniAppDelivery({ catalog, installs, runtimes, payments: payments.confirmation });
  payments.connect(delivery.send);
  const voice = createMiniAppVoice({
    intents: deps.assistant.intents,
    delivery,
    onRegisterError: (appId, error) => {
      deps.log.warn({ err: error, appId }, 'could not register a mini-app’s intents');
      const message = error instanceof Error ? error.message : String(error);
      void catalog
        .get(appId)
        .then((app) =>
          logs.write(appId, {
            level: 'error',
            message: `intents not registered: ${message}`,
            code: 'intents_invalid',
            version: app.publishedVersion ?? '',
            homeId: null,
          }),
        )
        .catch(() => {});
    },
  });

  async function merchantExists(merchantId: string): Promise<boolean> {
    try {
      const merchant = await deps.commerce.merchants.get(merchantId);
      return merchant.status === 'approved';
    } catch {
      return false;
    }
  }

  async function registerPublished(appId: string): Promise<void> {
    const app = await catalog.get(appId);
    if (!app.publishedVersion) return voice.unregister(appId);
    voice.register((await catalog.version(appId, app.publishedVersion)).manifest);
  }

  return {
    name: 'miniapps',
    catalog,
    installs,
    logs,
    runtimes,
    delivery,
    async upload(ownerTokenId, bytes, mayUpload) {
      const pkg = readMiniAppPackage(bytes);
      mayUpload(pkg.manifest.id, await catalog.ownerOf(pkg.manifest.id));
      const checks = await checkUpload(pkg, { load, merchantExists });
      return catalog.addVersion(ownerTokenId, pkg, checks);
    },
    async publish(appId, version) {
      const published = await catalog.publish(appId, version);
      await registerPublished(appId);
      return published;
    },
    reject: (appId, version, reason) => catalog.reject(appId, version, reason),
    async rollback(appId, version) {
      const withdrawn = (await catalog.get(appId)).publishedVersion;
      const back = await catalog.rollback(appId, version);
      if (withdrawn) {
        await installs.follow(appId, withdrawn);
        await runtimes.drop(appId, withdrawn);
      }
      await registerPublished(appId);
      return back;
    },
    install: (homeId, appId, grants) => installs.install(homeId, appId, grants),
    patch: (homeId, appId, patch) => installs.patch(homeId, appId, patch),
    async uninstall(homeId, appId) {
      const { timerIds } = await installs.uninstall(homeId, appId);
      for (const timerId of timerIds)
        await deps.assistant.timers.cancelById(homeId, timerId).catch(() => false);
    },
    converseWith: (converse) =>
      withMiniAppPayments({
        converse,
        payments,
        homeLanguage: async (homeId) => (await deps.homes.getHome(homeId)).language,
      }),
    async start() {
      for (const version of await catalog.published()) voice.register(version.manifest);
    },
    async stop() {
      voice.unregisterAll();
      await runtimes.stopAll();
    },
  };
}
