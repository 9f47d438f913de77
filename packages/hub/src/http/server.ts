import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import { authorize, hub } from '../access/index.js';
import type { TokenService } from '../auth/index.js';
import { GenioError } from '../errors/index.js';
import type { Metrics } from '../metrics/index.js';
import { installAuth } from './auth-hook.js';
import { sendProblem, toGenioError } from './problem.js';
import { redactUrl } from './redact.js';
import type { GenioApp, RouteModule } from './types.js';

/** What the HTTP server is built from. */
export interface HttpServerDeps {
  log: FastifyBaseLogger;
  tokens: TokenService;
  metrics: Metrics;
  routes: readonly RouteModule[];
  version: string;
  bodyLimit?: number;
}

/** Build the Fastify app: auth, problem+json errors, OpenAPI, metrics, websocket, then the route modules. */
export async function createHttpServer(deps: HttpServerDeps): Promise<GenioApp> {
  const app = Fastify({
    loggerInstance: deps.log,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimit ?? 1_048_576,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as GenioApp;

  const routeTable: Array<{ method: string; url: string }> = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), public: true };
  });

  // Registered before auth so that its onRequest hook marks upgrade requests first and a refused upgrade's socket is closed.
  await app.register(websocket, { options: { maxPayload: 1_048_576 } });
  installAuth(app, deps.tokens);

  app.setErrorHandler((error, request, reply) => {
    const genio = toGenioError(error);
    if (genio.code === 'internal')
      request.log.error({ err: error, url: redactUrl(request.url) }, 'request failed');
    return sendProblem(reply, request, genio);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      new GenioError('not_found', { kind: 'route', id: `${request.method} ${request.url.split('?')[0]}` }),
    ),
  );

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    deps.metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    deps.metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Genio hub API',
        version: deps.version,
        description:
          'REST API of the Genio hub. Every /api route needs `Authorization: Bearer <token>`. Errors are RFC 9457 problem details with a stable `code`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    authorize(request.principal, 'hub.metrics', hub);
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(await deps.metrics.render());
  });

  for (const routes of deps.routes) await routes(app);
  return app;
}
