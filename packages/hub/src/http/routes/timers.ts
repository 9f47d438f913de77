import { Type } from 'typebox';
import { type Action, authorize } from '../../access/index.js';
import { MAX_TIMER_SECONDS, type Timers } from '../../assistant/index.js';
import type { Principal } from '../../auth/index.js';
import { GenioError } from '../../errors/index.js';
import type { HomeService } from '../../homes/index.js';
import { errorResponses, IdParam, LanguageSchema } from '../schemas.js';
import type { RouteModule } from '../types.js';

const TimerSchema = Type.Object(
  {
    id: Type.String(),
    homeId: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    language: LanguageSchema,
    seconds: Type.Integer(),
    endsAt: Type.Integer(),
  },
  { $id: 'Timer' },
);

/** /api/v1/homes/{homeId}/timers: the same timers the assistant sets by voice, for the screen. */
export function timerRoutes(deps: { timers: Timers; homes: HomeService }): RouteModule {
  return (app) => {
    const tags = ['timers'];
    const allowed = async (principal: Principal, homeId: string, action: Action) => {
      authorize(principal, action, { kind: 'home', homeId });
      return deps.homes.getHome(homeId);
    };
    app.get(
      '/api/v1/homes/:homeId/timers',
      {
        schema: {
          tags,
          summary: 'Running timers of a home, soonest first',
          params: Type.Object({ homeId: IdParam }),
          response: { 200: Type.Array(TimerSchema), ...errorResponses },
        },
      },
      async (request) => {
        await allowed(request.principal, request.params.homeId, 'timer.read');
        return deps.timers.list(request.params.homeId);
      },
    );
    app.post(
      '/api/v1/homes/:homeId/timers',
      {
        schema: {
          tags,
          summary: 'Start a timer',
          params: Type.Object({ homeId: IdParam }),
          body: Type.Object(
            {
              seconds: Type.Integer({ minimum: 1, maximum: MAX_TIMER_SECONDS }),
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: TimerSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const home = await allowed(request.principal, request.params.homeId, 'timer.manage');
        const timer = await deps.timers.start(
          home.id,
          request.body.seconds,
          home.language,
          request.body.name ?? null,
        );
        return reply.code(201).send(timer);
      },
    );
    app.delete(
      '/api/v1/homes/:homeId/timers/:timerId',
      {
        schema: {
          tags,
          summary: 'Cancel a timer',
          params: Type.Object({ homeId: IdParam, timerId: IdParam }),
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await allowed(request.principal, request.params.homeId, 'timer.manage');
        if (!(await deps.timers.cancelById(request.params.homeId, request.params.timerId)))
          throw new GenioError('not_found', { kind: 'timer', id: request.params.timerId });
        return reply.code(204).send(null);
      },
    );
  };
}
