/**
 * Apps installed in homes. Invariant: an install runs one version, and every permission of that
 * version the app uses must be among the household's grants; an update whose version asks for more
 * waits on the old version until the household grants it. Uninstalling deletes the app's data.
 */
import { type MiniAppPermission, miniAppPermissions } from '@genio/contracts';
import type { Kysely } from 'kysely';
import { GenioError } from '../errors/index.js';
import type { Database } from '../storage/index.js';
import type { MiniAppCatalog, MiniAppVersion } from './catalog.js';
import type { MiniAppInstallsTable, MiniAppTables } from './tables.js';

/** An app in a home. */
export interface MiniAppInstall {
  appId: string;
  homeId: string;
  version: string;
  enabled: boolean;
  grants: MiniAppPermission[];
  installedAt: number;
}

/** An install as listed, with what an update would bring. */
export interface MiniAppInstallView extends MiniAppInstall {
  manifest: MiniAppVersion['manifest'];
  availableVersion: string | null;
  pendingPermissions: MiniAppPermission[];
}

/** Changes to an install. */
export interface InstallPatch {
  enabled?: boolean;
  grants?: string[];
  update?: boolean;
}

/** The installs of every home. */
export interface MiniAppInstalls {
  list(homeId: string): Promise<MiniAppInstallView[]>;
  get(homeId: string, appId: string): Promise<MiniAppInstall | null>;
  view(homeId: string, appId: string): Promise<MiniAppInstallView>;
  install(homeId: string, appId: string, grants: string[]): Promise<MiniAppInstallView>;
  patch(homeId: string, appId: string, patch: InstallPatch): Promise<MiniAppInstallView>;
  uninstall(homeId: string, appId: string): Promise<{ timerIds: string[] }>;
  /** After a rollback: installs on the withdrawn version go to the published one where the grants allow. */
  follow(appId: string, withdrawn: string): Promise<void>;
  /** Homes that have this app installed. */
  homesOf(appId: string): Promise<string[]>;
}

const permissionsOf = (v: MiniAppVersion): MiniAppPermission[] => v.manifest.permissions.map((p) => p.name);

function toInstall(row: MiniAppInstallsTable): MiniAppInstall {
  return {
    appId: row.app_id,
    homeId: row.home_id,
    version: row.version,
    enabled: Boolean(Number(row.enabled)),
    grants: JSON.parse(row.grants) as MiniAppPermission[],
    installedAt: Number(row.installed_at),
  };
}

/** Grants as asked, checked against what the versions ask for. */
function checkGrants(grants: unknown, allowed: readonly MiniAppPermission[]): MiniAppPermission[] {
  if (!Array.isArray(grants))
    throw new GenioError('validation_failed', { field: 'grants', reason: 'must be a list' });
  const out = new Set<MiniAppPermission>();
  grants.forEach((grant, i) => {
    if (!miniAppPermissions.includes(grant as MiniAppPermission))
      throw new GenioError('validation_failed', {
        field: `grants/${i}`,
        reason: `must be one of ${miniAppPermissions.join(', ')}`,
      });
    if (!allowed.includes(grant as MiniAppPermission))
      throw new GenioError('validation_failed', {
        field: `grants/${i}`,
        reason: `the app does not ask for ${String(grant)}`,
      });
    out.add(grant as MiniAppPermission);
  });
  return [...out];
}

/** Build the install service. */
export function createMiniAppInstalls(deps: {
  db: Kysely<Database>;
  catalog: MiniAppCatalog;
  clock?: () => number;
}): MiniAppInstalls {
  const db = deps.db.withTables<MiniAppTables>();
  const now = deps.clock ?? Date.now;

  async function row(homeId: string, appId: string) {
    return db
      .selectFrom('miniapp_installs')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('app_id', '=', appId)
      .executeTakeFirst();
  }

  async function viewOf(install: MiniAppInstall): Promise<MiniAppInstallView> {
    const current = await deps.catalog.version(install.appId, install.version);
    const app = await deps.catalog.get(install.appId);
    const latest =
      app.publishedVersion && app.publishedVersion !== install.version
        ? await deps.catalog.version(install.appId, app.publishedVersion)
        : null;
    return {
      ...install,
      manifest: current.manifest,
      availableVersion: latest?.version ?? null,
      pendingPermissions: latest ? permissionsOf(latest).filter((p) => !install.grants.includes(p)) : [],
    };
  }

  async function publishedOf(appId: string): Promise<MiniAppVersion> {
    const app = await deps.catalog.get(appId);
    if (!app.publishedVersion)
      throw new GenioError('conflict', { reason: `${appId} has no published version to install` });
    return deps.catalog.version(appId, app.publishedVersion);
  }

  const service: MiniAppInstalls = {
    async list(homeId) {
      const rows = await db
        .selectFrom('miniapp_installs')
        .selectAll()
        .where('home_id', '=', homeId)
        .orderBy('app_id')
        .execute();
      return Promise.all(rows.map((r) => viewOf(toInstall(r))));
    },
    async get(homeId, appId) {
      const found = await row(homeId, appId);
      return found ? toInstall(found) : null;
    },
    async view(homeId, appId) {
      const found = await row(homeId, appId);
      if (!found) throw new GenioError('not_found', { kind: 'installed mini-app', id: appId });
      return viewOf(toInstall(found));
    },
    async install(homeId, appId, grants) {
      const published = await publishedOf(appId);
      const granted = checkGrants(grants, permissionsOf(published));
      if (await row(homeId, appId))
        throw new GenioError('conflict', { reason: `${appId} is already installed` });
      const at = now();
      await db
        .insertInto('miniapp_installs')
        .values({
          home_id: homeId,
          app_id: appId,
          version: published.version,
          enabled: 1,
          grants: JSON.stringify(granted),
          installed_at: at,
          updated_at: at,
        })
        .execute();
      return service.view(homeId, appId);
    },
    async patch(homeId, appId, patch) {
      const found = await row(homeId, appId);
      if (!found) throw new GenioError('not_found', { kind: 'installed mini-app', id: appId });
      const install = toInstall(found);
      const current = await deps.catalog.version(appId, install.version);
      const app = await deps.catalog.get(appId);
      const latest = app.publishedVersion ? await deps.catalog.version(appId, app.publishedVersion) : current;
      const grants =
        patch.grants === undefined
          ? install.grants
          : checkGrants(patch.grants, [...new Set([...permissionsOf(current), ...permissionsOf(latest)])]);
      let version = install.version;
      // An update moves only when every permission of the new version is granted.
      if (patch.update && permissionsOf(latest).every((p) => grants.includes(p))) version = latest.version;
      await db
        .updateTable('miniapp_installs')
        .set({
          grants: JSON.stringify(grants),
          version,
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
          updated_at: now(),
        })
        .where('home_id', '=', homeId)
        .where('app_id', '=', appId)
        .execute();
      return service.view(homeId, appId);
    },
    async uninstall(homeId, appId) {
      if (!(await row(homeId, appId)))
        throw new GenioError('not_found', { kind: 'installed mini-app', id: appId });
      const timers = await db
        .selectFrom('miniapp_timers')
        .select('timer_id')
        .where('home_id', '=', homeId)
        .where('app_id', '=', appId)
        .execute();
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('miniapp_installs')
          .where('home_id', '=', homeId)
          .where('app_id', '=', appId)
          .execute();
        await tx
          .deleteFrom('miniapp_storage')
          .where('home_id', '=', homeId)
          .where('app_id', '=', appId)
          .execute();
        await tx
          .deleteFrom('miniapp_timers')
          .where('home_id', '=', homeId)
          .where('app_id', '=', appId)
          .execute();
      });
      return { timerIds: timers.map((t) => t.timer_id) };
    },
    async follow(appId, withdrawn) {
      const published = await publishedOf(appId);
      const rows = await db
        .selectFrom('miniapp_installs')
        .selectAll()
        .where('app_id', '=', appId)
        .where('version', '=', withdrawn)
        .execute();
      for (const r of rows) {
        const install = toInstall(r);
        if (install.version === published.version) continue;
        if (!permissionsOf(published).every((p) => install.grants.includes(p))) continue;
        await db
          .updateTable('miniapp_installs')
          .set({ version: published.version, updated_at: now() })
          .where('home_id', '=', install.homeId)
          .where('app_id', '=', appId)
          .execute();
      }
    },
    async homesOf(appId) {
      const rows = await db
        .selectFrom('miniapp_installs')
        .select('home_id')
        .where('app_id', '=', appId)
        .execute();
      return rows.map((r) => r.home_id);
    },
  };
  return service;
}
