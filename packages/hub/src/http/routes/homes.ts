import { AreaSchema, HomeSchema } from '@genio/contracts';
import { Type } from 'typebox';
import { authorize, hub, ownHomeIds } from '../../access/index.js';
import type { HomeService } from '../../homes/index.js';
import { errorResponses, IdParam, LanguageSchema } from '../schemas.js';
import type { RouteModule } from '../types.js';

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Aliases = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 });

const HomeParams = Type.Object({ homeId: IdParam });
const AreaParams = Type.Object({ homeId: IdParam, areaId: IdParam });

/** /api/v1/homes and /api/v1/homes/{homeId}/areas. */
export function homeRoutes(homes: HomeService): RouteModule {
  return (app) => {
    const tags = ['homes'];
    app.post(
      '/api/v1/homes',
      {
        schema: {
          tags,
          summary: 'Create a home (operator; a developer creates a test home of its own)',
          body: Type.Object({ name: Name, language: LanguageSchema }, { additionalProperties: false }),
          response: { 201: HomeSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        authorize(request.principal, 'home.create', hub);
        const owner = request.principal.role === 'developer' ? request.principal.tokenId : null;
        return reply.code(201).send(await homes.createHome(request.body, owner));
      },
    );

    app.get(
      '/api/v1/homes',
      {
        schema: {
          tags,
          summary: 'List the homes this token may see',
          response: { 200: Type.Array(HomeSchema), ...errorResponses },
        },
      },
      async (request) => {
        const { principal } = request;
        if (principal.role === 'operator') return homes.listHomes();
        authorize(principal, 'home.list', hub);
        return homes.listHomes({ ids: ownHomeIds(principal) });
      },
    );

    app.get(
      '/api/v1/homes/:homeId',
      {
        schema: {
          tags,
          summary: 'Get a home',
          params: HomeParams,
          response: { 200: HomeSchema, ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'home.read', { kind: 'home', homeId: request.params.homeId });
        return homes.getHome(request.params.homeId);
      },
    );

    app.patch(
      '/api/v1/homes/:homeId',
      {
        schema: {
          tags,
          summary: 'Rename a home, change its language or set its location (for the nearest store)',
          params: HomeParams,
          body: Type.Object(
            {
              name: Type.Optional(Name),
              language: Type.Optional(LanguageSchema),
              location: Type.Optional(
                Type.Union([
                  Type.Object(
                    {
                      lat: Type.Number({ minimum: -90, maximum: 90 }),
                      lon: Type.Number({ minimum: -180, maximum: 180 }),
                    },
                    { additionalProperties: false },
                  ),
                  Type.Null(),
                ]),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: HomeSchema, ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'home.update', { kind: 'home', homeId: request.params.homeId });
        return homes.updateHome(request.params.homeId, request.body);
      },
    );

    app.delete(
      '/api/v1/homes/:homeId',
      {
        schema: {
          tags,
          summary: 'Delete a home and everything in it (operator; a developer its own test homes)',
          params: HomeParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        authorize(request.principal, 'home.delete', { kind: 'home', homeId: request.params.homeId });
        await homes.deleteHome(request.params.homeId);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/homes/:homeId/areas',
      {
        schema: {
          tags,
          summary: 'Add an area (room) to a home',
          params: HomeParams,
          body: Type.Object({ name: Name, aliases: Type.Optional(Aliases) }, { additionalProperties: false }),
          response: { 201: AreaSchema, 409: errorResponses[400], ...errorResponses },
        },
      },
      async (request, reply) => {
        authorize(request.principal, 'home.update', { kind: 'home', homeId: request.params.homeId });
        return reply.code(201).send(await homes.createArea(request.params.homeId, request.body));
      },
    );

    app.get(
      '/api/v1/homes/:homeId/areas',
      {
        schema: {
          tags,
          summary: "List a home's areas",
          params: HomeParams,
          response: { 200: Type.Array(AreaSchema), ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'home.read', { kind: 'home', homeId: request.params.homeId });
        return homes.listAreas(request.params.homeId);
      },
    );

    app.get(
      '/api/v1/homes/:homeId/areas/:areaId',
      {
        schema: {
          tags,
          summary: 'Get an area',
          params: AreaParams,
          response: { 200: AreaSchema, ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'home.read', { kind: 'home', homeId: request.params.homeId });
        return homes.getArea(request.params.homeId, request.params.areaId);
      },
    );

    app.patch(
      '/api/v1/homes/:homeId/areas/:areaId',
      {
        schema: {
          tags,
          summary: 'Rename an area or change its aliases',
          params: AreaParams,
          body: Type.Object(
            { name: Type.Optional(Name), aliases: Type.Optional(Aliases) },
            { additionalProperties: false },
          ),
          response: { 200: AreaSchema, 409: errorResponses[400], ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'home.update', { kind: 'home', homeId: request.params.homeId });
        return homes.updateArea(request.params.homeId, request.params.areaId, request.body);
      },
    );

    app.delete(
      '/api/v1/homes/:homeId/areas/:areaId',
      {
        schema: {
          tags,
          summary: 'Delete an area',
          params: AreaParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        authorize(request.principal, 'home.update', { kind: 'home', homeId: request.params.homeId });
        await homes.deleteArea(request.params.homeId, request.params.areaId);
        return reply.code(204).send(null);
      },
    );
  };
}
