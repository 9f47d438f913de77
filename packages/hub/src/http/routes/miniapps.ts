import {
  MiniAppDetailSchema,
  MiniAppInstallSchema,
  MiniAppLogEntrySchema,
  MiniAppSummarySchema,
  MiniAppUploadedSchema,
  MiniAppVersionSchema,
  miniAppLimits,
} from '@genio/contracts';
import { Type } from 'typebox';
import { authorize, hub } from '../../access/index.js';
import type { Principal } from '../../auth/index.js';
import { GenioError } from '../../errors/index.js';
import type { HomeService } from '../../homes/index.js';
import type { MiniApp, MiniAppInstallView, MiniAppsModule, MiniAppVersion } from '../../miniapps/index.js';
import { errorResponses, IdParam } from '../schemas.js';
import type { GenioApp, RouteModule } from '../types.js';

const AppIdParam = Type.String({ minLength: 3, maxLength: 80 });
const VersionParam = Type.String({ minLength: 1, maxLength: 40 });
const tags = ['miniapps'];

function versionView(v: MiniAppVersion) {
  return {
    version: v.version,
    status: v.status,
    reason: v.reason,
    checks: v.checks,
    permissions: v.manifest.permissions.map((p) => p.name),
    packageBytes: v.packageBytes,
    bundleBytes: v.bundleBytes,
    uploadedAt: v.uploadedAt,
    reviewedAt: v.reviewedAt,
  };
}

function summary(app: MiniApp) {
  const latest = app.versions[0] as MiniAppVersion;
  const shown = app.versions.find((v) => v.version === app.publishedVersion) ?? latest;
  return {
    id: app.id,
    name: shown.manifest.name,
    description: shown.manifest.description,
    publishedVersion: app.publishedVersion,
    latestVersion: latest.version,
    latestStatus: latest.status,
    permissions: shown.manifest.permissions,
  };
}

function installView(install: MiniAppInstallView) {
  return {
    appId: install.appId,
    homeId: install.homeId,
    name: install.manifest.name,
    version: install.version,
    enabled: install.enabled,
    grants: install.grants,
    availableVersion: install.availableVersion,
    pendingPermissions: install.pendingPermissions,
    installedAt: install.installedAt,
  };
}

/**
 * /api/v1/miniapps (developers upload, operators review) and /api/v1/homes/{homeId}/miniapps
 * (households install, grant, update, uninstall). Every route asks the access policy.
 */
export function miniAppRoutes(deps: { miniapps: MiniAppsModule; homes: HomeService }): RouteModule {
  const { miniapps } = deps;

  async function appResource(
    principal: Principal,
    appId: string,
    action: 'miniapp.read' | 'miniapp.logs' | 'miniapp.review',
  ) {
    const owner = await miniapps.catalog.ownerOf(appId);
    // An app the caller may not see is as absent as one that does not exist, except to say why when it does.
    if (owner === null) {
      authorize(principal, action, { kind: 'miniapp', ownerTokenId: principal.tokenId, published: false });
      throw new GenioError('not_found', { kind: 'mini-app', id: appId });
    }
    const app = await miniapps.catalog.get(appId);
    authorize(principal, action, {
      kind: 'miniapp',
      ownerTokenId: owner,
      published: app.publishedVersion !== null,
    });
    return app;
  }

  async function homeAllowed(
    principal: Principal,
    homeId: string,
    action: 'miniapp.installed' | 'miniapp.install',
  ) {
    authorize(principal, action, { kind: 'home', homeId });
    await deps.homes.getHome(homeId);
  }

  return async (app) => {
    // The upload's body is the package's bytes; this scope alone reads application/octet-stream.
    await app.register(async (scope) => {
      const raw = scope as unknown as GenioApp;
      raw.addContentTypeParser(
        'application/octet-stream',
        { parseAs: 'buffer', bodyLimit: miniAppLimits.packageBytes },
        (_request, body, done) => done(null, body),
      );
      raw.post(
        '/api/v1/miniapps',
        {
          bodyLimit: miniAppLimits.packageBytes,
          schema: {
            tags,
            summary:
              'Upload a mini-app package (.gapp, application/octet-stream): a new version goes in review',
            response: {
              201: MiniAppUploadedSchema,
              409: errorResponses[400],
              413: errorResponses[400],
              ...errorResponses,
            },
          },
        },
        async (request, reply) => {
          const { principal } = request;
          authorize(principal, 'miniapp.upload', {
            kind: 'miniapp',
            ownerTokenId: principal.tokenId,
            published: false,
          });
          if (!Buffer.isBuffer(request.body))
            throw new GenioError('validation_failed', {
              field: 'content-type',
              reason: 'must be application/octet-stream (the package bytes)',
            });
          const stored = await miniapps.upload(principal.tokenId, request.body, (_appId, owner) => {
            if (owner !== null)
              authorize(principal, 'miniapp.upload', {
                kind: 'miniapp',
                ownerTokenId: owner,
                published: false,
              });
          });
          return reply.code(201).send({
            appId: stored.appId,
            id: stored.appId,
            version: stored.version,
            status: 'in_review' as const,
            checks: stored.checks,
          });
        },
      );
    });

    app.get(
      '/api/v1/miniapps',
      {
        schema: {
          tags,
          summary: 'Mini-apps: a developer’s own, all for the operator, the published catalog for households',
          response: { 200: Type.Array(MiniAppSummarySchema), ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'miniapp.list', hub);
        return (await miniapps.catalog.list(request.principal)).map(summary);
      },
    );

    app.get(
      '/api/v1/miniapps/:appId',
      {
        schema: {
          tags,
          summary: 'A mini-app with its versions, review status and reason, and automated check results',
          params: Type.Object({ appId: AppIdParam }),
          response: { 200: MiniAppDetailSchema, ...errorResponses },
        },
      },
      async (request) => {
        const found = await appResource(request.principal, request.params.appId, 'miniapp.read');
        const role = request.principal.role;
        // Households see the catalog's version only, never another version's review.
        const versions =
          role === 'operator' || found.ownerTokenId === request.principal.tokenId
            ? found.versions
            : found.versions.filter((v) => v.status === 'published');
        return { ...summary(found), versions: versions.map(versionView) };
      },
    );

    app.get(
      '/api/v1/miniapps/:appId/logs',
      {
        schema: {
          tags,
          summary:
            'The developer log of an app: sandbox errors, refused host calls and console lines, newest first',
          params: Type.Object({ appId: AppIdParam }),
          querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
          response: { 200: Type.Array(MiniAppLogEntrySchema), ...errorResponses },
        },
      },
      async (request) => {
        await appResource(request.principal, request.params.appId, 'miniapp.logs');
        return miniapps.logs.read(request.params.appId, request.query.limit ?? 200);
      },
    );

    const review = (action: 'publish' | 'reject') =>
      app.post(
        `/api/v1/miniapps/:appId/versions/:version/${action}`,
        {
          schema: {
            tags,
            summary:
              action === 'publish'
                ? 'Publish a version in review (operator): it becomes the catalog’s'
                : 'Reject a version in review with a reason (operator)',
            params: Type.Object({ appId: AppIdParam, version: VersionParam }),
            ...(action === 'reject'
              ? {
                  body: Type.Object(
                    { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
                    { additionalProperties: false },
                  ),
                }
              : {}),
            response: { 200: MiniAppVersionSchema, 409: errorResponses[400], ...errorResponses },
          },
        },
        async (request) => {
          const { appId, version } = request.params as { appId: string; version: string };
          await appResource(request.principal, appId, 'miniapp.review');
          const done =
            action === 'publish'
              ? await miniapps.publish(appId, version)
              : await miniapps.reject(appId, version, (request.body as { reason: string }).reason);
          return versionView(done);
        },
      );
    review('publish');
    review('reject');

    app.post(
      '/api/v1/miniapps/:appId/rollback',
      {
        schema: {
          tags,
          summary: 'Publish an earlier published version again (operator); homes on the withdrawn one follow',
          params: Type.Object({ appId: AppIdParam }),
          body: Type.Object({ version: VersionParam }, { additionalProperties: false }),
          response: { 200: MiniAppVersionSchema, 409: errorResponses[400], ...errorResponses },
        },
      },
      async (request) => {
        await appResource(request.principal, request.params.appId, 'miniapp.review');
        return versionView(await miniapps.rollback(request.params.appId, request.body.version));
      },
    );

    app.get(
      '/api/v1/homes/:homeId/miniapps',
      {
        schema: {
          tags,
          summary: 'Mini-apps installed in a home, with grants and any update waiting for new permissions',
          params: Type.Object({ homeId: IdParam }),
          response: { 200: Type.Array(MiniAppInstallSchema), ...errorResponses },
        },
      },
      async (request) => {
        await homeAllowed(request.principal, request.params.homeId, 'miniapp.installed');
        return (await miniapps.installs.list(request.params.homeId)).map(installView);
      },
    );

    app.post(
      '/api/v1/homes/:homeId/miniapps',
      {
        schema: {
          tags,
          summary: 'Install the published version of an app, granting some of the permissions it asks',
          params: Type.Object({ homeId: IdParam }),
          body: Type.Object(
            {
              appId: AppIdParam,
              grants: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 16 }),
            },
            { additionalProperties: false },
          ),
          response: { 201: MiniAppInstallSchema, 409: errorResponses[400], ...errorResponses },
        },
      },
      async (request, reply) => {
        await homeAllowed(request.principal, request.params.homeId, 'miniapp.install');
        const installed = await miniapps.install(
          request.params.homeId,
          request.body.appId,
          request.body.grants,
        );
        return reply.code(201).send(installView(installed));
      },
    );

    app.patch(
      '/api/v1/homes/:homeId/miniapps/:appId',
      {
        schema: {
          tags,
          summary:
            'Enable or disable an app, change its grants, or update it (an update asking new permissions waits for them)',
          params: Type.Object({ homeId: IdParam, appId: AppIdParam }),
          body: Type.Object(
            {
              enabled: Type.Optional(Type.Boolean()),
              grants: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 16 })),
              update: Type.Optional(Type.Literal(true)),
            },
            { additionalProperties: false },
          ),
          response: { 200: MiniAppInstallSchema, ...errorResponses },
        },
      },
      async (request) => {
        await homeAllowed(request.principal, request.params.homeId, 'miniapp.install');
        const { enabled, grants, update } = request.body;
        return installView(
          await miniapps.patch(request.params.homeId, request.params.appId, {
            ...(enabled === undefined ? {} : { enabled }),
            ...(grants === undefined ? {} : { grants }),
            ...(update ? { update } : {}),
          }),
        );
      },
    );

    app.delete(
      '/api/v1/homes/:homeId/miniapps/:appId',
      {
        schema: {
          tags,
          summary: 'Uninstall an app from a home and delete its data there',
          params: Type.Object({ homeId: IdParam, appId: AppIdParam }),
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await homeAllowed(request.principal, request.params.homeId, 'miniapp.install');
        await miniapps.uninstall(request.params.homeId, request.params.appId);
        return reply.code(204).send(null);
      },
    );
  };
}
