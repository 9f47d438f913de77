import { networkInterfaces } from 'node:os';
import { Type } from 'typebox';
import { errorResponses } from '../schemas.js';
import type { RouteModule } from '../types.js';

/** What the hub-info route needs: the bound ports are read per request (the websocket listener may start later). */
export interface HubInfoDeps {
  version: string;
  publicUrl: string | undefined;
  /** The address the broker listens on: when it is one address (not 0.0.0.0 or ::), devices can only use that one. */
  mqttBindHost: string;
  mqttPort: () => number;
  mqttWsPort: () => number | null;
}

const HubInfoSchema = Type.Object(
  {
    version: Type.String(),
    mqtt: Type.Object({
      host: Type.String({ description: 'Host devices use to reach the broker' }),
      port: Type.Integer({ description: 'MQTT over TCP' }),
      wsPort: Type.Union([Type.Integer(), Type.Null()], {
        description: 'MQTT over websocket, null when off',
      }),
      url: Type.String({ description: 'mqtt://host:port' }),
    }),
    publicUrl: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'HubInfo' },
);

/** The machine's first non-internal IPv4 address, or null on a machine with only loopback. */
export function firstLanAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return null;
}

const wildcardHosts = new Set(['0.0.0.0', '::', '']);

// Devices are elsewhere on the network: a name they can resolve beats a wildcard listening address.
function mqttHost(deps: HubInfoDeps, requestHostname: string): string {
  if (deps.publicUrl) return new URL(deps.publicUrl).hostname.replace(/^\[(.*)\]$/, '$1');
  if (!wildcardHosts.has(deps.mqttBindHost)) return deps.mqttBindHost;
  return firstLanAddress() ?? (requestHostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1');
}

/** GET /api/v1/hub: the broker address devices and simulators must use, for any valid token. */
export function hubInfoRoutes(deps: HubInfoDeps): RouteModule {
  return (app) => {
    app.get(
      '/api/v1/hub',
      {
        schema: {
          tags: ['system'],
          summary: 'The hub version and the MQTT address devices must use',
          response: { 200: HubInfoSchema, ...errorResponses },
        },
      },
      async (request) => {
        const host = mqttHost(deps, request.hostname);
        const port = deps.mqttPort();
        const urlHost = host.includes(':') ? `[${host}]` : host;
        return {
          version: deps.version,
          mqtt: { host, port, wsPort: deps.mqttWsPort(), url: `mqtt://${urlHost}:${port}` },
          publicUrl: deps.publicUrl ?? null,
        };
      },
    );
  };
}
