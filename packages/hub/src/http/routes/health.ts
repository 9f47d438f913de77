import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Storage } from '../../storage/index.js';
import type { RouteModule } from '../types.js';

/** GET /healthz: public liveness and database check, no data. */
export function healthRoutes(deps: { storage: Storage; version: string; startedAt: number }): RouteModule {
  return (app) => {
    app.get(
      '/healthz',
      {
        config: { public: true },
        schema: {
          tags: ['system'],
          security: [],
          response: {
            200: Type.Object({
              status: Type.Literal('ok'),
              version: Type.String(),
              uptimeSeconds: Type.Number(),
              database: Type.String(),
            }),
            503: Type.Object({
              status: Type.Literal('degraded'),
              version: Type.String(),
              uptimeSeconds: Type.Number(),
              database: Type.String(),
            }),
          },
        },
      },
      async (_request, reply) => {
        const uptimeSeconds = Math.round((Date.now() - deps.startedAt) / 1000);
        try {
          await sql`select 1`.execute(deps.storage.db);
          return {
            status: 'ok' as const,
            version: deps.version,
            uptimeSeconds,
            database: deps.storage.dialect,
          };
        } catch {
          return reply.code(503).send({
            status: 'degraded' as const,
            version: deps.version,
            uptimeSeconds,
            database: deps.storage.dialect,
          });
        }
      },
    );
  };
}
