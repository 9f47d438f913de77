import { DeviceCapabilitiesSchema, DeviceSchema, NameGendersSchema } from '@genio/contracts';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import { type Action, authorize, hub, ownHomeIds } from '../../access/index.js';
import type { Principal } from '../../auth/index.js';
import {
  type CommandResult,
  capabilityStates,
  type DeviceSimulators,
  type DevicesModule,
} from '../../devices/index.js';
import { errorResponses } from '../schemas.js';
import type { RouteModule } from '../types.js';

const NameGenders = NameGendersSchema;
const CredentialsSchema = Type.Object({
  id: Type.String(),
  productKey: Type.String(),
  deviceName: Type.String(),
  deviceSecret: Type.String(),
});
const CommandSchema = Type.Object({
  status: Type.Union([Type.Literal('replied'), Type.Literal('queued')]),
  reply: Type.Optional(
    Type.Object({
      code: Type.Integer(),
      message: Type.Optional(Type.String()),
      data: Type.Optional(Type.Unknown()),
    }),
  ),
  properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
const Params = Type.Object({ deviceId: Type.String({ minLength: 1, maxLength: 64 }) });
const Aliases = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 });
const Values = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown());
const commandResponses = {
  200: CommandSchema,
  202: CommandSchema,
  409: errorResponses[400],
  504: errorResponses[400],
  ...errorResponses,
};

function sendCommand(result: CommandResult, reply: { code(n: number): unknown }): CommandResult {
  reply.code(result.status === 'queued' ? 202 : 200);
  return result;
}

/** /api/v1/devices: devices, credentials, pairing, history and commands. */
export function deviceRoutes(devices: DevicesModule, simulators?: DeviceSimulators): RouteModule {
  const { registry, commands, shadow } = devices;

  async function reachable(principal: Principal, deviceId: string, action: Action) {
    const device = await registry.get(deviceId);
    authorize(principal, action, { kind: 'device', homeId: device.homeId });
    return device;
  }

  return (app) => {
    const tags = ['devices'];
    if (simulators) {
      const SimulatorState = Type.Object({ running: Type.Boolean() });
      app.get(
        '/api/v1/devices/:deviceId/simulator',
        {
          schema: {
            tags,
            summary: 'Whether the hub runs a simulated device with this device’s credentials',
            params: Params,
            response: { 200: SimulatorState, ...errorResponses },
          },
        },
        async (request) => {
          await reachable(request.principal, request.params.deviceId, 'device.read');
          return { running: simulators.running(request.params.deviceId) };
        },
      );
      app.put(
        '/api/v1/devices/:deviceId/simulator',
        {
          schema: {
            tags,
            summary:
              'Run a simulated device inside the hub with this device’s credentials: it reports a value for each property, applies sets and answers services',
            params: Params,
            response: { 200: SimulatorState, ...errorResponses },
          },
        },
        async (request) => {
          await reachable(request.principal, request.params.deviceId, 'device.simulate');
          await simulators.start(request.params.deviceId);
          return { running: true };
        },
      );
      app.delete(
        '/api/v1/devices/:deviceId/simulator',
        {
          schema: {
            tags,
            summary: 'Stop the simulated device',
            params: Params,
            response: { 204: Type.Null(), ...errorResponses },
          },
        },
        async (request, reply) => {
          await reachable(request.principal, request.params.deviceId, 'device.simulate');
          await simulators.stop(request.params.deviceId);
          return reply.code(204).send(null);
        },
      );
    }
    app.post(
      '/api/v1/devices',
      {
        schema: {
          tags,
          summary: 'Add a device to a home; the secret is returned once',
          body: Type.Object(
            {
              productKey: Type.String({ minLength: 1, maxLength: 64 }),
              homeId: Type.String({ minLength: 1, maxLength: 64 }),
              areaId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
              name: Type.String({ minLength: 1, maxLength: 100 }),
              aliases: Type.Optional(Aliases),
              deviceName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
              genders: Type.Optional(NameGenders),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Intersect([DeviceSchema, Type.Object({ deviceSecret: Type.String() })]),
            409: errorResponses[400],
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const product = await devices.products.get(request.body.productKey);
        authorize(request.principal, 'device.create', {
          kind: 'device',
          homeId: request.body.homeId,
          productOwnerTokenId: product.ownerTokenId,
        });
        return reply.code(201).send(await registry.create(request.body));
      },
    );
    app.get(
      '/api/v1/devices',
      {
        schema: {
          tags,
          summary: 'List devices, filtered by home, area, category, online',
          querystring: Type.Object(
            {
              homeId: Type.Optional(Type.String()),
              areaId: Type.Optional(Type.String()),
              category: Type.Optional(Type.String()),
              online: Type.Optional(Type.Boolean()),
              productKey: Type.Optional(Type.String()),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Array(DeviceSchema), ...errorResponses },
        },
      },
      async (request) => {
        const { principal } = request;
        const filter = { ...request.query };
        authorize(principal, 'device.list', hub);
        if (principal.role === 'operator') return registry.list(filter);
        if (filter.homeId) {
          authorize(principal, 'device.read', { kind: 'device', homeId: filter.homeId });
          return registry.list(filter);
        }
        const lists = await Promise.all(
          ownHomeIds(principal).map((homeId) => registry.list({ ...filter, homeId })),
        );
        return lists.flat();
      },
    );
    app.get(
      '/api/v1/devices/:deviceId',
      {
        schema: {
          tags,
          summary: 'Get a device with its reported properties',
          params: Params,
          response: { 200: DeviceSchema, ...errorResponses },
        },
      },
      async (request) => reachable(request.principal, request.params.deviceId, 'device.read'),
    );
    app.patch(
      '/api/v1/devices/:deviceId',
      {
        schema: {
          tags,
          summary:
            'Rename, move, alias or disable a device; set the grammatical gender of its name (it, fr) for replies',
          params: Params,
          body: Type.Object(
            {
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              areaId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
              aliases: Type.Optional(Aliases),
              disabled: Type.Optional(Type.Boolean()),
              genders: Type.Optional(NameGenders),
            },
            { additionalProperties: false },
          ),
          response: { 200: DeviceSchema, 409: errorResponses[400], ...errorResponses },
        },
      },
      async (request) => {
        await reachable(request.principal, request.params.deviceId, 'device.update');
        return registry.update(request.params.deviceId, request.body);
      },
    );
    app.delete(
      '/api/v1/devices/:deviceId',
      {
        schema: {
          tags,
          summary: 'Remove a device',
          params: Params,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await reachable(request.principal, request.params.deviceId, 'device.delete');
        await registry.delete(request.params.deviceId);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/api/v1/devices/:deviceId/secret',
      {
        schema: {
          tags,
          summary: 'Rotate the device secret; the new one is returned once',
          params: Params,
          response: { 200: CredentialsSchema, ...errorResponses },
        },
      },
      async (request) => {
        await reachable(request.principal, request.params.deviceId, 'device.credentials');
        return registry.rotateSecret(request.params.deviceId);
      },
    );
    app.post(
      '/api/v1/devices/:deviceId/pairing',
      {
        schema: {
          tags,
          summary:
            'Create a one-time pairing code (10 minutes) that a device or app exchanges for credentials',
          params: Params,
          response: {
            201: Type.Object({ code: Type.String(), expiresAt: Type.Integer() }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        await reachable(request.principal, request.params.deviceId, 'device.credentials');
        return reply.code(201).send(await registry.createPairingCode(request.params.deviceId));
      },
    );
    app.get(
      '/api/v1/devices/:deviceId/pairing.png',
      {
        schema: {
          tags,
          summary:
            'A new one-time pairing code as a QR code image (the code is also in the X-Pairing-Code header)',
          params: Params,
          querystring: Type.Object(
            { hub: Type.Optional(Type.String({ maxLength: 200 })) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        await reachable(request.principal, request.params.deviceId, 'device.credentials');
        const { code, expiresAt } = await registry.createPairingCode(request.params.deviceId);
        const hub = request.query.hub ?? `${request.protocol}://${request.host}`;
        const png = await QRCode.toBuffer(`genio://pair?code=${code}&hub=${encodeURIComponent(hub)}`, {
          type: 'png',
          width: 320,
          margin: 2,
        });
        return reply
          .header('x-pairing-code', code)
          .header('x-pairing-expires-at', String(expiresAt))
          .header('cache-control', 'no-store')
          .type('image/png')
          .send(png);
      },
    );
    app.post(
      '/api/v1/pairing/claim',
      {
        config: { public: true },
        schema: {
          tags,
          summary:
            'Exchange a pairing code for device credentials (no token: the code is the secret; one use)',
          security: [],
          body: Type.Object(
            { code: Type.String({ minLength: 6, maxLength: 16 }) },
            { additionalProperties: false },
          ),
          response: { 200: CredentialsSchema, ...errorResponses },
        },
      },
      async (request) => registry.claimPairingCode(request.body.code, request.ip),
    );
    app.get(
      '/api/v1/devices/:deviceId/history/:identifier',
      {
        schema: {
          tags,
          summary: "A property's telemetry history",
          params: Type.Object({
            deviceId: Type.String({ minLength: 1, maxLength: 64 }),
            identifier: Type.String({ minLength: 1, maxLength: 64 }),
          }),
          querystring: Type.Object(
            {
              from: Type.Optional(Type.Integer()),
              to: Type.Optional(Type.Integer()),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Array(Type.Object({ time: Type.Integer(), value: Type.Unknown() })),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        await reachable(request.principal, request.params.deviceId, 'device.read');
        return shadow.history(request.params.deviceId, request.params.identifier, request.query);
      },
    );
    app.post(
      '/api/v1/devices/:deviceId/properties',
      {
        schema: {
          tags,
          summary:
            'Set properties: 200 with the device reply, 202 when queued (?queue=true and offline), 409 offline, 504 timeout',
          params: Params,
          querystring: Type.Object({ queue: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
          body: Values,
          response: commandResponses,
        },
      },
      async (request, reply) => {
        await reachable(request.principal, request.params.deviceId, 'device.control');
        const result = await commands.setProperties(request.params.deviceId, request.body, {
          queueIfOffline: request.query.queue === true,
        });
        return sendCommand(result, reply);
      },
    );
    app.post(
      '/api/v1/devices/:deviceId/services/:service',
      {
        schema: {
          tags,
          summary: 'Invoke a service of the thing model',
          params: Type.Object({
            deviceId: Type.String({ minLength: 1, maxLength: 64 }),
            service: Type.String({ minLength: 1, maxLength: 64 }),
          }),
          body: Type.Optional(
            Type.Object({ params: Type.Optional(Values) }, { additionalProperties: false }),
          ),
          response: commandResponses,
        },
      },
      async (request, reply) => {
        await reachable(request.principal, request.params.deviceId, 'device.control');
        const result = await commands.invokeService(
          request.params.deviceId,
          request.params.service,
          request.body?.params ?? {},
        );
        return sendCommand(result, reply);
      },
    );
    app.get(
      '/api/v1/devices/:deviceId/capabilities',
      {
        schema: {
          tags,
          summary:
            'The device’s capabilities: kind, bounds and last value in capability terms (what a screen draws)',
          params: Params,
          response: { 200: DeviceCapabilitiesSchema, ...errorResponses },
        },
      },
      async (request) => {
        const device = await reachable(request.principal, request.params.deviceId, 'device.read');
        const product = await devices.products.get(device.productKey);
        return { deviceId: device.id, capabilities: capabilityStates(product.resolved, device.properties) };
      },
    );
    app.post(
      '/api/v1/devices/:deviceId/capabilities',
      {
        schema: {
          tags,
          summary: 'Set capabilities ({ "power": true }) through the product mapping',
          params: Params,
          querystring: Type.Object({ queue: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
          body: Values,
          response: commandResponses,
        },
      },
      async (request, reply) => {
        await reachable(request.principal, request.params.deviceId, 'device.control');
        const result = await commands.setCapabilities(request.params.deviceId, request.body, {
          queueIfOffline: request.query.queue === true,
        });
        return sendCommand(result, reply);
      },
    );
  };
}
