/**
 * The catalog: apps, their uploaded versions and the operator's review. Invariant: an app has at most
 * one published version; publishing or rolling back supersedes the one before, and versions are kept.
 */
import type { MiniAppManifest, MiniAppVersionStatus } from '@genio/contracts';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/index.js';
import { GenioError } from '../errors/index.js';
import type { Database } from '../storage/index.js';
import type { MiniAppPackage } from './package.js';
import type { MiniAppTables, MiniAppVersionsTable } from './tables.js';

/** One automated check of an upload. */
export interface MiniAppCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** A version as stored. */
export interface MiniAppVersion {
  appId: string;
  version: string;
  status: MiniAppVersionStatus;
  reason: string | null;
  manifest: MiniAppManifest;
  checks: MiniAppCheck[];
  packageBytes: number;
  bundleBytes: number;
  uploadedAt: number;
  reviewedAt: number | null;
}

/** An app and its versions, newest upload first. */
export interface MiniApp {
  id: string;
  ownerTokenId: string;
  publishedVersion: string | null;
  versions: MiniAppVersion[];
}

/** The catalog of apps. */
export interface MiniAppCatalog {
  /** Store a new version in review (the app is created on its first upload). */
  addVersion(owner: string, pkg: MiniAppPackage, checks: MiniAppCheck[]): Promise<MiniAppVersion>;
  /** The app's owner, or null when there is no such app. */
  ownerOf(appId: string): Promise<string | null>;
  get(appId: string): Promise<MiniApp>;
  /** Apps a principal may list: its own (developer), all (operator), the published ones (others). */
  list(principal: Principal): Promise<MiniApp[]>;
  version(appId: string, version: string): Promise<MiniAppVersion>;
  bundle(appId: string, version: string): Promise<string>;
  publish(appId: string, version: string): Promise<MiniAppVersion>;
  reject(appId: string, version: string, reason: string): Promise<MiniAppVersion>;
  /** Make an earlier published version the published one again. */
  rollback(appId: string, version: string): Promise<MiniAppVersion>;
  /** Every app with a published version, with that version. */
  published(): Promise<MiniAppVersion[]>;
}

function toVersion(row: MiniAppVersionsTable): MiniAppVersion {
  return {
    appId: row.app_id,
    version: row.version,
    status: row.status as MiniAppVersionStatus,
    reason: row.reason,
    manifest: JSON.parse(row.manifest) as MiniAppManifest,
    checks: JSON.parse(row.checks) as MiniAppCheck[],
    packageBytes: Number(row.package_bytes),
    bundleBytes: Number(row.bundle_bytes),
    uploadedAt: Number(row.uploaded_at),
    reviewedAt: row.reviewed_at === null ? null : Number(row.reviewed_at),
  };
}

const versionColumns = [
  'app_id',
  'version',
  'status',
  'reason',
  'manifest',
  'checks',
  'package_bytes',
  'bundle_bytes',
  'uploaded_at',
  'reviewed_at',
] as const;

/** Build the catalog over the database. */
export function createMiniAppCatalog(deps: { db: Kysely<Database>; clock?: () => number }): MiniAppCatalog {
  const db = deps.db.withTables<MiniAppTables>();
  const now = deps.clock ?? Date.now;

  async function versionRow(appId: string, version: string) {
    const row = await db
      .selectFrom('miniapp_versions')
      .select(versionColumns)
      .where('app_id', '=', appId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) throw new GenioError('not_found', { kind: 'mini-app version', id: `${appId}@${version}` });
    return { ...row, bundle: '' } as MiniAppVersionsTable;
  }

  async function load(appId: string): Promise<MiniApp> {
    const app = await db.selectFrom('miniapps').selectAll().where('id', '=', appId).executeTakeFirst();
    if (!app) throw new GenioError('not_found', { kind: 'mini-app', id: appId });
    const rows = await db
      .selectFrom('miniapp_versions')
      .select(versionColumns)
      .where('app_id', '=', appId)
      .orderBy('uploaded_at', 'desc')
      .execute();
    return {
      id: app.id,
      ownerTokenId: app.owner_token_id,
      publishedVersion: app.published_version,
      versions: rows.map((r) => toVersion({ ...r, bundle: '' } as MiniAppVersionsTable)),
    };
  }

  /** Make `version` the published one; the one published before becomes superseded. */
  async function makePublished(appId: string, version: string): Promise<void> {
    const at = now();
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('miniapp_versions')
        .set({ status: 'superseded' })
        .where('app_id', '=', appId)
        .where('status', '=', 'published')
        .execute();
      await tx
        .updateTable('miniapp_versions')
        .set({ status: 'published', reason: null, reviewed_at: at })
        .where('app_id', '=', appId)
        .where('version', '=', version)
        .execute();
      await tx
        .updateTable('miniapps')
        .set({ published_version: version, updated_at: at })
        .where('id', '=', appId)
        .execute();
    });
  }

  return {
    async addVersion(owner, pkg, checks) {
      const { manifest } = pkg;
      const at = now();
      const existing = await db
        .selectFrom('miniapps')
        .select('id')
        .where('id', '=', manifest.id)
        .executeTakeFirst();
      const row: MiniAppVersionsTable = {
        app_id: manifest.id,
        version: manifest.version,
        status: 'in_review',
        reason: null,
        manifest: JSON.stringify(manifest),
        bundle: pkg.bundle,
        checks: JSON.stringify(checks),
        package_bytes: pkg.packageBytes,
        bundle_bytes: pkg.bundleBytes,
        uploaded_at: at,
        reviewed_at: null,
      };
      await db.transaction().execute(async (tx) => {
        if (!existing)
          await tx
            .insertInto('miniapps')
            .values({
              id: manifest.id,
              owner_token_id: owner,
              published_version: null,
              created_at: at,
              updated_at: at,
            })
            .execute();
        const taken = await tx
          .selectFrom('miniapp_versions')
          .select('version')
          .where('app_id', '=', manifest.id)
          .where('version', '=', manifest.version)
          .executeTakeFirst();
        if (taken)
          throw new GenioError('conflict', {
            reason: `version ${manifest.version} of ${manifest.id} was already uploaded; raise the version`,
          });
        await tx.insertInto('miniapp_versions').values(row).execute();
      });
      return toVersion(row);
    },
    async ownerOf(appId) {
      const row = await db
        .selectFrom('miniapps')
        .select('owner_token_id')
        .where('id', '=', appId)
        .executeTakeFirst();
      return row?.owner_token_id ?? null;
    },
    get: load,
    async list(principal) {
      let query = db.selectFrom('miniapps').select('id').orderBy('id');
      if (principal.role === 'developer') query = query.where('owner_token_id', '=', principal.tokenId);
      else if (principal.role !== 'operator') query = query.where('published_version', 'is not', null);
      const ids = await query.execute();
      return Promise.all(ids.map((r) => load(r.id)));
    },
    async version(appId, version) {
      return toVersion(await versionRow(appId, version));
    },
    async bundle(appId, version) {
      const row = await db
        .selectFrom('miniapp_versions')
        .select('bundle')
        .where('app_id', '=', appId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!row) throw new GenioError('not_found', { kind: 'mini-app version', id: `${appId}@${version}` });
      return row.bundle;
    },
    async publish(appId, version) {
      const found = toVersion(await versionRow(appId, version));
      if (found.status !== 'in_review')
        throw new GenioError('conflict', { reason: `version ${version} is ${found.status}, not in review` });
      const failed = found.checks.filter((c) => !c.ok);
      if (failed.length)
        throw new GenioError('conflict', {
          reason: `automated checks failed: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}`,
        });
      await makePublished(appId, version);
      return toVersion(await versionRow(appId, version));
    },
    async reject(appId, version, reason) {
      const found = toVersion(await versionRow(appId, version));
      if (found.status !== 'in_review')
        throw new GenioError('conflict', { reason: `version ${version} is ${found.status}, not in review` });
      await db
        .updateTable('miniapp_versions')
        .set({ status: 'rejected', reason, reviewed_at: now() })
        .where('app_id', '=', appId)
        .where('version', '=', version)
        .execute();
      return toVersion(await versionRow(appId, version));
    },
    async rollback(appId, version) {
      const found = toVersion(await versionRow(appId, version));
      if (found.status !== 'superseded')
        throw new GenioError('conflict', {
          reason: `only a version published before can be rolled back to; ${version} is ${found.status}`,
        });
      await makePublished(appId, version);
      return toVersion(await versionRow(appId, version));
    },
    async published() {
      const rows = await db
        .selectFrom('miniapp_versions')
        .innerJoin('miniapps', 'miniapps.id', 'miniapp_versions.app_id')
        .select(versionColumns.map((c) => `miniapp_versions.${c}` as const))
        .where('miniapp_versions.status', '=', 'published')
        .execute();
      return rows.map((r) => toVersion({ ...r, bundle: '' } as MiniAppVersionsTable));
    },
  };
}
